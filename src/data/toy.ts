/*
 * Seeded generators for the seeds' toy data. The same options and seed give the same numbers on
 * every machine (random(seed) underneath), so a lesson's plots and a grader's expected values
 * agree with the student's run.
 */
import { asTensor, random, Tensor, type TensorLike } from "../tensor";
import { einsum } from "../tensor/einsum";

/** Options of `makeLinear`. */
export interface MakeLinearOptions {
  /** Number of examples. Default 20 (seed 004's `number_of_datapoints`). */
  m?: number;
  /** The true weights, bias first. Default [0.5, 1] (seed 004's `w_real`). */
  w?: readonly number[];
  /** Random seed. Default 0. */
  seed?: number | string;
}

/**
 * Seed 004's exercise 1.1: a design matrix X [m, d] of N(0, 1) draws whose first column is then
 * set to 1 (the bias column), and y = Xw exactly, with no noise, for d = w.length (2 by
 * default). The normal equation recovers w to rounding error.
 */
export function makeLinear(options: MakeLinearOptions = {}): { X: Tensor; y: Tensor; w: Tensor } {
  const op = "makeLinear";
  checkKeys(op, options, ["m", "w", "seed"]);
  const m = count(op, "m", options.m, 20);
  const w = Float64Array.from(options.w ?? [0.5, 1]);
  if (w.length === 0 || !w.every(Number.isFinite)) {
    throw new RangeError(`${op}: option w must be a non-empty list of finite weights`);
  }
  const d = w.length;
  const X = random(options.seed ?? 0).normal([m, d]);
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    X.data[i * d] = 1;
    for (let j = 0; j < d; j++) y[i] += X.data[i * d + j] * w[j];
  }
  return { X, y: new Tensor(y, [m]), w: new Tensor(w, [d]) };
}

/** Options of `makePolynomial`. */
export interface MakePolynomialOptions {
  /** Number of examples. Default 30. */
  m?: number;
  /** Coefficients c₀, c₁, … of y = Σ c_j x^j. Default [1, −2, 0, 3] (1 − 2x + 3x³). */
  coefficients?: readonly number[];
  /** Standard deviation of the Gaussian noise added to y. Default 0.1. */
  noise?: number;
  /** Interval [low, high) x is drawn from. Default [−1, 1]. */
  range?: readonly [number, number];
  /** Random seed. Default 0. */
  seed?: number | string;
}

/**
 * Noisy samples of a polynomial, for seed 003's over- and underfitting with high-order
 * polynomial regression: x [m] uniform in `range`, sorted ascending (so lines plot cleanly), and
 * y = Σ_j c_j x^j + noise·N(0, 1). Fit with `polynomialFeatures(x, degree)`.
 */
export function makePolynomial(options: MakePolynomialOptions = {}): {
  x: Tensor;
  y: Tensor;
  coefficients: Tensor;
} {
  const op = "makePolynomial";
  checkKeys(op, options, ["m", "coefficients", "noise", "range", "seed"]);
  const m = count(op, "m", options.m, 30);
  const c = Float64Array.from(options.coefficients ?? [1, -2, 0, 3]);
  const noise = options.noise ?? 0.1;
  const [low, high] = options.range ?? [-1, 1];
  if (c.length === 0 || !c.every(Number.isFinite)) {
    throw new RangeError(`${op}: option coefficients must be a non-empty list of finite numbers`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`${op}: option noise must be a finite number ≥ 0, got ${noise}`);
  }
  if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) {
    throw new RangeError(
      `${op}: option range must be [low, high] with low < high, got [${low}, ${high}]`,
    );
  }
  const rng = random(options.seed ?? 0);
  const x = rng.uniform([m], low, high).data.sort();
  const eps = rng.normal([m]).data;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let value = 0;
    for (let j = c.length - 1; j >= 0; j--) value = value * x[i] + c[j];
    y[i] = value + noise * eps[i];
  }
  return { x: new Tensor(x, [m]), y: new Tensor(y, [m]), coefficients: new Tensor(c, [c.length]) };
}

/** Options of `makeBlobs`. */
export interface MakeBlobsOptions {
  /** Number of examples, shared out evenly between the centers. Default 150. */
  m?: number;
  /** How many centers to draw at random in `box`, or the centers themselves [K, d]. Default 3. */
  centers?: number | TensorLike;
  /** Dimension d of the points when the centers are drawn. Default 2. */
  dims?: number;
  /** Standard deviation of each blob. Default 1. */
  std?: number;
  /** Interval the random centers are drawn from, per coordinate. Default [−10, 10]. */
  box?: readonly [number, number];
  /** Random seed. Default 0. */
  seed?: number | string;
}

