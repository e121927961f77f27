/*
 * How good a fitted model is, in scikit-learn's conventions: accuracy and the confusion matrix
 * for classifiers (seed 004's `calculate_accuracy`), the coefficient of determination R² for
 * regression.
 */
import { asTensor, ShapeError, Tensor, type TensorLike } from "../tensor";
import { checkLabelRange, classCount, denseData, labelsArg } from "./validation";

/**
 * The fraction of examples whose predicted class equals the true one, in [0, 1] (seed 004
 * prints it × 100). Both arguments are class labels [m] (a Tensor, number[] or Int32Array); a
 * 2-D [m, K] tensor (one-hot rows or predicted probabilities) counts as the argmax of each row,
 * so `accuracy(Y, predictProba(X, model))` works too.
 */
export function accuracy(yTrue: TensorLike, yPred: TensorLike): number {
  const truth = classLabels("accuracy", "yTrue", yTrue);
  const predicted = classLabels("accuracy", "yPred", yPred);
  checkSameLength("accuracy", truth, predicted);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / truth.length;
}

/**
 * The confusion matrix C [K, K]: C[i, j] counts the examples of true class i predicted as class
 * j (scikit-learn's layout: rows are the truth, the diagonal the correct answers). K is
 * `numClasses`, or one more than the largest label seen. Labels as in `accuracy`.
 */
export function confusionMatrix(yTrue: TensorLike, yPred: TensorLike, numClasses?: number): Tensor {
  const op = "confusionMatrix";
  const truth = classLabels(op, "yTrue", yTrue);
  const predicted = classLabels(op, "yPred", yPred);
  checkSameLength(op, truth, predicted);
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1)) {
    throw new RangeError(`${op}: numClasses must be an integer ≥ 1, got ${numClasses}`);
  }
  const K = numClasses ?? Math.max(classCount(truth), classCount(predicted), 1);
  checkLabelRange(op, "yTrue", truth, K);
  checkLabelRange(op, "yPred", predicted, K);
  const counts = new Float64Array(K * K);
  for (let i = 0; i < truth.length; i++) counts[truth[i] * K + predicted[i]]++;
  return new Tensor(counts, [K, K]);
}

/**
 * The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: 1 for a perfect fit, 0 for
 * predicting the mean, negative for worse. y and ŷ: [m], or [m, k] for k outputs (then the mean
 * of the k columns' R², scikit-learn's default). A constant column scores 1 if predicted
 * exactly, else 0 (scikit-learn's `force_finite`).
 */
export function r2(y: TensorLike, yHat: TensorLike): number {
  const target = asTensor(y, "r2");
  const prediction = asTensor(yHat, "r2");
  const sameShape =
    target.ndim === prediction.ndim && target.shape.every((d, i) => d === prediction.shape[i]);
  if (!sameShape || target.ndim < 1 || target.ndim > 2 || target.shape[0] === 0) {
    throw new ShapeError(
      "r2",
      [target.shape, prediction.shape],
      "y and yHat must have the same shape, [m] or [m, k], with at least one example",
    );
  }
  const m = target.shape[0];
  const k = target.ndim === 2 ? target.shape[1] : 1;
  const t = denseData(target);
  const p = denseData(prediction);
  let total = 0;
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += t[i * k + c];
    mean /= m;
    let residual = 0;
    let spread = 0;
    for (let i = 0; i < m; i++) {
      residual += (t[i * k + c] - p[i * k + c]) ** 2;
      spread += (t[i * k + c] - mean) ** 2;
    }
    if (spread !== 0) total += 1 - residual / spread;
    else total += residual === 0 ? 1 : 0;
  }
  return total / k;
}

/** Labels [m] as integers; a [m, K] tensor (K > 1) becomes the argmax of each row. */
function classLabels(op: string, name: string, value: TensorLike): Int32Array {
  const t = value instanceof Int32Array ? null : asTensor(value, op);
  if (t === null || t.ndim !== 2 || t.shape[1] === 1) {
    return labelsArg(op, name, t ?? (value as Int32Array));
  }
  const [m, K] = t.shape;
  const rows = denseData(t);
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let c = 1; c < K; c++) if (rows[i * K + c] > rows[i * K + best]) best = c;
    labels[i] = best;
  }
  return labels;
}

function checkSameLength(op: string, truth: Int32Array, predicted: Int32Array): void {
  if (truth.length === predicted.length && truth.length > 0) return;
  throw new ShapeError(
    op,
    [[truth.length], [predicted.length]],
    truth.length === 0
      ? "no examples to score"
      : `yTrue has ${truth.length} labels but yPred has ${predicted.length}: one prediction per example`,
  );
}
