/*
 * Binary logistic regression trained by stochastic gradient descent (seed 004, exercise 1.2):
 * one example at a time, as the seed's loop does, or in minibatches. The inner loops run over
 * the rows of a Float64Array with no allocation per example: that is what makes per-sample SGD
 * fast here, where numpy pays its interpreter overhead on every example.
 */
import { dot, random, type Random, Tensor, type TensorLike } from "../tensor";
import { DivergenceError } from "./divergence";
import { readOptions } from "../protocol/options";
import { sgdOptionRules } from "./sgd-options";
import {
  checkFinite,
  checkLabelRange,
  denseData,
  labelsArg,
  type Labels,
  matrixShape,
} from "./validation";

/** Options of `logisticRegressionSGD`, with their defaults. */
export interface LogisticRegressionSGDOptions {
  /** Passes over the data. Default 20 (seed 004). */
  epochs?: number;
  /** Step size of w ← w − learningRate·∇L. Default 0.01 (seed 004). */
  learningRate?: number;
  /** The regularizer λ of (λ/2m)‖w‖² (the bias is not penalized). Default 0. */
  lambda?: number;
  /** Examples per update: 1 is the seed's per-sample SGD, m is full-batch gradient descent. Default 1. */
  batchSize?: number;
  /** Seed of the shuffling (and of `init: "normal"`); the same seed gives the same run. Default 0. */
  seed?: number | string;
  /** Visit the examples in a new random order every epoch (as the seed). Default true. */
  shuffle?: boolean;
  /** Initial weights: "zeros", or "normal" for N(0, 1) draws like the seed's `np.random.randn`. Default "zeros". */
  init?: "zeros" | "normal";
  /** Called after every epoch with its number (from 1), its loss and copies of the weights. */
  onEpoch?: (epoch: number, loss: number, params: { w: Tensor; b: Tensor }) => void;
}

/** What `logisticRegressionSGD` returns: P(y = 1 | x) = σ(x·w + b). */
export interface LogisticRegressionResult {
  /** Weights [n]. */
  w: Tensor;
  /**
   * Bias, a 0-d Tensor like `linearRegressionGD`'s (one type for every model's bias: `b.item()`
   * is the number).
   */
  b: Tensor;
  /** Loss per epoch (see `logisticRegressionSGD`). */
  history: number[];
}

/**
 * Fits P(y = 1 | x) = ŷ = σ(x·w + b) by stochastic gradient descent on the binary
 * cross-entropy (seed 004):
 *
 *   L(y, ŷ) = −(y log ŷ + (1 − y) log(1 − ŷ)),   ∇_w L = (ŷ − y)·x,   ∂L/∂b = ŷ − y
 *   w ← w − learningRate·(ŷ − y)·x          (batchSize 1, the seed's per-sample update)
 *
 * With a batch B of examples the step averages (1/|B|) Σ_B (ŷᵢ − yᵢ)xᵢ, and with λ > 0 it adds
 * the gradient (λ/m)·w of the penalty (λ/2m)‖w‖², i.e. w shrinks by 1 − learningRate·λ/m per
 * step. X: raw features [m, n] (the bias is learned separately, not as a column of ones); y:
 * labels 0/1 (Tensor, number[] or Int32Array).
 *
 * history[e] is the seed's `loss_avg`: the mean cross-entropy of the examples of epoch e, each
 * taken just before its own update (plus (λ/2m)‖w‖² at the epoch's end when λ > 0). The loss is
 * computed from the logit, softplus(z) − y·z, so it stays finite however confident the model.
 * A learning rate large enough to make the weights overflow throws a DivergenceError.
 */