/**
 * Gaussian blobs for classification (scikit-learn's make_blobs): K centers, ⌊m/K⌋ points around
 * each (one more for the first m mod K), each point its center plus std·N(0, I), rows shuffled.
 * Returns X [m, d], the labels y (the index of each point's center) and the centers [K, d].
 */
export function makeBlobs(options: MakeBlobsOptions = {}): {
  X: Tensor;
  y: Int32Array;
  centers: Tensor;
} {
  const op = "makeBlobs";
  checkKeys(op, options, ["m", "centers", "dims", "std", "box", "seed"]);
  const m = count(op, "m", options.m, 150);
  const std = options.std ?? 1;
  if (!(std >= 0) || !Number.isFinite(std)) {
    throw new RangeError(`${op}: option std must be a finite number ≥ 0, got ${std}`);
  }
  const rng = random(options.seed ?? 0);
  const centers = blobCenters(op, options, rng);
  const [K, d] = centers.shape;
  const noise = rng.normal([m, d]).data;
  const X = new Float64Array(m * d);
  const y = new Int32Array(m);
  let row = 0;
  for (let k = 0; k < K; k++) {
    const size = Math.floor(m / K) + (k < m % K ? 1 : 0);
    for (let s = 0; s < size; s++, row++) {
      y[row] = k;
      for (let j = 0; j < d; j++)
        X[row * d + j] = centers.data[k * d + j] + std * noise[row * d + j];
    }
  }
  const order = rng.permutation(m);
  const shuffled = new Float64Array(m * d);
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    shuffled.set(X.subarray(order[i] * d, order[i] * d + d), i * d);
    labels[i] = y[order[i]];
  }
  return { X: new Tensor(shuffled, [m, d]), y: labels, centers };
}

function blobCenters(
  op: string,
  options: MakeBlobsOptions,
  rng: ReturnType<typeof random>,
): Tensor {
  const given = options.centers ?? 3;
  if (typeof given === "number") {
    const K = count(op, "centers", given, 3);
    const d = count(op, "dims", options.dims, 2);
    const [low, high] = options.box ?? [-10, 10];
    if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) {
      throw new RangeError(
        `${op}: option box must be [low, high] with low < high, got [${low}, ${high}]`,
      );
    }
    return rng.uniform([K, d], low, high);
  }
  const centers = asTensor(given, op).clone();
  if (centers.ndim !== 2 || centers.size === 0 || !centers.data.every(Number.isFinite)) {
    throw new RangeError(
      `${op}: option centers must be a number or a [K, d] matrix of finite coordinates`,
    );
  }
  return centers;
}

/** Options of `makeMultiOutput`. */
export interface MakeMultiOutputOptions {
  /** Number of examples. Default 1000 (seed 000). */
  m?: number;
  /** Input dimension. Default 3 (seed 000). */
  inputs?: number;
  /** Output dimension. Default 2 (seed 000). */
  outputs?: number;
  /** Random seed. Default 0. */
  seed?: number | string;
}

/**
 * Seed 000's multi-output regression in its (m, n, 1) layout: X [m, 3, 1], a generating map
 * W [2, 3, 1] and bias b [2, 1], all uniform in [0, 1) (drawn in that order), and
 * y = einsum('ijk,pjk->ipk', X, W) + b of shape [m, 2, 1]: each example's 3 inputs mapped
 * linearly to 2 outputs. `X.squeeze(2)` and `y.squeeze(2)` give the [m, n] / [m, k] form that
 * `linearRegressionGD` fits, whose w [3, 2] should approach `W.squeeze(2).T`.
 */
export function makeMultiOutput(options: MakeMultiOutputOptions = {}): {
  X: Tensor;
  y: Tensor;
  W: Tensor;
  b: Tensor;
} {
  const op = "makeMultiOutput";
  checkKeys(op, options, ["m", "inputs", "outputs", "seed"]);
  const m = count(op, "m", options.m, 1000);
  const inputs = count(op, "inputs", options.inputs, 3);
  const outputs = count(op, "outputs", options.outputs, 2);
  const rng = random(options.seed ?? 0);
  const X = rng.uniform([m, inputs, 1]);
  const W = rng.uniform([outputs, inputs, 1]);
  const b = rng.uniform([outputs, 1]);
  const y = einsum("ijk,pjk->ipk", X, W).add(b);
  return { X, y, W, b };
}

/** A whole number ≥ 1, or `fallback`. */
function count(op: string, name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${op}: option ${name} must be an integer ≥ 1, got ${n}`);
  }
  return n;
}

function checkKeys(op: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${op}: unknown option "${key}"; the options are ${known.join(", ")}`);
    }
  }
}
