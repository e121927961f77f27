/*
 * The geometry of L2 regularization (seed 002). Near the unregularized optimum w* the loss is
 * quadratic with Hessian H, and adding (α/2)‖w‖² moves the optimum to
 *
 *   w̃ = (H + αI)⁻¹ H w* = Q diag(λᵢ / (λᵢ + α)) Qᵀ w*,   H = Q Λ Qᵀ,
 *
 * so along each eigenvector of H the weight shrinks by λᵢ/(λᵢ + α): directions of large
 * curvature (λᵢ ≫ α) keep their weight, flat ones (λᵢ ≪ α) lose it, and the sum of the factors
 * is the effective number of parameters.
 */
import { nonNegativeNumber } from "../protocol/option-rules";
import { readArgument } from "../protocol/options";
import { asTensor, ShapeError, Tensor, type TensorLike } from "../tensor";
import * as linalg from "../tensor/linalg";
import { denseData } from "./validation";

/** What `l2Shrinkage` returns. */
export interface L2Shrinkage {
  /** Eigenvalues λᵢ of H, ascending (values within rounding error of 0 are set to exactly 0). */
  eigenvalues: Tensor;
  /** Eigenvectors of H as the columns of Q [n, n], in the order of `eigenvalues`. */
  eigenvectors: Tensor;
  /** Shrink factor λᵢ/(λᵢ + α) of each eigen-direction, in [0, 1), same order. */
  factors: Tensor;
  /** The effective number of parameters Σᵢ λᵢ/(λᵢ + α) (n when α = 0 and H is invertible). */
  effectiveParams: number;
}

/**
 * Seed 002's eigen-analysis of L2 regularization: for a symmetric positive semi-definite H
 * [n, n] (the Hessian of the loss at w*, e.g. XᵀX/m for squared error) and α ≥ 0, the
 * eigenvalues λᵢ of H (ascending), its eigenvectors, the per-direction factors λᵢ/(λᵢ + α) and
 * their sum, the effective number of parameters. A direction with λᵢ = 0 gets factor 0.
 */
export function l2Shrinkage(H: TensorLike, alpha: number): L2Shrinkage {
  const op = "l2Shrinkage";
  const { values, vectors } = eigenSystem(op, H, alpha);
  const factors = new Float64Array(values.length);
  let effectiveParams = 0;
  for (let i = 0; i < values.length; i++) {
    factors[i] = values[i] === 0 ? 0 : values[i] / (values[i] + alpha);
    effectiveParams += factors[i];
  }
  return {
    eigenvalues: new Tensor(values, [values.length]),
    eigenvectors: vectors,
    factors: new Tensor(factors, [values.length]),
    effectiveParams,
  };
}

/**
 * The regularized optimum w̃ = Q diag(λᵢ/(λᵢ + α)) Qᵀ w* = (H + αI)⁻¹ H w* of seed 002, from
 * the unregularized optimum w* [n] and the Hessian H [n, n]: rotate w* into H's eigenbasis,
 * scale each coordinate by its factor, rotate back. A lesson plots w̃ against w*.
 */
export function ridgeFromOptimum(H: TensorLike, wStar: TensorLike, alpha: number): Tensor {
  const op = "ridgeFromOptimum";
  const { factors, eigenvectors } = l2Shrinkage(H, alpha);
  const w = asTensor(wStar, op);
  const n = factors.size;
  if (w.ndim !== 1 || w.shape[0] !== n) {
    throw new ShapeError(op, [[n, n], w.shape], `wStar must be a vector [${n}] to match H`, {
      operand: 1,
    });
  }
  const coordinates = eigenvectors.T.matmul(w);
  return eigenvectors.matmul(coordinates.mul(factors));
}

function eigenSystem(
  op: string,
  H: TensorLike,
  alpha: number,
): { values: Float64Array; vectors: Tensor } {
  readArgument(op, "alpha (α)", alpha, nonNegativeNumber());
  const h = asTensor(H, op);
  if (h.ndim !== 2 || h.shape[0] !== h.shape[1] || h.shape[0] === 0) {
    throw new ShapeError(op, [h.shape], "H must be a square matrix [n, n]", { operand: 0 });
  }
  const n = h.shape[0];
  const entries = denseData(h);
  let scale = 0;
  for (const value of entries) {
    if (!Number.isFinite(value)) throw new RangeError(`${op}: H has a non-finite entry (${value})`);
    scale = Math.max(scale, Math.abs(value));
  }
  const roundoff = 64 * n * Number.EPSILON * scale;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(entries[i * n + j] - entries[j * n + i]) > roundoff) {
        throw new RangeError(
          `${op}: H must be symmetric, but H[${i}, ${j}] = ${entries[i * n + j]} and H[${j}, ${i}] = ${entries[j * n + i]}`,
        );
      }
    }
  }
  const { values, vectors } = linalg.eigh(h);
  const lambdas = values.data.slice();
  for (let i = 0; i < n; i++) {
    if (lambdas[i] < -roundoff) {
      throw new RangeError(
        `${op}: H must be positive semi-definite (a Hessian at a minimum), but it has the eigenvalue ${lambdas[i]}`,
      );
    }
    if (lambdas[i] <= roundoff) lambdas[i] = 0;
  }
  return { values: lambdas, vectors };
}
