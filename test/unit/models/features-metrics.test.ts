import { describe, expect, it } from "vitest";
import {
  accuracy,
  addBias,
  confusionMatrix,
  oneHot,
  polynomialFeatures,
  r2,
  standardize,
  trainTestSplit,
} from "../../../src/models";
import { arange, ShapeError, tensor } from "../../../src/tensor";
import { expectClose } from "./close";

describe("addBias", () => {
  it("puts a column of ones first", () => {
    expect(
      addBias([
        [2, 3],
        [4, 5],
      ]).toArray(),
    ).toEqual([
      [1, 2, 3],
      [1, 4, 5],
    ]);
    expect(addBias([7, 8]).toArray()).toEqual([
      [1, 7],
      [1, 8],
    ]);
    // A transposed view is read in its logical order.
    expect(addBias(tensor([[1, 2]]).T).toArray()).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(() => addBias([[[1]]])).toThrow("addBias: [1, 1, 1]: X must be [m, n] or [m], got 3-D");
  });
});

describe("polynomialFeatures", () => {
  it("builds the columns 1, x, …, x^degree (numpy's vander(x, degree + 1, increasing=True))", () => {
    expect(polynomialFeatures([0, -1.5, 2], 3).toArray()).toEqual([
      [1, 0, 0, 0],
      [1, -1.5, 2.25, -3.375],
      [1, 2, 4, 8],
    ]);
    expect(polynomialFeatures([[3], [4]], 0).toArray()).toEqual([[1], [1]]);
  });

  it("refuses several features and a bad degree", () => {
    expect(() => polynomialFeatures([[1, 2]], 2)).toThrow(
      "polynomialFeatures: [1, 2]: x must be one feature, [m] or [m, 1], got 2 columns",
    );
    expect(() => polynomialFeatures([1, 2], 1.5)).toThrow(
      "polynomialFeatures: degree must be an integer ≥ 0, got 1.5",
    );
  });
});

describe("oneHot", () => {
  it("turns labels into one-hot rows, K from the labels or given", () => {
    expect(oneHot([0, 2, 1]).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(oneHot(new Int32Array([1]), 4).toArray()).toEqual([[0, 1, 0, 0]]);
    expect(oneHot(tensor([1, 0])).shape).toEqual([2, 2]);
    expect(() => oneHot([0, 4], 3)).toThrow(
      "oneHot: labels[1] = 4 is out of range: with 3 classes the labels must be 0 … 2",
    );
    expect(() => oneHot([0, 1.5])).toThrow("oneHot: labels[1] = 1.5 is not a class label");
  });
});

describe("standardize", () => {
  // Oracle: sklearn.preprocessing.StandardScaler (population std, scale 1 for a constant column).
  const S = [
    [1.0, 5.0, 2.0],
    [2.0, 5.0, 0.0],
    [4.0, 5.0, 1.0],
    [7.0, 5.0, 3.0],
  ];

  it("matches scikit-learn's StandardScaler, constant columns included", () => {
    const { X, mean, std } = standardize(S);
    expectClose(mean, [3.5, 5.0, 1.5], { rtol: 1e-15 });
    expectClose(std, [2.29128784747792, 1.0, 1.118033988749895], { rtol: 1e-15 });
    expectClose(
      X,
      [
        [-1.091089451179962, 0.0, 0.4472135954999579],
        [-0.6546536707079772, 0.0, -1.3416407864998738],
        [0.2182178902359924, 0.0, -0.4472135954999579],
        [1.5275252316519468, 0.0, 1.3416407864998738],
      ],
      { rtol: 1e-14, atol: 1e-15 },
    );
  });

  it("treats a column constant up to rounding as constant", () => {
    const { X, std } = standardize([[0.1 + 0.2], [0.3], [0.30000000000000004]]);
    expect(std.toArray()).toEqual([1]);
    expect(Number.isFinite(X.get(0, 0))).toBe(true);
  });

  it("scales new data with the training statistics", () => {
    const train = standardize(S);
    const test = standardize([[3.5, 5, 1.5 + 1.118033988749895]], train);
    expectClose(test.X, [[0, 0, 1]], { atol: 1e-15 });
    expect(() => standardize([[1, 2]], train)).toThrow(
      "standardize: [2], [3]: mean must have the shape of one row of X, [2]",
    );
  });
});

describe("trainTestSplit", () => {
  const X = arange(20).reshape(10, 2);
  const y = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it("holds out ⌈testSize·m⌉ rows, disjoint from the rest, rows of X and y kept together", () => {
    const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.25, seed: 1 });
    expect(XTest.shape).toEqual([3, 2]);
    expect(XTrain.shape).toEqual([7, 2]);
    expect(yTest).toBeInstanceOf(Int32Array);
    expect([...yTrain, ...yTest].sort((a, b) => a - b)).toEqual([...y]);
    yTest.forEach((label, i) =>
      expect(XTest.slice(i).toArray()).toEqual([2 * label, 2 * label + 1]),
    );
    yTrain.forEach((label, i) =>
      expect(XTrain.slice(i).toArray()).toEqual([2 * label, 2 * label + 1]),
    );
  });

  it("is deterministic for a seed and keeps the kind of y", () => {
    const a = trainTestSplit(X, Array.from(y), { seed: 5 });
    const b = trainTestSplit(X, Array.from(y), { seed: 5 });
    const c = trainTestSplit(X, Array.from(y), { seed: 6 });
    expect(Array.isArray(a.yTest)).toBe(true);
    expect(a.yTest).toEqual(b.yTest);
    expect(a.yTest).not.toEqual(c.yTest);
    const t = trainTestSplit(X, tensor([...y]), { testSize: 4 });
    expect(t.yTest.shape).toEqual([4]);
  });

  it("keeps the order without shuffling: the test rows are the last ones", () => {
    const { yTrain, yTest } = trainTestSplit(X, y, { shuffle: false, testSize: 0.3 });
    expect([...yTrain]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...yTest]).toEqual([7, 8, 9]);
  });

  it("validates sizes and options", () => {
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(
      "trainTestSplit: [10, 2], [9]: X has 10 rows (examples) but y has 9",
    );
    expect(() => trainTestSplit(X, y, { testSize: 10 })).toThrow(
      "trainTestSplit: option testSize must be a fraction in (0, 1) or a whole number of rows below 10",
    );
    expect(() => trainTestSplit(X, y, { testSize: 0 })).toThrow(
      "trainTestSplit: option testSize must be a positive finite number, got 0",
    );
  });
});