export function logisticRegressionSGD(
  X: TensorLike,
  y: Labels,
  options: LogisticRegressionSGDOptions = {},
): LogisticRegressionResult {
  const op = "logisticRegressionSGD";
  const settings = readSettings(op, options);
  const design = matrixShape(op, "X", X);
  const [m, n] = design.shape;
  const labels = labelsArg(op, "y", y, m);
  checkLabelRange(op, "y", labels, 2);
  const rng = random(settings.seed);
  const model = { w: new Float64Array(n), b: 0 };
  if (settings.init === "normal") initNormal(rng, model);

  const data = { X: denseData(design), y: labels, m, n };
  const order = Int32Array.from({ length: m }, (_, i) => i);
  const gradient = new Float64Array(n);
  const history: number[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    if (settings.shuffle) rng.shuffle(order);
    const total =
      settings.batchSize === 1
        ? perSampleEpoch(data, order, model, settings)
        : minibatchEpoch(data, order, model, settings, gradient);
    let loss = total / m;
    if (settings.lambda > 0) loss += (settings.lambda / (2 * m)) * dot(model.w, model.w).item();
    history.push(loss);
    if (!Number.isFinite(loss) || !Number.isFinite(model.b)) {
      checkFinite(op, "X", design);
      throw new DivergenceError(op, settings.learningRate, epoch, history);
    }
    if (settings.onEpoch !== undefined) {
      settings.onEpoch(epoch, loss, {
        w: new Tensor(model.w.slice(), [n]),
        b: new Tensor(Float64Array.of(model.b), []),
      });
    }
  }
  return { w: new Tensor(model.w, [n]), b: new Tensor(Float64Array.of(model.b), []), history };
}

/** The options with their defaults filled in, as `readSettings` checked them. */
type Settings = ReturnType<typeof readSettings>;

function readSettings(op: string, options: LogisticRegressionSGDOptions) {
  return readOptions(
    op,
    options,
    sgdOptionRules<NonNullable<LogisticRegressionSGDOptions["onEpoch"]>>(20),
  );
}

interface Data {
  X: Float64Array;
  y: Int32Array;
  m: number;
  n: number;
}

interface Model {
  w: Float64Array;
  b: number;
}

/** The seed's loop: forward, loss, update, one example at a time. Returns the summed loss. */
function perSampleEpoch(data: Data, order: Int32Array, model: Model, settings: Settings): number {
  const { X, y, m, n } = data;
  const { w } = model;
  const rate = settings.learningRate;
  const shrink = 1 - (rate * settings.lambda) / m;
  let b = model.b;
  let total = 0;
  for (let t = 0; t < m; t++) {
    const row = order[t] * n;
    let z = b;
    for (let j = 0; j < n; j++) z += w[j] * X[row + j];
    const target = y[order[t]];
    // One exponential e^(−|z|) gives both the loss softplus(z) − y·z and σ(z), stably for any z.
    const e = Math.exp(-Math.abs(z));
    total += Math.max(z, 0) + Math.log1p(e) - target * z;
    const probability = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const step = rate * (probability - target);
    for (let j = 0; j < n; j++) w[j] = shrink * w[j] - step * X[row + j];
    b -= step;
  }
  model.b = b;
  return total;
}

/** Minibatch SGD: gradients averaged over each batch of `batchSize` examples. */
function minibatchEpoch(
  data: Data,
  order: Int32Array,
  model: Model,
  settings: Settings,
  gradient: Float64Array,
): number {
  const { X, y, m, n } = data;
  const { w } = model;
  const shrink = 1 - (settings.learningRate * settings.lambda) / m;
  let total = 0;
  for (let start = 0; start < m; start += settings.batchSize) {
    const end = Math.min(start + settings.batchSize, m);
    gradient.fill(0);
    let gradientB = 0;
    for (let t = start; t < end; t++) {
      const row = order[t] * n;
      let z = model.b;
      for (let j = 0; j < n; j++) z += w[j] * X[row + j];
      const target = y[order[t]];
      const e = Math.exp(-Math.abs(z));
      total += Math.max(z, 0) + Math.log1p(e) - target * z;
      const error = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - target;
      for (let j = 0; j < n; j++) gradient[j] += error * X[row + j];
      gradientB += error;
    }
    const step = settings.learningRate / (end - start);
    for (let j = 0; j < n; j++) w[j] = shrink * w[j] - step * gradient[j];
    model.b -= step * gradientB;
  }
  return total;
}

/** The seed's `np.random.randn` start: the bias first, then the weights, all N(0, 1). */
function initNormal(rng: Random, model: Model): void {
  const draws = rng.normal([model.w.length + 1]).data;
  model.b = draws[0];
  model.w.set(draws.subarray(1));
}
