/*
 * Softmax regression (seed 004, exercise 1.4): K classes, a weight matrix W [n, K] whose column
 * c scores class c, trained by minibatch SGD on the cross-entropy. The seed updates with one
 * example's outer product x(ŷ − y)ᵀ; a batch stacks those examples as rows of X_B and sums the
 * outer products in one contraction over the batch axis, einsum('ni,nk->ik', X_B, Ŷ − Y) =
 * X_Bᵀ(Ŷ − Y), which runs as one matrix product.
 */
import { dot, random, Tensor, type TensorLike, zeros } from "../tensor";
import { DivergenceError } from "./divergence";
import { positiveInteger } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { sgdOptionRules } from "./sgd-options";
import { batchGradient } from "./softmax-gradient";
import { checkFinite, classTargets, denseData, matrixShape } from "./validation";

/** Options of `softmaxRegression`, with their defaults. */
export interface SoftmaxRegressionOptions {
  /** Passes over the data. Default 100 (seed 004). */
  epochs?: number;
  /** Step size of W ← W − learningRate·∇L. Default 0.01 (seed 004). */
  learningRate?: number;
  /** The regularizer λ of (λ/2m)‖W‖²_F (b is not penalized). Default 0. */
  lambda?: number;
  /** Examples per update: 1 is the seed's per-sample update. Default 1. */
  batchSize?: number;
  /** Seed of the shuffling (and of `init: "normal"`). Default 0. */
  seed?: number | string;
  /** Visit the examples in a new random order every epoch (as the seed). Default true. */
  shuffle?: boolean;
  /** Initial weights: "zeros", or "normal" for N(0, 1) draws like the seed's `np.random.randn`. Default "zeros". */
  init?: "zeros" | "normal";
  /** Number of classes K, when the labels do not show them all. Default: from Y. */
  numClasses?: number;
  /** Called after every epoch with its number (from 1), its loss and copies of W and b. */
  onEpoch?: (epoch: number, loss: number, params: { W: Tensor; b: Tensor }) => void;
}

/** What `softmaxRegression` returns: P(class c | x) = softmax(xW + b)_c. */
export interface SoftmaxRegressionResult {
  /** Weights [n, K], one column per class. */
  W: Tensor;
  /** Biases [K]. */
  b: Tensor;
  /** Loss per epoch: the mean cross-entropy of each batch before its update (seed 004's loss_avg). */
  history: number[];
}

/**
 * Fits class probabilities ŷ = softmax(xW + b) by minibatch SGD on the cross-entropy
 * L = −Σ_c y_c log ŷ_c (seed 004). Per example the gradient is the outer product x(ŷ − y)ᵀ
 * [n, K]; a batch B averages them, with the penalty (λ/2m)‖W‖²_F adding (λ/m)W:
 *
 *   ∇_W = (1/|B|) X_Bᵀ(Ŷ_B − Y_B) + (λ/m) W    (one einsum 'ni,nk->ik' over the batch axis)
 *   ∇_b = (1/|B|) Σ_B (ŷ − y),                  W ← W − learningRate·∇_W,  b ← b − learningRate·∇_b
 *
 * X: raw features [m, n] (b is learned separately). Y: one-hot rows [m, K] (rows summing to 1)
 * or integer labels 0 … K − 1 (Tensor, number[] or Int32Array). The softmax and the loss use
 * log-sum-exp, so large logits cannot overflow (the seed's exp(z)/Σexp(z) does).
 * A learning rate that makes the loss non-finite throws a DivergenceError.
 */
