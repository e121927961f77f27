/*
 * Building and preparing the design matrix: the bias column of the normal equation (seed 004),
 * powers of x for seed 003's high-order polynomial fits, one-hot targets for softmax regression,
 * standardized features, and a seeded train/test split.
 */
import { asTensor, random, ShapeError, Tensor, type TensorLike } from "../tensor";
import { uninitialized } from "../tensor/strided";
import { formatShape } from "../protocol";
import { flag, positiveNumber, seed as seedRule } from "../protocol/option-rules";
import { optionError, readOptions } from "../protocol/options";
import { checkLabelRange, classCount, denseData, labelsArg, type Labels } from "./validation";

/**
 * The design matrix with a column of ones first: X [m, n] → [1 X] of shape [m, n + 1], so that
 * ŷ = Xw puts the bias in w₀ (seed 004's `np.hstack((np.ones((m, 1)), X))`). A 1-D x [m] is
 * one feature: → [m, 2].
 */
export function addBias(X: TensorLike): Tensor {
  const x = asTensor(X, "addBias");
  if (x.ndim !== 1 && x.ndim !== 2) {
    throw new ShapeError("addBias", [x.shape], `X must be [m, n] or [m], got ${x.ndim}-D`);
  }
  const [m, n] = x.ndim === 2 ? x.shape : [x.shape[0], 1];
  const values = denseData(x);
  const width = n + 1;
  const out = uninitialized(m * width);
  // A plain loop per row: copying each row with set(subarray(...)) built a view per row and
  // made addBias of [100000, 100] 18× slower than numpy's hstack.
  for (let i = 0, from = 0, to = 0; i < m; i++, from += n, to += width) {
    out[to] = 1;
    for (let j = 0; j < n; j++) out[to + 1 + j] = values[from + j];
  }
  return new Tensor(out, [m, width]);
}

/**
 * Polynomial features of one input: x [m] (or [m, 1]) → [m, degree + 1] with columns
 * 1, x, x², …, x^degree (seed 003's order-10 and order-150 fits). The first column is the bias,
 * so the result goes straight into `normalEquation` / `ridgeNormalEquation`. High degrees on raw
 * x are badly conditioned: keep x in [−1, 1] or standardize it first.
 */
export function polynomialFeatures(x: TensorLike, degree: number): Tensor {
  const op = "polynomialFeatures";
  const t = asTensor(x, op);
  if (t.ndim !== 1 && !(t.ndim === 2 && t.shape[1] === 1)) {
    throw new ShapeError(
      op,
      [t.shape],
      `x must be one feature, [m] or [m, 1], got ${t.ndim === 2 ? `${t.shape[1]} columns` : `${t.ndim}-D`}`,
    );
  }
  if (!Number.isInteger(degree) || degree < 0) {
    throw new RangeError(`${op}: degree must be an integer ≥ 0, got ${degree}`);
  }
  const values = denseData(t);
  const m = values.length;
  const width = degree + 1;
  const out = new Float64Array(m * width);
  for (let i = 0; i < m; i++) {
    let power = 1;
    for (let j = 0; j < width; j++) {
      out[i * width + j] = power;
      power *= values[i];
    }
  }
  return new Tensor(out, [m, width]);
}

/**
 * One-hot rows: label c becomes the row with a 1 in column c (seed 004's `y_one_hot`). labels
 * [m] (Tensor, number[] or Int32Array) → [m, K]; K is `numClasses`, or one more than the largest
 * label.
 */
export function oneHot(labels: Labels, numClasses?: number): Tensor {
  const values = labelsArg("oneHot", "labels", labels);
  if (numClasses !== undefined && (!Number.isInteger(numClasses) || numClasses < 1)) {
    throw new RangeError(`oneHot: numClasses must be an integer ≥ 1, got ${numClasses}`);
  }
  const K = classCount(values, numClasses);
  checkLabelRange("oneHot", "labels", values, K);
  const out = new Float64Array(values.length * K);
  for (let i = 0; i < values.length; i++) out[i * K + values[i]] = 1;
  return new Tensor(out, [values.length, K]);
}

/** What `standardize` returns: the scaled data and the statistics to scale new data alike. */
export interface Standardized {
  /** (X − mean) / std, the same shape as the input. */
  X: Tensor;
  /** Column means, shape X.shape[1:] ([n] for a matrix, [] for a vector). */
  mean: Tensor;
  /** Column standard deviations (population, ddof = 0); 1 where a column is constant. */
  std: Tensor;
}

/**
 * Standardized features (x − μ) / σ per column, with μ and σ over the examples (axis 0): every
 * column gets mean 0 and standard deviation 1, so one learning rate suits all weights.
 * σ is the population standard deviation (scikit-learn's StandardScaler); a constant column
 * (variance within rounding of 0, scikit-learn's test) gets σ = 1 and becomes all zeros rather
 * than NaN. Pass `{ mean, std }` from the training data to scale test data the same way.
 */
export function standardize(
  X: TensorLike,
  stats?: { mean: TensorLike; std: TensorLike },
): Standardized {
  const op = "standardize";
  const x = asTensor(X, op);
  if (x.ndim < 1 || x.shape[0] === 0) {
    throw new ShapeError(op, [x.shape], "X needs an axis of examples with at least one row");
  }
  const m = x.shape[0];
  const width = x.size / m;
  const values = denseData(x);
  const featureShape = x.shape.slice(1);
  const { mean, std } =
    stats === undefined ? columnStats(values, m, width) : givenStats(op, stats, featureShape);
  const out = uninitialized(values.length);
  for (let row = 0; row < values.length; row += width) {
    for (let j = 0; j < width; j++) out[row + j] = (values[row + j] - mean[j]) / std[j];
  }
  return {
    X: new Tensor(out, x.shape),
    mean: new Tensor(mean, featureShape),
    std: new Tensor(std, featureShape),
  };
}

