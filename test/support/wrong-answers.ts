/**
 * Answers to the lessons' exercises that must not score: the seeds' classic mistakes and
 * one-line wrappers around the library's own version of the answer (its "twin", which the
 * exercise declares off-limits), plus answers that call library functions the lesson allows
 * and must keep full marks. Each replaces one solution cell (by cell id) of the reference
 * solution; test/support/lesson-grading.ts grades them all in one batch per lesson.
 */

/** One answer to one exercise. */
export interface WrongAnswer {
  /** Submission name. */
  name: string;
  /** Cell id of the solution cell it replaces. */
  cell: string;
  /** `mistake` and `twin` lose exactly this exercise's points; `allowed` keeps full marks. */
  kind: "mistake" | "twin" | "allowed";
  /** The whole cell. */
  code: string;
  /** For a twin: the function the feedback must name. */
  names?: string;
}

/** The wrong (and allowed) answers of each lesson, by lesson file name. */
export const WRONG_ANSWERS: Record<string, WrongAnswer[]> = {
  "01-normal-equation": [
    {
      name: "normal-equation-by-inverse",
      cell: "solve",
      kind: "mistake",
      code: `function normalEquationWeights(X: gb.Tensor, y: gb.Tensor): gb.Tensor {
  return gb.linalg.inv(X.T.matmul(X)).matmul(X.T).matmul(y);
}`,
    },
    {
      name: "half-mse-twin",
      cell: "cost",
      kind: "twin",
      names: "gb.mse",
      code: `function halfMSE(X: gb.Tensor, y: gb.Tensor, w: gb.Tensor): number {
  return gb.mse(y, X.matmul(w)) / 2;
}`,
    },
    {
      name: "normal-equation-allowed",
      cell: "solve",
      kind: "allowed",
      code: `function normalEquationWeights(X: gb.Tensor, y: gb.Tensor): gb.Tensor {
  return gb.normalEquation(X, y);
}`,
    },
  ],
  "02-gradient-descent-l2": [
    {
      name: "gradient-penalizes-bias",
      cell: "gradients",
      kind: "mistake",
      code: `function regularizedGradients(X: gb.Tensor, y: gb.Tensor, w: gb.Tensor, b: number, lambda: number): { dw: gb.Tensor; db: number } {
  const m = X.shape[0];
  const residual = X.matmul(w).add(b).sub(y);
  return { dw: X.T.matmul(residual).div(m).add(w.mul(lambda / m)), db: residual.sum().item() / m + (lambda / m) * b };
}`,
    },
    {
      name: "step-penalizes-bias",
      cell: "step",
      kind: "mistake",
      code: `function gdStep(X: gb.Tensor, y: gb.Tensor, w: gb.Tensor, b: number, lambda: number, learningRate: number): { w: gb.Tensor; b: number } {
  const m = X.shape[0];
  const residual = X.matmul(w).add(b).sub(y);
  const shrink = 1 - (learningRate * lambda) / m;
  return { w: w.mul(shrink).sub(X.T.matmul(residual).mul(learningRate / m)), b: b * shrink - (learningRate * residual.sum().item()) / m };
}`,
    },
    {
      name: "descent-twin",
      cell: "loop",
      kind: "twin",
      names: "gb.linearRegressionGD",
      code: `interface GDOptions {
  learningRate: number;
  lambda: number;
  tolerance: number;
  maxIters: number;
}
function gradientDescent(X: gb.Tensor, y: gb.Tensor, options: GDOptions): { w: gb.Tensor; b: number; history: number[] } {
  const fit = gb.linearRegressionGD(X, y, options);
  return { w: fit.w, b: fit.b.item(), history: fit.history };
}`,
    },
  ],
  "03-ridge-polynomial": [
    {
      name: "ridge-lambda-identity",
      cell: "solve",
      kind: "mistake",
      code: `function ridgeWeights(X: gb.Tensor, y: gb.Tensor, lambda: number): gb.Tensor {
  const A = X.T.matmul(X).add(gb.eye(X.shape[1]).mul(lambda));
  return gb.linalg.solve(A, X.T.matmul(y));
}`,
    },
    {
      name: "eigenvalues-lambda-identity",
      cell: "eigen",
      kind: "mistake",
      code: `function ridgeSystemEigenvalues(X: gb.Tensor, lambda: number): gb.Tensor {
  return gb.linalg.eigvalsh(X.T.matmul(X).add(gb.eye(X.shape[1]).mul(lambda)));
}`,
    },
    {
      name: "penalty-matrix-twin",
      cell: "penalty",
      kind: "twin",
      names: "gb.ridgePenaltyMatrix",
      code: `function penaltyMatrix(size: number): gb.Tensor {
  return gb.ridgePenaltyMatrix(size);
}`,
    },
    {
      name: "ridge-twin",
      cell: "solve",
      kind: "twin",
      names: "gb.ridgeNormalEquation",
      code: `function ridgeWeights(X: gb.Tensor, y: gb.Tensor, lambda: number): gb.Tensor {
  return gb.ridgeNormalEquation(X, y, lambda);
}`,
    },
  ],
  "04-geometry-of-l2": [
    {
      name: "factors-twin",
      cell: "factors",
      kind: "twin",
      names: "gb.ridgeFromOptimum",
      code: `function shrinkFactors(h: gb.Tensor, lambda: number): gb.Tensor {
  return gb.ridgeFromOptimum(gb.eye(h.shape[0]).mul(h), gb.ones([h.shape[0]]), lambda);
}`,
    },
    {
      name: "optimum-twin",
      cell: "optimum",
      kind: "twin",
      names: "gb.ridgeFromOptimum",
      code: `function regularizedOptimum(H: gb.Tensor, wStar: gb.Tensor, lambda: number): gb.Tensor {
  return gb.ridgeFromOptimum(H, wStar, lambda);
}`,
    },
    {
      name: "effective-twin",
      cell: "effective",
      kind: "twin",
      names: "gb.l2Shrinkage",
      code: `function effectiveParameters(H: gb.Tensor, lambda: number): number {
  return gb.l2Shrinkage(H, lambda).effectiveParams;
}`,
    },
    {
      name: "target-twin",
      cell: "target",
      kind: "twin",
      names: "gb.l2Shrinkage",
      code: `function lambdaForEffectiveParameters(H: gb.Tensor, target: number): number {
  let low = -12;
  let high = 12;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (gb.l2Shrinkage(H, 10 ** middle).effectiveParams > target) low = middle;
    else high = middle;
  }
  return 10 ** ((low + high) / 2);
}`,
    },
  ],
  "05-frobenius-gradient": [
    {
      name: "penalty-gradient-sums-w",
      cell: "l05-06-sol",
      kind: "mistake",
      code: `function frobeniusPenalty(W: gb.Tensor, lambda: number, m: number): number {
  return (lambda / (2 * m)) * W.mul(W).sum().item();
}
function penaltyGradient(W: gb.Tensor, lambda: number, m: number): gb.Tensor {
  return gb.onesLike(W).mul(W.sum().item() * (lambda / m));
}`,
    },
    {
      name: "layer-gradient-sums-w",
      cell: "l05-11-sol",
      kind: "mistake",
      code: `function layerGradients(X: gb.Tensor, Y: gb.Tensor, W: gb.Tensor, b: gb.Tensor, lambda: number): { dW: gb.Tensor; db: gb.Tensor } {
  const m = X.shape[0];
  const A = X.matmul(W).add(b).tanh();
  const dZ = A.sub(Y).mul(A.mul(A).neg().add(1)).div(m);
  return { dW: X.T.matmul(dZ).add(W.sum().mul(lambda / m)), db: dZ.sum(0) };
}`,
    },
  ],
  "06-logistic-sgd-iris": [
    {
      name: "sigmoid-exp-ratio",
      cell: "l06-05-sol",
      kind: "mistake",
      code: `function sigmoid(z: gb.Tensor): gb.Tensor {
  const e = z.exp();
  return e.div(e.add(1));
}`,
    },
    {
      name: "sigmoid-twin",
      cell: "l06-05-sol",
      kind: "twin",
      names: "gb.sigmoid",
      code: `function sigmoid(z: gb.Tensor): gb.Tensor {
  return gb.sigmoid(z);
}`,
    },
    {
      name: "cross-entropy-twin",
      cell: "l06-09-sol",
      kind: "twin",
      names: "gb.binaryCrossEntropy",
      code: `function binaryCrossEntropy(y: gb.Tensor, p: gb.Tensor): number {
  return gb.binaryCrossEntropy(y, p);
}`,
    },
    {
      name: "epoch-twin",
      cell: "l06-17-sol",
      kind: "twin",
      names: "gb.logisticRegressionSGD",
      code: `function sgdEpoch(X: gb.Tensor, y: Int32Array, w: gb.Tensor, b: number, learningRate: number, order: Int32Array): { w: gb.Tensor; b: number; loss: number } {
  const fit = gb.logisticRegressionSGD(X, y, { epochs: 1, learningRate: learningRate, shuffle: false });
  return { w: fit.w, b: fit.b.item(), loss: fit.history[0] };
}`,
    },
  ],
  "07-softmax-regression": [
    {
      name: "softmax-without-shift",
      cell: "l07-05-sol",
      kind: "mistake",
      code: `function stableSoftmax(Z: gb.Tensor): gb.Tensor {
  const e = Z.exp();
  return e.div(e.sum(1, true));
}`,
    },
    {
      name: "softmax-batch-maximum",
      cell: "l07-05-sol",
      kind: "mistake",
      code: `function stableSoftmax(Z: gb.Tensor): gb.Tensor {
  const e = Z.sub(Z.max()).exp();
  return e.div(e.sum(1, true));
}`,
    },
    {
      name: "softmax-wrong-axis",
      cell: "l07-05-sol",
      kind: "mistake",
      code: `function stableSoftmax(Z: gb.Tensor): gb.Tensor {
  const e = Z.sub(Z.max(1, true)).exp();
  return e.div(e.sum(0, true));
}`,
    },
    {
      name: "softmax-twin",
      cell: "l07-05-sol",
      kind: "twin",
      names: "gb.softmax",
      code: `function stableSoftmax(Z: gb.Tensor): gb.Tensor {
  return gb.softmax(Z);
}`,
    },
    {
      name: "cross-entropy-twin",
      cell: "l07-10-sol",
      kind: "twin",
      names: "gb.crossEntropy",
      code: `function crossEntropy(Y: gb.Tensor, P: gb.Tensor): number {
  return gb.crossEntropy(Y, P);
}`,
    },
    {
      name: "sample-gradient-twin",
      cell: "l07-15-sol",
      kind: "twin",
      names: "gb.softmaxGradient",
      code: `function sampleGradient(x: gb.Tensor, y: gb.Tensor, W: gb.Tensor, b: gb.Tensor): { dW: gb.Tensor; db: gb.Tensor } {
  const g = gb.softmaxGradient(x.reshape(1, -1), y.reshape(1, -1), W, b);
  return { dW: g.dW, db: g.db };
}`,
    },
    {
      name: "batch-gradient-twin",
      cell: "l07-18-sol",
      kind: "twin",
      names: "gb.softmaxGradient",
      code: `function batchGradient(X: gb.Tensor, Y: gb.Tensor, W: gb.Tensor, b: gb.Tensor): { dW: gb.Tensor; db: gb.Tensor } {
  const g = gb.softmaxGradient(X, Y, W, b);
  return { dW: g.dW, db: g.db };
}`,
    },
  ],
  "08-vectorization-shapes": [
    {
      name: "squeeze-every-axis",
      cell: "l08-05-sol",
      kind: "mistake",
      code: `function toFlat(T: gb.Tensor): gb.Tensor {
  return T.squeeze();
}
function toColumns(T: gb.Tensor): gb.Tensor {
  return T.expandDims(2);
}`,
    },
    {
      name: "cost-broadcasts",
      cell: "l08-26-sol",
      kind: "mistake",
      code: `function firstOutputCost(X2: gb.Tensor, W2: gb.Tensor, y0: gb.Tensor): number {
  const error = X2.matmul(W2.slice(0).reshape(-1, 1)).sub(y0);
  return error.mul(error).sum().item() / (2 * X2.shape[0]);
}`,
    },
    {
      name: "cost-twin",
      cell: "l08-26-sol",
      kind: "twin",
      names: "gb.mse",
      code: `function firstOutputCost(X2: gb.Tensor, W2: gb.Tensor, y0: gb.Tensor): number {
  return gb.mse(y0, X2.matmul(W2.slice(0))) / 2;
}`,
    },
  ],
};
