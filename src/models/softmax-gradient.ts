/*
 * The gradient of softmax regression's cross-entropy for a batch of examples (seed 004): the
 * per-example outer products x(ŷ − y)ᵀ of the seed, summed over the batch in one contraction,
 * einsum('ni,nk->ik', X_B, Ŷ − Y) = X_Bᵀ(Ŷ − Y). The trainer calls `batchGradient` on every
 * batch; `softmaxGradient` is the same computation on the whole data set, for lessons and
 * gradient checks.
 */
import { nonNegativeNumber } from "../protocol/option-rules";
import { readArgument } from "../protocol/options";
import { asTensor, dot, matmulInto, ShapeError, Tensor, type TensorLike, zeros } from "../tensor";
import { einsumInto } from "../tensor/einsum";
import { logSumExp } from "./activations";
import { classTargets, denseData, matrixArg } from "./validation";

/** The gradient of the mean cross-entropy and the loss itself, from `softmaxGradient`. */
export interface SoftmaxGradient {
  /** ∂J/∂W [n, K]. */
  dW: Tensor;
  /** ∂J/∂b [K]. */
  db: Tensor;
  /** J: the mean cross-entropy, plus (λ/2m)‖W‖²_F. */
  loss: number;
}

/**
 * The full-batch gradient of J(W, b) = (1/m) Σᵢ CE(yᵢ, softmax(xᵢW + b)) + (λ/2m)‖W‖²_F:
 * ∂J/∂W = (1/m) Xᵀ(Ŷ − Y) + (λ/m)W, the mean of the seed's per-example outer products
 * xᵢ(ŷᵢ − yᵢ)ᵀ, computed as one einsum 'ni,nk->ik' (the same code the trainer runs on each
 * batch), and ∂J/∂b = (1/m) Σᵢ (ŷᵢ − yᵢ). X [m, n]; Y one-hot [m, K] or labels; W [n, K];
 * b [K]. For gradient checks and for lessons that write their own loop.
 */
export function softmaxGradient(
  X: TensorLike,
  Y: TensorLike,
  W: TensorLike,
  b: TensorLike,
  lambda = 0,
): SoftmaxGradient {
  const op = "softmaxGradient";
  const design = matrixArg(op, "X", X).contiguous();
  const [m, n] = design.shape;
  const weights = asTensor(W, op);
  const K = weights.ndim === 2 ? weights.shape[1] : -1;
  if (weights.ndim !== 2 || weights.shape[0] !== n) {
    throw new ShapeError(
      op,
      [design.shape, weights.shape],
      `W must be [n, K] with n = ${n}, the number of columns of X`,
      { operand: 1 },
    );
  }
  const bias = asTensor(b, op);
  if (bias.ndim !== 1 || bias.shape[0] !== K) {
    throw new ShapeError(
      op,
      [weights.shape, bias.shape],
      `b must be [K] = [${K}], one bias per column of W`,
      {
        operand: 1,
      },
    );
  }
  readArgument(op, "lambda (λ)", lambda, nonNegativeNumber(0));
  const { rows } = classTargets(op, Y, m, K);
  const dW = zeros([n, K]);
  const db = new Float64Array(K);
  const Xb = new Tensor(denseData(design), [m, n]);
  const w = weights.clone();
  const total = batchGradient(Xb, rows, w, denseData(bias).slice(), zeros([m, K]), dW, db);
  for (let j = 0; j < dW.size; j++) dW.data[j] = dW.data[j] / m + (lambda / m) * w.data[j];
  for (let c = 0; c < K; c++) db[c] /= m;
  return {
    dW,
    db: new Tensor(db, [K]),
    loss: total / m + (lambda / (2 * m)) * dot(w.data, w.data).item(),
  };
}

/**
 * One batch: Z = X_B W + b, Ŷ = softmax(Z) row by row, G = Ŷ − Y_B (written over Z), then
 * dW = einsum('ni,nk->ik', X_B, G) and db = Σ_rows G (sums; the caller divides by |B|).
 * Returns the summed cross-entropy of the batch, −Σ_c y_c (z_c − logsumexp(z)) per row.
 */
export function batchGradient(
  Xb: Tensor,
  Yb: Float64Array,
  W: Tensor,
  b: Float64Array,
  Z: Tensor,
  dW: Tensor,
  db: Float64Array,
): number {
  const K = b.length;
  matmulInto(Z, Xb, W);
  const z = Z.data;
  db.fill(0);
  let total = 0;
  for (let row = 0; row < Z.size; row += K) {
    for (let c = 0; c < K; c++) z[row + c] += b[c];
    const lse = logSumExp(z, row, K);
    for (let c = 0; c < K; c++) {
      const y = Yb[row + c];
      if (y !== 0) total -= y * (z[row + c] - lse);
      const g = Math.exp(z[row + c] - lse) - y;
      z[row + c] = g;
      db[c] += g;
    }
  }
  einsumInto(dW, "ni,nk->ik", Xb, Z);
  return total;
}
