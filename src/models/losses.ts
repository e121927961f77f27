/*
 * The loss functions of the course (seed 004): mean squared error for regression, binary and
 * multi-class cross-entropy for classification. Each returns one number, the mean over the
 * examples, ready for a cost history or `gradcheck`.
 *
 * Probabilities are clipped to [ε, 1 − ε] with ε = 2.22e-16 (float64's machine epsilon) before
 * the logarithm, exactly as scikit-learn's `log_loss`, so a confident wrong answer (p = 0 for
 * y = 1) costs −log ε ≈ 36.04 instead of Infinity and p = 1 for y = 1 costs ≈ 2.2e-16, not NaN.
 * With `{ fromLogits: true }` the second argument is the logit z instead, and the loss is
 * computed from z directly (log-sum-exp), with no clipping and no overflow for any z.
 */
import { asTensor, ShapeError, type Tensor, type TensorLike } from "../tensor";
import { logSumExp, softplusOf } from "./activations";
import { flag } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { checkLabelRange, denseData, labelsArg } from "./validation";

/** Options of `binaryCrossEntropy` and `crossEntropy`. */
export interface CrossEntropyOptions {
  /** The second argument holds logits z (before the sigmoid/softmax), not probabilities. Default false. */
  fromLogits?: boolean;
}

/** Float64's machine epsilon, scikit-learn's clipping bound for probabilities. */
const EPS = 2.220446049250313e-16;

/**
 * Mean squared error (1/N) Σ (ŷ − y)² over all N elements (seed 004). y and ŷ must have the same
 * shape: [m] against [m, 1] would broadcast to [m, m] and average the wrong thing. The course's
 * cost J = (1/2m) Σ (ŷ − y)² is mse / 2.
 */
export function mse(y: TensorLike, yHat: TensorLike): number {
  const target = asTensor(y, "mse");
  const prediction = asTensor(yHat, "mse");
  checkSameShape("mse", "y", target, "yHat", prediction);
  const a = denseData(target);
  const b = denseData(prediction);
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (b[i] - a[i]) ** 2;
  return total / a.length;
}

/**
 * Binary cross-entropy, the logistic-regression loss of seed 004, averaged over the examples:
 * −(1/m) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]. y: labels 0/1 (a Tensor, number[] or
 * Int32Array; soft targets in [0, 1] are accepted too); p: the probabilities ŷ, same shape.
 * Probabilities are clipped to [ε, 1 − ε] (see the file comment); with `{ fromLogits: true }`
 * p is the logit z and each term is softplus(z) − y·z.
 */
export function binaryCrossEntropy(
  y: TensorLike,
  p: TensorLike,
  options: CrossEntropyOptions = {},
): number {
  const op = "binaryCrossEntropy";
  const { fromLogits } = readOptions(op, options, { fromLogits: flag(false) });
  const target = asTensor(y, op);
  const prediction = asTensor(p, op);
  checkSameShape(op, "y", target, "p", prediction);
  const t = denseData(target);
  const q = denseData(prediction);
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    if (!(t[i] >= 0 && t[i] <= 1)) {
      throw new RangeError(`${op}: y[${i}] = ${t[i]} is not a label 0/1 (or a target in [0, 1])`);
    }
    if (fromLogits) {
      total += softplusOf(q[i]) - t[i] * q[i];
    } else {
      const probability = clippedProbability(op, "p", i, q[i]);
      total -= xlogy(t[i], probability) + xlogy(1 - t[i], 1 - probability);
    }
  }
  return total / t.length;
}

/**
 * Multi-class cross-entropy (seed 004, softmax regression), averaged over the examples:
 * −(1/m) Σᵢ Σ_c y_ic log ŷ_ic. Y: one-hot rows [m, K] or integer labels [m] (a Tensor, a
 * number[] or an Int32Array); P: the probabilities ŷ [m, K] (rows of a softmax). Probabilities
 * are clipped to [ε, 1 − ε]; with `{ fromLogits: true }` P holds the logits Z and each row costs
 * −Σ_c y_c (z_c − log Σⱼ e^(z_j)), computed by log-sum-exp.
 */
export function crossEntropy(
  Y: TensorLike,
  P: TensorLike,
  options: CrossEntropyOptions = {},
): number {
  const op = "crossEntropy";
  const { fromLogits } = readOptions(op, options, { fromLogits: flag(false) });
  const scores = asTensor(P, op);
  if (scores.ndim !== 2) {
    throw new ShapeError(
      op,
      [scores.shape],
      `P must be [m, K] (one row of class scores per example), got ${scores.ndim}-D`,
      { operand: 1 },
    );
  }
  const [m, K] = scores.shape;
  const targets = targetRows(op, asTensor(Y, op), scores);
  const s = denseData(scores);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const row = i * K;
    const lse = fromLogits ? logSumExp(s, row, K) : 0;
    for (let c = 0; c < K; c++) {
      const y = targets[row + c];
      if (y === 0) continue;
      total -= fromLogits
        ? y * (s[row + c] - lse)
        : xlogy(y, clippedProbability(op, "P", row + c, s[row + c]));
    }
  }
  return total / m;
}

/** Y as dense rows [m·K]: one-hot rows built from labels [m], or the given [m, K] targets. */
function targetRows(op: string, Y: Tensor, scores: Tensor): Float64Array {
  const [m, K] = scores.shape;
  if (Y.ndim === 1) {
    const labels = labelsArg(op, "Y", Y, m);
    checkLabelRange(op, "Y", labels, K);
    const rows = new Float64Array(m * K);
    for (let i = 0; i < m; i++) rows[i * K + labels[i]] = 1;
    return rows;
  }
  checkSameShape(op, "Y", Y, "P", scores);
  return denseData(Y);
}

/** y·log(x), 0 when y = 0 (as scipy's xlogy), so 0·log 0 does not make NaN. */
function xlogy(y: number, x: number): number {
  return y === 0 ? 0 : y * Math.log(x);
}

/** p clipped to [ε, 1 − ε]; a value outside [0, 1] is refused (probably a logit). */
function clippedProbability(op: string, name: string, index: number, p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(
      `${op}: ${name} holds ${p} (flat index ${index}), not a probability in [0, 1]; ` +
        "pass { fromLogits: true } if these are logits",
    );
  }
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function checkSameShape(op: string, aName: string, a: Tensor, bName: string, b: Tensor): void {
  if (a.ndim === b.ndim && a.shape.every((d, i) => d === b.shape[i])) return;
  throw new ShapeError(
    op,
    [a.shape, b.shape],
    `${aName} and ${bName} must have the same shape (reshape one of them: [m] against [m, 1] ` +
      "would broadcast to [m, m])",
  );
}