export function softmaxRegression(
  X: TensorLike,
  Y: TensorLike,
  options: SoftmaxRegressionOptions = {},
): SoftmaxRegressionResult {
  const op = "softmaxRegression";
  const settings = readSettings(op, options);
  const design = matrixShape(op, "X", X);
  const [m, n] = design.shape;
  const { rows, K } = classTargets(op, Y, m, settings.numClasses);
  const rng = random(settings.seed);
  const params = { W: zeros([n, K]), b: new Float64Array(K) };
  if (settings.init === "normal") {
    // The seed's randn(n + 1, K), bias row first.
    const draws = rng.normal([n + 1, K]).data;
    params.b.set(draws.subarray(0, K));
    params.W.data.set(draws.subarray(K));
  }
  const data = {
    X: denseData(design),
    Y: rows,
    order: Int32Array.from({ length: m }, (_, i) => i),
  };
  const work = {
    batch: new BatchBuffers(Math.min(settings.batchSize, m), n, K),
    dW: zeros([n, K]),
    db: new Float64Array(K),
  };
  const history: number[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    if (settings.shuffle) rng.shuffle(data.order);
    let loss = sgdEpoch(data, params, work, settings) / m;
    if (settings.lambda > 0)
      loss += (settings.lambda / (2 * m)) * dot(params.W.data, params.W.data).item();
    history.push(loss);
    if (!Number.isFinite(loss) || !allFinite(params.W.data) || !allFinite(params.b)) {
      checkFinite(op, "X", design);
      throw new DivergenceError(op, settings.learningRate, epoch, history);
    }
    if (settings.onEpoch !== undefined) {
      settings.onEpoch(epoch, loss, { W: params.W.clone(), b: new Tensor(params.b.slice(), [K]) });
    }
  }
  return { W: params.W, b: new Tensor(params.b, [K]), history };
}

/** One pass over the data in batches; returns the summed loss of its examples. */
function sgdEpoch(
  data: { X: Float64Array; Y: Float64Array; order: Int32Array },
  params: { W: Tensor; b: Float64Array },
  work: { batch: BatchBuffers; dW: Tensor; db: Float64Array },
  settings: Settings,
): number {
  const { W, b } = params;
  const { batch, dW, db } = work;
  const m = data.order.length;
  const shrink = 1 - (settings.learningRate * settings.lambda) / m;
  let total = 0;
  for (let start = 0; start < m; start += batch.capacity) {
    const size = Math.min(batch.capacity, m - start);
    const { Xb, Yb, Z } = batch.gather(data.X, data.Y, data.order, start, size);
    total += batchGradient(Xb, Yb, W, b, Z, dW, db);
    const step = settings.learningRate / size;
    const w = W.data;
    const g = dW.data;
    for (let j = 0; j < w.length; j++) w[j] = shrink * w[j] - step * g[j];
    for (let c = 0; c < b.length; c++) b[c] -= step * db[c];
  }
  return total;
}

/**
 * Reused buffers for batches of up to `capacity` rows: the shuffled rows of X and Y are copied
 * in (a gather, as numpy's X[batch]), then the products read them contiguously.
 */
class BatchBuffers {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  private readonly views = new Map<number, { Xb: Tensor; Yb: Float64Array; Z: Tensor }>();

  constructor(
    readonly capacity: number,
    private readonly n: number,
    private readonly K: number,
  ) {
    this.x = new Float64Array(capacity * n);
    this.y = new Float64Array(capacity * K);
    this.z = new Float64Array(capacity * K);
  }

  /** Copies the rows order[start .. start + size) of X and Y in; returns views of that size. */
  gather(X: Float64Array, Y: Float64Array, order: Int32Array, start: number, size: number) {
    const { n, K } = this;
    for (let t = 0; t < size; t++) {
      const row = order[start + t];
      this.x.set(X.subarray(row * n, row * n + n), t * n);
      this.y.set(Y.subarray(row * K, row * K + K), t * K);
    }
    let view = this.views.get(size);
    if (view === undefined) {
      view = {
        Xb: new Tensor(this.x.subarray(0, size * n), [size, n]),
        Yb: this.y.subarray(0, size * K),
        Z: new Tensor(this.z.subarray(0, size * K), [size, K]),
      };
      this.views.set(size, view);
    }
    return view;
  }
}

/** The options with their defaults filled in, as `readSettings` checked them. */
type Settings = ReturnType<typeof readSettings>;

function readSettings(op: string, options: SoftmaxRegressionOptions) {
  return readOptions(op, options, {
    ...sgdOptionRules<NonNullable<SoftmaxRegressionOptions["onEpoch"]>>(100),
    numClasses: positiveInteger(),
  });
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
