import { logisticRegressionSGD, ridgeNormalEquation, softmaxRegression } from "../../src/models";
import { random, type Tensor, tensor } from "../../src/tensor";
import type { BenchInput, Workload } from "../workload";

/*
 * The course's models against numpy running the same algorithm (issue 4).
 *
 * - Ridge: seed 003's regularized normal equation (XᵀX + λL)w = Xᵀy on 100000×100, both sides
 *   forming the Gram matrix (numpy: BLAS syrk) and solving by Cholesky (scipy's cho_factor /
 *   cho_solve, LAPACK potrf/potrs). Target ≤ 4× numpy.
 * - Logistic SGD: seed 004's per-sample loop, 10000×20, 5 epochs, written the seed's way in numpy
 *   (one x_i, one sigmoid, one update per example). Target: gradbook at least 20× FASTER, i.e.
 *   a ratio ≤ 0.05.
 * - Softmax: one epoch of minibatch SGD, batch 128, 20000×784, K = 10; numpy gathers each
 *   batch with X[idx] and computes Z = X_B W + b, a stable softmax and X_Bᵀ(Ŷ − Y). Target
 *   ≤ 2.5× numpy.
 *
 * Both SGD workloads visit the examples in the order gradbook's seeded shuffle produces (the
 * orders are computed here and handed to numpy), so the weights can be compared.
 */

const RIDGE_M = 100000;
const RIDGE_N = 100;
const LAMBDA = 1;

const ridge: Workload<{ X: Tensor; y: Tensor }> = {
  name: `ridge normal equation ${RIDGE_M}×${RIDGE_N}`,
  inputs: { X: [RIDGE_M, RIDGE_N], y: [RIDGE_M] },
  setup: ({ X, y }) => ({ X: tensor(X.data, X.shape), y: tensor(y.data, y.shape) }),
  gradbook: ({ X, y }) => ridgeNormalEquation(X, y, LAMBDA),
  numpy: {
    setup: ["import scipy.linalg as sl", `L = np.eye(${RIDGE_N}); L[0, 0] = 0`].join("\n"),
    run: `sl.cho_solve(sl.cho_factor(X.T @ X + ${LAMBDA} * L, lower=True), X.T @ y)`,
  },
  flops: RIDGE_M * RIDGE_N * (RIDGE_N + 1) + 2 * RIDGE_M * RIDGE_N + RIDGE_N ** 3 / 3,
  target: 4,
  tolerance: 1e-8,
};

/** The visiting order of each epoch, as the trainers draw it from random(seed) with no other draws. */
function epochOrders(m: number, epochs: number, seed: number): Int32Array[] {
  const rng = random(seed);
  const order = Int32Array.from({ length: m }, (_, i) => i);
  return Array.from({ length: epochs }, () => rng.shuffle(order).slice());
}

function pythonList(values: Int32Array): string {
  return `[${values.join(",")}]`;
}

const LOGISTIC_M = 10000;
const LOGISTIC_N = 20;
const LOGISTIC_EPOCHS = 5;
const logisticOrders = epochOrders(LOGISTIC_M, LOGISTIC_EPOCHS, 0);

/** Labels both sides derive from the inputs: y = [x₀ + x₁ + x₂ + 0.5·noise > 0]. */
function logisticLabels(X: BenchInput, noise: BenchInput): Int32Array {
  const labels = new Int32Array(LOGISTIC_M);
  for (let i = 0; i < LOGISTIC_M; i++) {
    const row = i * LOGISTIC_N;
    const score = X.data[row] + X.data[row + 1] + X.data[row + 2] + 0.5 * noise.data[i];
    labels[i] = score > 0 ? 1 : 0;
  }
  return labels;
}

