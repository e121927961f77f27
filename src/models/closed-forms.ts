/*
 * Linear regression in closed form: the normal equation of seed 004 and the regularized normal
 * equation of seed 003. Both take the design matrix as the lessons build it, bias column of ones
 * included (see `addBias`), and neither ever forms a matrix inverse: inverting XᵀX squares the
 * condition number of X and fails outright when XᵀX is singular.
 */
import { LinAlgError, matmul, Tensor, type TensorLike } from "../tensor";
import * as linalg from "../tensor/linalg";
import { formatShape } from "../protocol";
import { flag, nonNegativeNumber, positiveInteger } from "../protocol/option-rules";
import { readArgument, readOptions } from "../protocol/options";
import { checkFinite, matrixArg, matrixShape, targetsArg } from "./validation";

/**
 * The least-squares weights of linear regression, w minimizing ‖Xw − y‖² (seed 004's normal
 * equation XᵀXw = Xᵀy, i.e. w = (XᵀX)⁻¹Xᵀy when XᵀX is invertible). X: the design matrix
 * [m, n] (bias column included); y: [m] → w: [n], or y: [m, k] → w: [n, k].
 *
 * Solved by `linalg.lstsq` (the SVD), never by inverting XᵀX: when XᵀX is singular (more
 * features than examples, or a repeated column) the answer is the minimum-norm solution X⁺y,
 * numpy's `np.linalg.lstsq(X, y)[0]`.
 */
export function normalEquation(X: TensorLike, y: TensorLike): Tensor {
  const design = matrixArg("normalEquation", "X", X);
  const targets = targetsArg("normalEquation", "y", y, design);
  return linalg.lstsq(design, targets);
}

/** Options of `ridgeNormalEquation` and `ridgePenaltyMatrix`. */
export interface RidgeOptions {
  /**
   * Penalize w₀ too (L = I). Default false: L = diag(0, 1, …, 1) leaves column 0, the bias, free,
   * as seed 003 does, so shifting y by a constant shifts only the bias.
   */
  penalizeBias?: boolean;
}

const RIDGE_OPTIONS = { penalizeBias: flag(false) };

/**
 * Seed 003's matrix L of the regularized normal equation: the n×n identity with L[0, 0] = 0
 * (`{ penalizeBias: true }` keeps the 1), so λ·wᵀLw = λ Σ_{j≥1} w_j² leaves the bias alone.
 */
export function ridgePenaltyMatrix(n: number, options: RidgeOptions = {}): Tensor {
  const { penalizeBias } = readOptions("ridgePenaltyMatrix", options, RIDGE_OPTIONS);
  readArgument("ridgePenaltyMatrix", "n", n, positiveInteger());
  const L = new Float64Array(n * n);
  for (let j = penalizeBias ? 0 : 1; j < n; j++) L[j * n + j] = 1;
  return new Tensor(L, [n, n]);
}

/**
 * The ridge-regression weights of seed 003's regularized normal equation
 *
 *   w = (XᵀX + λL)⁻¹ Xᵀy,   L = diag(0, 1, …, 1)  (L = I with `{ penalizeBias: true }`),
 *
 * the minimizer of (1/2m)‖Xw − y‖² + (λ/2m) Σ_{j≥1} w_j² (the m cancels). X: the design matrix
 * [m, n] with the bias column first; y: [m] → w: [n], or [m, k] → [n, k]; λ ≥ 0.
 *
 * XᵀX + λL is symmetric positive definite for λ > 0 (as long as the bias column is not all
 * zeros), so it is solved by Cholesky, A = CCᵀ, and two triangular solves; no inverse is formed.
 * Throws LinAlgError when it is not positive definite (λ = 0 with dependent columns: use
 * `normalEquation` for the minimum-norm answer).
 */
export function ridgeNormalEquation(
  X: TensorLike,
  y: TensorLike,
  lambda: number,
  options: RidgeOptions = {},
): Tensor {
  const op = "ridgeNormalEquation";
  const { penalizeBias } = readOptions(op, options, RIDGE_OPTIONS);
  readArgument(op, "lambda (λ)", lambda, nonNegativeNumber());
  const design = matrixShape(op, "X", X);
  const targets = targetsArg(op, "y", y, design);
  const n = design.shape[1];
  // matmul spots Xᵀ·X and computes only one triangle of the symmetric product.
  const A = matmul(design.T, design);
  for (let j = penalizeBias ? 0 : 1; j < n; j++) A.data[j * n + j] += lambda;
  const rhs = matmul(design.T, targets);
  let C: Tensor;
  try {
    C = linalg.cholesky(A);
  } catch (error) {
    if (!(error instanceof LinAlgError)) throw error;
    // A NaN or ±Infinity in X spoils XᵀX first: name it rather than blame the matrix.
    checkFinite(op, "X", design);
    throw new LinAlgError(
      `${op}: XᵀX + λL is not positive definite (λ = ${lambda}, X ${formatShape(design.shape)}): the ` +
        "columns of X are linearly dependent and λ does not cover them. Use λ > 0 (with a " +
        "nonzero bias column), { penalizeBias: true }, or normalEquation for the minimum-norm answer.",
    );
  }
  choleskySolveInPlace(C.data, n, rhs.data, rhs.ndim === 2 ? rhs.shape[1] : 1);
  if (!rhs.data.every(Number.isFinite)) checkFinite(op, "X", design);
  return rhs;
}

/**
 * Solves (CCᵀ)·W = B in place for a lower-triangular C [n, n] (row-major) and B [n, k]
 * (row-major), by forward substitution C·Z = B then back substitution Cᵀ·W = Z.
 */
function choleskySolveInPlace(C: Float64Array, n: number, B: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < i; p++) {
      const c = C[i * n + p];
      for (let col = 0; col < k; col++) B[i * k + col] -= c * B[p * k + col];
    }
    const pivot = C[i * n + i];
    for (let col = 0; col < k; col++) B[i * k + col] /= pivot;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) {
      const c = C[p * n + i];
      for (let col = 0; col < k; col++) B[i * k + col] -= c * B[p * k + col];
    }
    const pivot = C[i * n + i];
    for (let col = 0; col < k; col++) B[i * k + col] /= pivot;
  }
}
