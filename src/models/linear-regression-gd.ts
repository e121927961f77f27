/*
 * Linear regression by batch gradient descent with L2 regularization (seeds 000 and 003): the
 * iterative route to what the regularized normal equation gives in closed form.
 */
import { matmulInto, Tensor, type TensorLike, zeros } from "../tensor";
import { DivergenceError } from "./divergence";
import {
  callback,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
} from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { denseData, matrixArg, targetsArg } from "./validation";

/** Options of `linearRegressionGD`, with their defaults. */
export interface LinearRegressionGDOptions {
  /** Step size α of w ← w − α·∂J/∂w. Default 0.01 (seeds 000 and 003). */
  learningRate?: number;
  /** The regularizer λ of (λ/2m)Σw² (the bias is not penalized). Default 0. */
  lambda?: number;
  /**
   * Stop when the cost changes by less than this between iterations, |ΔJ| < tolerance (seed
   * 003's test). J is flat near its minimum, so the weights are then only about √tolerance
   * from the minimizer; 0 runs all maxIters. Default 1e-9.
   */
  tolerance?: number;
  /** Stop after this many iterations at the latest. Default 10000. */
  maxIters?: number;
  /**
   * Called after every iteration (one full-batch step) with its number (from 1), the cost J
   * after it, and copies of the weights, for live plots or a weight history.
   */
  onEpoch?: (iteration: number, cost: number, params: { w: Tensor; b: Tensor }) => void;
}

/** What `linearRegressionGD` returns. */
export interface LinearRegressionGDResult {
  /** Weights: [n] for y [m], [n, k] for y [m, k]. */
  w: Tensor;
  /** Bias: 0-d for y [m] (`b.item()` is the number), [k] for y [m, k]. */
  b: Tensor;
  /** J at the initial weights (zeros), then after each iteration. */
  history: number[];
  /** Iterations run (history.length − 1). */
  iterations: number;
  /** True when |ΔJ| < tolerance ended the run, false when maxIters did. */
  converged: boolean;
}

/** Relative growth of J tolerated as rounding before the run counts as diverging. */
const ROUNDING_SLACK = 1e-10;

/**
 * Fits ŷ = Xw + b by batch gradient descent on the regularized squared-error cost
 *
 *   J(w, b) = (1/2m) Σᵢ (ŷᵢ − yᵢ)² + (λ/2m) Σⱼ wⱼ²
 *   ∂J/∂w = (1/m) Xᵀ(ŷ − y) + (λ/m) w,      ∂J/∂b = (1/m) Σᵢ (ŷᵢ − yᵢ)
 *   w ← w − α ∂J/∂w = (1 − αλ/m) w − (α/m) Xᵀ(ŷ − y),   b ← b − α ∂J/∂b
 *
 * (seed 003's update with the shrink factor 1 − αλ/m; the bias is not penalized). X: raw
 * features [m, n] (no bias column: b is learned separately); y: [m], or [m, k] for k outputs
 * (seed 000's 3-input/2-output map), giving w [n, k] and b [k]. Starts from w = 0, b = 0 and
 * stops when |ΔJ| < tolerance or after maxIters iterations. Its fixed point is
 * `ridgeNormalEquation(addBias(X), y, λ)`.
 *
 * Throws a DivergenceError naming the learning rate and the iteration when J grows or stops
 * being finite (a learning rate above 2 / (largest eigenvalue of XᵀX/m) overshoots), rather
 * than returning NaN weights.
 */
export function linearRegressionGD(
  X: TensorLike,
  y: TensorLike,
  options: LinearRegressionGDOptions = {},
): LinearRegressionGDResult {
  const op = "linearRegressionGD";
  const { learningRate, lambda, tolerance, maxIters, onEpoch } = readOptions(op, options, {
    learningRate: positiveNumber(0.01),
    lambda: nonNegativeNumber(0),
    tolerance: nonNegativeNumber(1e-9),
    maxIters: positiveInteger(10000),
    onEpoch: callback<NonNullable<LinearRegressionGDOptions["onEpoch"]>>(),
  });
  const design = matrixArg(op, "X", X).contiguous();
  const targets = targetsArg(op, "y", y, design);
  const [m, n] = design.shape;
  const k = targets.ndim === 2 ? targets.shape[1] : 1;
  const state = new Descent(design, denseData(targets), m, n, k, lambda);

  const history = [state.residualsAndCost()];
  let converged = false;
  for (let iteration = 1; iteration <= maxIters; iteration++) {
    state.step(learningRate);
    const cost = state.residualsAndCost();
    history.push(cost);
    const previous = history[history.length - 2];
    if (!Number.isFinite(cost) || cost - previous > ROUNDING_SLACK * Math.abs(previous)) {
      throw new DivergenceError(op, learningRate, iteration, history);
    }
    if (onEpoch !== undefined) onEpoch(iteration, cost, state.params(targets.ndim));
    if (Math.abs(cost - previous) < tolerance) {
      converged = true;
      break;
    }
  }
  return { ...state.params(targets.ndim), history, iterations: history.length - 1, converged };
}

/** The buffers of one gradient-descent run, reused by every iteration. */
class Descent {
  private readonly W: Tensor;
  private readonly b: Float64Array;
  /** ŷ − y after `residualsAndCost`, [m, k]. */
  private readonly residuals: Tensor;
  private readonly gradW: Tensor;
  private readonly gradB: Float64Array;

  constructor(
    private readonly X: Tensor,
    private readonly Y: Float64Array,
    private readonly m: number,
    n: number,
    private readonly k: number,
    private readonly lambda: number,
  ) {
    this.W = zeros([n, k]);
    this.b = new Float64Array(k);
    this.residuals = zeros([m, k]);
    this.gradW = zeros([n, k]);
    this.gradB = new Float64Array(k);
  }

  /** Computes E = XW + b − Y into `residuals`, the bias gradient, and returns J. */
  residualsAndCost(): number {
    const { m, k, Y, b, gradB } = this;
    matmulInto(this.residuals, this.X, this.W);
    const E = this.residuals.data;
    gradB.fill(0);
    let squares = 0;
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) {
        const e = E[i * k + c] + b[c] - Y[i * k + c];
        E[i * k + c] = e;
        gradB[c] += e;
        squares += e * e;
      }
    }
    let penalty = 0;
    if (this.lambda > 0) for (const w of this.W.data) penalty += w * w;
    return (squares + this.lambda * penalty) / (2 * m);
  }

  /** One step from the residuals of the current weights. */
  step(learningRate: number): void {
    const { m, k } = this;
    matmulInto(this.gradW, this.X.T, this.residuals);
    const W = this.W.data;
    const G = this.gradW.data;
    const shrink = 1 - (learningRate * this.lambda) / m;
    const scale = learningRate / m;
    for (let j = 0; j < W.length; j++) W[j] = shrink * W[j] - scale * G[j];
    for (let c = 0; c < k; c++) this.b[c] -= scale * this.gradB[c];
  }

  /** Copies of w and b, shaped for a single output ([n], []) or for k outputs ([n, k], [k]). */
  params(targetRank: number): { w: Tensor; b: Tensor } {
    const n = this.W.shape[0];
    return targetRank === 1
      ? { w: new Tensor(this.W.data.slice(), [n]), b: new Tensor(this.b.slice(), []) }
      : { w: this.W.clone(), b: new Tensor(this.b.slice(), [this.k]) };
  }
}
