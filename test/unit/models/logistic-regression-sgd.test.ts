import { describe, expect, it } from "vitest";
import { loadIris } from "../../../src/data";
import {
  accuracy,
  binaryCrossEntropy,
  DivergenceError,
  logisticRegressionSGD,
  predict,
  predictProba,
  sigmoid,
} from "../../../src/models";
import { matmul, Tensor } from "../../../src/tensor";
import { expectClose } from "./close";

/** Seed 004's two-class problem: setosa (0) against versicolor (1), the first 100 rows. */
function setosaVersicolor(): { X: Tensor; y: Int32Array } {
  const { X, y } = loadIris();
  return { X: X.slice([0, 100]).clone(), y: y.slice(0, 100) };
}

// numpy reference of the same algorithm, examples in order 0..99 (shuffle: false), zeros start:
// z = x·w + b, loss += logaddexp(0, z) − y·z, w ← (1 − lr·λ/m)w − lr·(σ(z) − y)x / |B|.
const PER_SAMPLE = {
  w: [0.12790470218728758, -0.2601668255111402, 0.704256824126957, 0.28610102041177865],
  b: -0.03549744500052972,
  history: [0.27703658926603736, 0.31104454084857264, 0.24754785336488572],
};
const FULL_BATCH = {
  w: [-0.021350722554491976, -0.1453019196474356, 0.248712667014342, 0.10340799445238165],
  b: -0.022925565525214492,
  history: [
    0.6931471805599453, 0.6419939646071886, 0.6016228802197923, 0.5653293510583726,
    0.5323366511400041,
  ],
};

