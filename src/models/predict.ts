/*
 * Predictions of the fitted classifiers. One pair of functions serves both: a model with a
 * weight vector `w` is binary logistic regression (σ(Xw + b)), a model with a weight matrix `W`
 * is softmax regression (softmax(XW + b)), so `predict(X, logisticRegressionSGD(X, y))` and
 * `predict(X, softmaxRegression(X, Y))` read the same.
 */
import { asTensor, matmul, ShapeError, Tensor, type TensorLike } from "../tensor";
import { sigmoid, softmax } from "./activations";
import { probability } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { denseData, matrixArg } from "./validation";

/** A fitted binary logistic regression: P(y = 1 | x) = σ(x·w + b). */
export interface BinaryClassifier {
  w: TensorLike;
  b: number | TensorLike;
}

/** A fitted softmax regression: P(class c | x) = softmax(xW + b)_c. */
export interface SoftmaxClassifier {
  W: TensorLike;
  b: TensorLike;
}

/** Options of `predict`. */
export interface PredictOptions {
  /** Binary models: predict 1 when P(y = 1 | x) ≥ threshold. Default 0.5 (seed 004). */
  threshold?: number;
}

/**
 * Class probabilities for the examples X [m, n]: for a binary model (`{ w, b }`) the vector
 * ŷ = σ(Xw + b) [m] of P(y = 1 | x); for a softmax model (`{ W, b }`) the matrix
 * Ŷ = softmax(XW + b) [m, K], each row summing to 1.
 */
export function predictProba(X: TensorLike, model: BinaryClassifier | SoftmaxClassifier): Tensor {
  const op = "predictProba";
  const design = matrixArg(op, "X", X);
  if ("W" in model) return softmax(logits(op, design, model.W, model.b, 2));
  return sigmoid(logits(op, design, model.w, model.b, 1));
}

/**
 * Predicted class labels [m] as an Int32Array: 1 where σ(Xw + b) ≥ threshold (else 0) for a
 * binary model, the most probable class argmax_c (XW + b)_c for a softmax model.
 */
export function predict(
  X: TensorLike,
  model: BinaryClassifier | SoftmaxClassifier,
  options: PredictOptions = {},
): Int32Array {
  const op = "predict";
  const { threshold } = readOptions(op, options, { threshold: probability(0.5) });
  const design = matrixArg(op, "X", X);
  const m = design.shape[0];
  const labels = new Int32Array(m);
  if ("W" in model) {
    const scores = denseData(logits(op, design, model.W, model.b, 2));
    const K = scores.length / m;
    for (let i = 0; i < m; i++) {
      let best = 0;
      for (let c = 1; c < K; c++) if (scores[i * K + c] > scores[i * K + best]) best = c;
      labels[i] = best;
    }
    return labels;
  }
  const probabilities = denseData(sigmoid(logits(op, design, model.w, model.b, 1)));
  for (let i = 0; i < m; i++) labels[i] = probabilities[i] >= threshold ? 1 : 0;
  return labels;
}

/** XW + b after checking that W has `rank` axes and fits X, and b fits W. */
function logits(
  op: string,
  X: Tensor,
  weights: TensorLike,
  bias: number | TensorLike,
  rank: 1 | 2,
): Tensor {
  const W = asTensor(weights, op);
  const b = asTensor(bias, op);
  const name = rank === 1 ? "w" : "W";
  if (W.ndim !== rank || W.shape[0] !== X.shape[1]) {
    throw new ShapeError(
      op,
      [X.shape, W.shape],
      `${name} must be ${rank === 1 ? "[n]" : "[n, K]"} with n = ${X.shape[1]}, the number of columns of X`,
      { operand: 1 },
    );
  }
  const expected = rank === 1 ? 1 : W.shape[1];
  if (b.size !== expected || b.ndim > 1) {
    throw new ShapeError(
      op,
      [W.shape, b.shape],
      rank === 1
        ? "b must be a single number"
        : `b must be [K] = [${expected}], one bias per class`,
      { operand: 1 },
    );
  }
  return matmul(X, W).add(rank === 1 ? b.reshape([]) : b);
}