function columnStats(values: Float64Array, m: number, width: number) {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let row = 0; row < values.length; row += width) {
    for (let j = 0; j < width; j++) mean[j] += values[row + j];
  }
  for (let j = 0; j < width; j++) mean[j] /= m;
  for (let row = 0; row < values.length; row += width) {
    for (let j = 0; j < width; j++) {
      const deviation = values[row + j] - mean[j];
      std[j] += deviation * deviation;
    }
  }
  for (let j = 0; j < width; j++) {
    const variance = std[j] / m;
    // scikit-learn's bound on the rounding error of a variance: below it the column is constant.
    const bound = m * Number.EPSILON * variance + (m * mean[j] * Number.EPSILON) ** 2;
    std[j] = variance <= bound ? 1 : Math.sqrt(variance);
  }
  return { mean, std };
}

function givenStats(
  op: string,
  stats: { mean: TensorLike; std: TensorLike },
  featureShape: readonly number[],
) {
  const read = (name: "mean" | "std") => {
    const t = asTensor(stats[name], op);
    if (t.ndim !== featureShape.length || t.shape.some((d, i) => d !== featureShape[i])) {
      throw new ShapeError(
        op,
        [featureShape, t.shape],
        `${name} must have the shape of one row of X, ${formatShape(featureShape)}`,
      );
    }
    return denseData(t).slice();
  };
  return { mean: read("mean"), std: read("std") };
}

/** Options of `trainTestSplit`. */
export interface TrainTestSplitOptions {
  /** Fraction of the examples held out (0 < testSize < 1), or their number (an integer ≥ 1). Default 0.25. */
  testSize?: number;
  /** Seed of the shuffle; the same seed gives the same split. Default 0. */
  seed?: number | string;
  /** Shuffle before splitting; false keeps the order (the test set is the last rows). Default true. */
  shuffle?: boolean;
}

/** The four parts of a split; the targets keep the kind they were given in. */
export interface TrainTestSplit<Y> {
  XTrain: Tensor;
  XTest: Tensor;
  yTrain: Y;
  yTest: Y;
}

/**
 * Splits the examples (rows) of X and y into a training and a test set, as scikit-learn's
 * train_test_split: ⌈testSize·m⌉ test rows, the rest for training, after a seeded shuffle.
 * y may be a Tensor (rows are taken), an Int32Array or a number[]; each part comes back in the
 * same kind.
 */
export function trainTestSplit<Y extends Tensor | Int32Array | readonly number[]>(
  X: TensorLike,
  y: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<Y> {
  const op = "trainTestSplit";
  const { testSize, seed, shuffle } = readOptions(op, options, {
    testSize: positiveNumber(0.25),
    seed: seedRule(0),
    shuffle: flag(true),
  });
  const x = asTensor(X, op);
  const m = x.ndim === 0 ? 0 : x.shape[0];
  const yRows = y instanceof Tensor ? (y.ndim === 0 ? 0 : y.shape[0]) : y.length;
  if (yRows !== m) {
    throw new ShapeError(
      op,
      [x.shape, [yRows]],
      `X has ${m} rows (examples) but y has ${yRows}: they must match`,
    );
  }
  const testCount = testRows(op, testSize, m);
  // scikit-learn's layout: shuffled, the test rows come first; in order, they are the last ones.
  const order = shuffle ? random(seed).permutation(m) : Int32Array.from({ length: m }, (_, i) => i);
  const test = shuffle ? order.subarray(0, testCount) : order.subarray(m - testCount);
  const train = shuffle ? order.subarray(testCount) : order.subarray(0, m - testCount);
  return {
    XTrain: takeRows(x, train),
    XTest: takeRows(x, test),
    yTrain: takeTargets(y, train),
    yTest: takeTargets(y, test),
  };
}

function testRows(op: string, size: number, m: number): number {
  const count = size < 1 ? Math.ceil(size * m) : size;
  if (!Number.isInteger(count) || count >= m) {
    const expected = `a fraction in (0, 1) or a whole number of rows below ${m} (the number of examples)`;
    throw optionError(op, "testSize", expected, size);
  }
  return count;
}

/** The rows of x at `rows` (axis 0), as a new contiguous tensor. */
function takeRows(x: Tensor, rows: Int32Array): Tensor {
  const width = x.ndim === 0 ? 1 : x.size / Math.max(x.shape[0], 1);
  const values = denseData(x);
  const out = uninitialized(rows.length * width);
  // A loop per row rather than set(subarray(...)), which builds a view per row (see addBias).
  for (let i = 0, to = 0; i < rows.length; i++, to += width) {
    const from = rows[i] * width;
    for (let j = 0; j < width; j++) out[to + j] = values[from + j];
  }
  return new Tensor(out, [rows.length, ...x.shape.slice(1)]);
}

function takeTargets<Y extends Tensor | Int32Array | readonly number[]>(y: Y, rows: Int32Array): Y {
  if (y instanceof Tensor) return takeRows(y, rows) as Y;
  if (y instanceof Int32Array) return Int32Array.from(rows, (row) => y[row]) as Y;
  return Array.from(rows, (row) => (y as readonly number[])[row]) as unknown as Y;
}
