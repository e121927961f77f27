/*
 * Seeded generators for the seeds' toy data. The same options and seed give the same numbers on
 * every machine (random(seed) underneath), so a lesson's plots and a grader's expected values
 * agree with the student's run.
 */
import {
  interval,
  nonNegativeNumber,
  numberList,
  positiveInteger,
  rule,
  seed,
} from "../protocol/option-rules";
import { optionError, readOptions } from "../protocol/options";
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
  const settings = readOptions("makeLinear", options, {
    m: positiveInteger(20),
    w: numberList([0.5, 1]),
    seed: seed(0),
  });
  const { m } = settings;
  const w = Float64Array.from(settings.w);
  const d = w.length;
  const X = random(settings.seed).normal([m, d]);
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
  const { m, coefficients, noise, range, ...settings } = readOptions("makePolynomial", options, {
    m: positiveInteger(30),
    coefficients: numberList([1, -2, 0, 3]),
    noise: nonNegativeNumber(0.1),
    range: interval([-1, 1]),
    seed: seed(0),
  });
  const c = Float64Array.from(coefficients);
  const [low, high] = range;
  const rng = random(settings.seed);
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
  const settings = readOptions("makeBlobs", options, {
    m: positiveInteger(150),
    centers: rule<number | TensorLike>(CENTERS, 3, isCenters),
    dims: positiveInteger(2),
    std: nonNegativeNumber(1),
    box: interval([-10, 10]),
    seed: seed(0),
  });
  const { m, std } = settings;
  const rng = random(settings.seed);
  const centers = blobCenters(settings, rng);
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

/** What makeBlobs' `centers` option may be. */
const CENTERS = "an integer ≥ 1 (how many to draw) or a [K, d] matrix of finite coordinates";

function isCenters(value: unknown): boolean {
  return typeof value === "number" || (value !== null && typeof value === "object");
}

function blobCenters(
  settings: { centers: number | TensorLike; dims: number; box: readonly [number, number] },
  rng: ReturnType<typeof random>,
): Tensor {
  const given = settings.centers;
  if (typeof given === "number") {
    if (!(Number.isInteger(given) && given >= 1))
      throw optionError("makeBlobs", "centers", CENTERS, given);
    return rng.uniform([given, settings.dims], settings.box[0], settings.box[1]);
  }
  const centers = asTensor(given, "makeBlobs").clone();
  if (centers.ndim !== 2 || centers.size === 0 || !centers.data.every(Number.isFinite)) {
    throw optionError("makeBlobs", "centers", CENTERS, given);
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
  const { m, inputs, outputs, ...settings } = readOptions("makeMultiOutput", options, {
    m: positiveInteger(1000),
    inputs: positiveInteger(3),
    outputs: positiveInteger(2),
    seed: seed(0),
  });
  const rng = random(settings.seed);
  const X = rng.uniform([m, inputs, 1]);
  const W = rng.uniform([outputs, inputs, 1]);
  const b = rng.uniform([outputs, 1]);
  const y = einsum("ijk,pjk->ipk", X, W).add(b);
  return { X, y, W, b };
}