describe("logisticRegressionSGD", () => {
  it("reaches 100% training accuracy on setosa vs versicolor in 20 epochs of per-sample SGD", () => {
    const { X, y } = setosaVersicolor();
    const fit = logisticRegressionSGD(X, y, { epochs: 20, learningRate: 0.01 });
    expect(fit.w.shape).toEqual([4]);
    expect(fit.history).toHaveLength(20);
    expect(fit.history[19]).toBeLessThan(fit.history[0]);
    expect(accuracy(y, predict(X, fit))).toBe(1);
  });

  it("runs the seed's per-sample update exactly (numpy reference, λ = 0.5)", () => {
    const { X, y } = setosaVersicolor();
    const fit = logisticRegressionSGD(X, y, {
      epochs: 3,
      learningRate: 0.01,
      lambda: 0.5,
      shuffle: false,
    });
    expectClose(fit.w, PER_SAMPLE.w, { rtol: 1e-12 });
    expectClose(fit.b, PER_SAMPLE.b, { rtol: 1e-12 });
    expectClose(fit.history, PER_SAMPLE.history, { rtol: 1e-12 });
  });

  it("with batchSize = m is full-batch gradient descent (numpy reference)", () => {
    const { X, y } = setosaVersicolor();
    const fit = logisticRegressionSGD(X, y, {
      epochs: 5,
      learningRate: 0.1,
      batchSize: 100,
      shuffle: false,
    });
    expectClose(fit.w, FULL_BATCH.w, { rtol: 1e-12 });
    expectClose(fit.b, FULL_BATCH.b, { rtol: 1e-12 });
    expectClose(fit.history, FULL_BATCH.history, { rtol: 1e-12 });
    // The first epoch's loss is the cross-entropy of the zero model: log 2.
    expectClose(fit.history[0], Math.LN2, { rtol: 1e-15 });
  });

  it("is deterministic for a seed and shuffles differently for another", () => {
    const { X, y } = setosaVersicolor();
    const a = logisticRegressionSGD(X, y, { epochs: 2, seed: 7 });
    const b = logisticRegressionSGD(X, y, { epochs: 2, seed: 7 });
    const c = logisticRegressionSGD(X, y, { epochs: 2, seed: 8 });
    expect(a.w.toArray()).toEqual(b.w.toArray());
    expect(a.history).toEqual(b.history);
    expect(a.w.toArray()).not.toEqual(c.w.toArray());
  });

  it("starts from N(0, 1) weights with init: 'normal', as the seed's randn", () => {
    const { X, y } = setosaVersicolor();
    const zero = logisticRegressionSGD(X, y, { epochs: 1, learningRate: 1e-12 });
    const normal = logisticRegressionSGD(X, y, { epochs: 1, learningRate: 1e-12, init: "normal" });
    expect(zero.b.shape).toEqual([]);
    expect(zero.b.item()).toBeCloseTo(0, 9);
    expect(Math.abs(normal.b.item()) + normal.w.abs().sum().item()).toBeGreaterThan(0.1);
  });

  it("accepts labels as a Tensor, a number[] or an Int32Array", () => {
    const { X, y } = setosaVersicolor();
    const options = { epochs: 2 };
    const fromInt32 = logisticRegressionSGD(X, y, options);
    const fromArray = logisticRegressionSGD(X, Array.from(y), options);
    const fromTensor = logisticRegressionSGD(X, new Tensor(Float64Array.from(y), [100]), options);
    expect(fromArray.w.toArray()).toEqual(fromInt32.w.toArray());
    expect(fromTensor.w.toArray()).toEqual(fromInt32.w.toArray());
  });

  it("reports the epoch loss, weights and bias to onEpoch", () => {
    const { X, y } = setosaVersicolor();
    const epochs: number[] = [];
    const losses: number[] = [];
    const biases: number[] = [];
    const fit = logisticRegressionSGD(X, y, {
      epochs: 3,
      onEpoch: (epoch, loss, { w, b }) => {
        expect(w.shape).toEqual([4]);
        epochs.push(epoch);
        losses.push(loss);
        biases.push(b.item());
      },
    });
    expect(epochs).toEqual([1, 2, 3]);
    expect(losses).toEqual(fit.history);
    expect(biases[2]).toBe(fit.b.item());
  });

  it("throws a DivergenceError when the weights overflow", () => {
    const { X, y } = setosaVersicolor();
    expect(() => logisticRegressionSGD(X, y, { learningRate: 1e308 })).toThrow(DivergenceError);
    expect(() => logisticRegressionSGD(X, y, { learningRate: 1e308 })).toThrow(
      /logisticRegressionSGD: gradient descent diverged with learningRate = 1e\+308: the cost became NaN at iteration 1/,
    );
  });

  it("names a NaN or an Infinity in X (found once the loss turns non-finite)", () => {
    const { X, y } = setosaVersicolor();
    const broken = X.clone();
    broken.data[37 * 4 + 2] = NaN;
    expect(() => logisticRegressionSGD(broken, y)).toThrow(
      "logisticRegressionSGD: X has a non-finite value (NaN) at X[37, 2]; remove or fill in missing values first",
    );
    broken.data[37 * 4 + 2] = -Infinity;
    expect(() => logisticRegressionSGD(broken, y, { epochs: 1 })).toThrow(
      "X has a non-finite value (-Infinity) at X[37, 2]",
    );
  });

  it("refuses labels other than 0 and 1, and other bad input", () => {
    const { X } = setosaVersicolor();
    const y = new Int32Array(100);
    y[7] = 2;
    expect(() => logisticRegressionSGD(X, y)).toThrow(
      "logisticRegressionSGD: y[7] = 2 is out of range: with 2 classes the labels must be 0 or 1",
    );
    expect(() => logisticRegressionSGD(X, [0.5, ...new Array(99).fill(0)])).toThrow(
      "logisticRegressionSGD: y[0] = 0.5 is not a class label (labels are integers 0, 1, 2, …)",
    );
    expect(() => logisticRegressionSGD(X, new Int32Array(99))).toThrow(
      "logisticRegressionSGD: [100], [99]: X has 100 rows (examples) but y has 99 labels",
    );
    expect(() => logisticRegressionSGD(X, new Int32Array(100), { batchSize: 2.5 })).toThrow(
      "logisticRegressionSGD: option batchSize must be an integer ≥ 1, got 2.5",
    );
    expect(() =>
      logisticRegressionSGD(X, new Int32Array(100), { init: "ones" } as unknown as object),
    ).toThrow('logisticRegressionSGD: option init must be "zeros" or "normal", got "ones"');
    expect(() =>
      logisticRegressionSGD(X, new Int32Array(100), { seed: {} } as unknown as object),
    ).toThrow(
      "logisticRegressionSGD: option seed must be a number or a string, got an object (Object)",
    );
  });
});

describe("predictProba and predict for a binary model", () => {
  const model = { w: new Tensor(Float64Array.of(2, -1), [2]), b: 0.5 };
  const X = [
    [1, 1],
    [0, 3],
    [-1, 0],
  ];

  it("computes σ(Xw + b) and thresholds it at 0.5 by default", () => {
    const p = predictProba(X, model);
    expectClose(p, sigmoid(matmul(X, model.w).add(0.5)), { rtol: 1e-15 });
    expectClose(p, [1 / (1 + Math.exp(-1.5)), 1 / (1 + Math.exp(2.5)), 1 / (1 + Math.exp(1.5))], {
      rtol: 1e-15,
    });
    expect(Array.from(predict(X, model))).toEqual([1, 0, 0]);
    expect(Array.from(predict(X, model, { threshold: 0.1 }))).toEqual([1, 0, 1]);
    expect(binaryCrossEntropy([1, 0, 0], p)).toBeLessThan(0.5);
  });

  it("checks that w fits X", () => {
    expect(() => predictProba([[1, 2, 3]], model)).toThrow(
      "predictProba: [1, 3], [2]: w must be [n] with n = 3, the number of columns of X",
    );
    expect(() => predict(X, model, { threshold: 1 })).toThrow(
      "predict: option threshold must be a probability in (0, 1), got 1",
    );
  });
});