const logistic: Workload<{ X: Tensor; y: Int32Array }> = {
  name: `logistic per-sample SGD ${LOGISTIC_M}×${LOGISTIC_N}, ${LOGISTIC_EPOCHS} epochs`,
  inputs: { X: [LOGISTIC_M, LOGISTIC_N], noise: [LOGISTIC_M] },
  setup: ({ X, noise }) => ({ X: tensor(X.data, X.shape), y: logisticLabels(X, noise) }),
  gradbook: ({ X, y }) => {
    const { w, b } = logisticRegressionSGD(X, y, {
      epochs: LOGISTIC_EPOCHS,
      learningRate: 0.01,
      batchSize: 1,
      seed: 0,
    });
    const weights = new Float64Array(LOGISTIC_N + 1);
    weights[0] = b.item();
    weights.set(w.data, 1);
    return weights;
  },
  numpy: {
    // Seed 004's loop: bias as a column of ones in X, w of shape (n + 1, 1), one example at a time.
    setup: [
      "Xb = np.hstack((np.ones((X.shape[0], 1)), X))",
      "yl = (X[:, 0] + X[:, 1] + X[:, 2] + 0.5 * noise > 0).astype(float)",
      `orders = [${logisticOrders.map(pythonList).join(",")}]`,
      "def sigmoid(z):",
      "    return 1 / (1 + np.exp(-z))",
      "def train(w, epochs, learning_rate):",
      "    m = Xb.shape[0]",
      "    for epoch in range(epochs):",
      "        loss_avg = 0",
      "        for index in orders[epoch]:",
      "            x_i = Xb[index, :]",
      "            y_i = yl[index]",
      "            y_hat = sigmoid(np.dot(x_i, w))",
      "            gradient = (y_hat - y_i) * x_i.T",
      "            w = np.subtract(w.T, learning_rate * gradient).T",
      "            loss = -(y_i * np.log(y_hat) + (1 - y_i) * np.log(1 - y_hat))",
      "            loss_avg += loss[0] / m",
      "    return w.ravel()",
    ].join("\n"),
    run: `train(np.zeros((${LOGISTIC_N + 1}, 1)), ${LOGISTIC_EPOCHS}, 0.01)`,
  },
  target: 1 / 20,
};

const SOFTMAX_M = 20000;
const SOFTMAX_N = 784;
const SOFTMAX_K = 10;
const SOFTMAX_BATCH = 128;
const [softmaxOrder] = epochOrders(SOFTMAX_M, 1, 0);

/** Labels both sides derive from the inputs: the argmax of each row's first K features. */
function softmaxLabels(X: BenchInput): Int32Array {
  const labels = new Int32Array(SOFTMAX_M);
  for (let i = 0; i < SOFTMAX_M; i++) {
    const row = i * SOFTMAX_N;
    let best = 0;
    for (let c = 1; c < SOFTMAX_K; c++) if (X.data[row + c] > X.data[row + best]) best = c;
    labels[i] = best;
  }
  return labels;
}

const softmax: Workload<{ X: Tensor; y: Int32Array }> = {
  name: `softmax SGD epoch, batch ${SOFTMAX_BATCH}, ${SOFTMAX_M}×${SOFTMAX_N}, K = ${SOFTMAX_K}`,
  inputs: { X: [SOFTMAX_M, SOFTMAX_N] },
  setup: ({ X }) => ({ X: tensor(X.data, X.shape), y: softmaxLabels(X) }),
  gradbook: ({ X, y }) =>
    softmaxRegression(X, y, {
      epochs: 1,
      batchSize: SOFTMAX_BATCH,
      learningRate: 0.01,
      seed: 0,
    }).W,
  numpy: {
    setup: [
      `Y = np.eye(${SOFTMAX_K})[np.argmax(X[:, :${SOFTMAX_K}], axis=1)]`,
      `order = np.array(${pythonList(softmaxOrder)})`,
      "def epoch(batch, learning_rate):",
      "    m, n = X.shape",
      `    W = np.zeros((n, ${SOFTMAX_K})); b = np.zeros(${SOFTMAX_K}); total = 0.0`,
      "    for start in range(0, m, batch):",
      "        idx = order[start:start + batch]",
      "        xb, yb = X[idx], Y[idx]",
      "        Z = xb @ W + b",
      "        top = Z.max(axis=1, keepdims=True)",
      "        E = np.exp(Z - top)",
      "        S = E.sum(axis=1, keepdims=True)",
      "        total += np.sum(np.log(S) + top - np.sum(yb * Z, axis=1, keepdims=True))",
      "        G = E / S - yb",
      "        W = W - (learning_rate / len(idx)) * (xb.T @ G)",
      "        b = b - (learning_rate / len(idx)) * G.sum(axis=0)",
      "    return W",
    ].join("\n"),
    run: `epoch(${SOFTMAX_BATCH}, 0.01)`,
  },
  flops: 2 * 2 * SOFTMAX_M * SOFTMAX_N * SOFTMAX_K,
  target: 2.5,
};

export const workloads: Workload[] = [ridge, logistic, softmax] as Workload[];