describe("metrics", () => {
  it("accuracy compares labels, or the argmax of [m, K] rows", () => {
    expect(accuracy([0, 1, 2, 2], new Int32Array([0, 2, 2, 2]))).toBe(0.75);
    expect(
      accuracy(tensor([1, 0]), [
        [0.2, 0.8],
        [0.4, 0.6],
      ]),
    ).toBe(0.5);
    expect(() => accuracy([0, 1], [0])).toThrow(
      "accuracy: [2], [1]: yTrue has 2 labels but yPred has 1: one prediction per example",
    );
  });

  it("confusionMatrix counts truth by rows, predictions by columns (scikit-learn)", () => {
    expect(confusionMatrix([0, 1, 2, 2, 1, 0, 2], [0, 2, 2, 1, 1, 0, 0]).toArray()).toEqual([
      [2, 0, 0],
      [0, 1, 1],
      [1, 1, 1],
    ]);
    expect(confusionMatrix([0], [0], 2).toArray()).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(
      "confusionMatrix: yTrue[1] = 3 is out of range",
    );
  });

  // Oracles: sklearn.metrics.r2_score.
  it("r2 matches scikit-learn for one and several outputs and constant targets", () => {
    const yt = [
      [3.0, -0.5],
      [0.5, 0.0],
      [2.0, 2.0],
      [7.0, 8.0],
    ];
    const yp = [
      [2.5, 0.0],
      [0.0, 0.0],
      [2.0, 2.0],
      [8.0, 5.0],
    ];
    expectClose(r2(yt, yp), 0.8664237963724323, { rtol: 1e-14 });
    expectClose(r2([3.0, 0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]), 0.9353099730458221, {
      rtol: 1e-14,
    });
    expectClose(
      r2(
        [
          [1, 2],
          [1, 3],
          [1, 4],
        ],
        [
          [1, 2],
          [1, 3.5],
          [2, 4],
        ],
      ),
      0.4375,
      { rtol: 1e-14 },
    );
    expect(r2([1, 1], [1, 1])).toBe(1);
    expect(() => r2([1, 2], [[1], [2]])).toThrow(ShapeError);
  });
});
