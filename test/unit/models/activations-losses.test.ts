import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  crossEntropy,
  logSoftmax,
  mse,
  sigmoid,
  softmax,
} from "../../../src/models";
import { ShapeError, tensor } from "../../../src/tensor";
import { expectClose } from "./close";

describe("sigmoid", () => {
  it("is finite and correct at ±1000 and exact at 0", () => {
    expect(sigmoid([1000, -1000, 0, 745, -745]).toArray()).toEqual([
      1,
      0,
      0.5,
      1,
      Math.exp(-745) / (1 + Math.exp(-745)),
    ]);
  });

  it("agrees with 1/(1 + e^(−z)) where that does not overflow, and keeps the shape", () => {
    const z = tensor([
      [-30, -2.5, 0.1],
      [1, 4, 30],
    ]);
    const s = sigmoid(z);
    expect(s.shape).toEqual([2, 3]);
    expectClose(
      s,
      (z.toArray() as number[][]).flat().map((v) => 1 / (1 + Math.exp(-v))),
      { rtol: 1e-15 },
    );
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (v) => {
        const value = sigmoid(v).item();
        return value >= 0 && value <= 1 && Math.abs(value + sigmoid(-v).item() - 1) < 1e-15;
      }),
    );
  });
});

describe("softmax", () => {
  it("is stable for large logits: softmax([1000, 1001])", () => {
    const p = softmax([1000, 1001]);
    expectClose(p, [1 / (1 + Math.E), Math.E / (1 + Math.E)], { rtol: 1e-15 });
    expectClose(softmax([-1000, -1001]), [Math.E / (1 + Math.E), 1 / (1 + Math.E)], {
      rtol: 1e-15,
    });
  });

  it("normalizes along the chosen axis and is shift-invariant", () => {
    const z = tensor([
      [1, 2, 3],
      [0, 0, 0],
    ]);
    expectClose(softmax(z).sum(1), [1, 1], { rtol: 1e-15 });
    expectClose(softmax(z, 0).sum(0), [1, 1, 1], { rtol: 1e-15 });
    expectClose(softmax(z, 0), softmax(z.T).T, { rtol: 1e-15 });
    expectClose(softmax(z.add(123)), softmax(z), { rtol: 1e-13 });
    expectClose(softmax(z).slice(1), [1 / 3, 1 / 3, 1 / 3], { rtol: 1e-15 });
    expectClose(logSoftmax(z), softmax(z).log(), { rtol: 1e-14 });
    expectClose(logSoftmax([0, -2000]), [0, -2000], { rtol: 1e-15 });
  });

  it("refuses an axis that does not exist", () => {
    expect(() => softmax([1, 2], 1)).toThrow("softmax: axis 1 is out of range for a 1-D tensor");
    expect(() => softmax(3)).toThrow("softmax: needs at least one axis, got a 0-d tensor");
  });
});

describe("losses", () => {
  it("mse is the mean of squared differences and insists on equal shapes", () => {
    expect(mse([1, 2, 3, 4], [1.5, 1.5, 2, 5])).toBe(0.625);
    expect(() => mse([1, 2, 3], [[1], [2], [3]])).toThrow(ShapeError);
    expect(() => mse([1, 2, 3], [[1], [2], [3]])).toThrow(
      "mse: [3], [3, 1]: y and yHat must have the same shape (reshape one of them: [m] against [m, 1] would broadcast to [m, m])",
    );
  });

  // Oracles: sklearn.metrics.log_loss (clips to [ε, 1 − ε], ε = float64 machine epsilon).
  it("binaryCrossEntropy matches scikit-learn, finite at p = 0 and p = 1", () => {
    expectClose(
      binaryCrossEntropy([1, 0, 1, 1, 0], [0.9, 0.2, 0.6, 0.35, 0.05]),
      0.38808902192485106,
      {
        rtol: 1e-14,
      },
    );
    // Two confident mistakes (p = 0 for y = 1, p = 1 for y = 0), two confident hits.
    expectClose(binaryCrossEntropy([1, 0, 1, 0], [0, 1, 1, 0]), 18.021826694558577, {
      rtol: 1e-14,
    });
    expectClose(binaryCrossEntropy([1], [0]), -Math.log(2.220446049250313e-16), { rtol: 1e-15 });
    const perfect = binaryCrossEntropy([1, 0], [1, 0]);
    expect(Number.isFinite(perfect)).toBe(true);
    expect(perfect).toBeLessThan(1e-15);
    expect(binaryCrossEntropy(new Int32Array([1, 0]), [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });

  it("binaryCrossEntropy from logits is softplus(z) − y·z, stable for any z", () => {
    // numpy: mean(logaddexp(0, z) − y·z)
    expectClose(
      binaryCrossEntropy([1, 0, 1, 1, 0], [2.0, -1.5, 0.3, 40.0, -800.0], { fromLogits: true }),
      0.17653930669885046,
      { rtol: 1e-14 },
    );
    expect(binaryCrossEntropy([0], [1000], { fromLogits: true })).toBe(1000);
    expect(binaryCrossEntropy([1], [1000], { fromLogits: true })).toBe(0);
  });

  it("binaryCrossEntropy names what is wrong", () => {
    expect(() => binaryCrossEntropy([2], [0.5])).toThrow(
      "binaryCrossEntropy: y[0] = 2 is not a label 0/1 (or a target in [0, 1])",
    );
    expect(() => binaryCrossEntropy([1], [1.5])).toThrow(
      "binaryCrossEntropy: p holds 1.5 (flat index 0), not a probability in [0, 1]; pass { fromLogits: true } if these are logits",
    );
    expect(() => binaryCrossEntropy([1, 0], [[0.5], [0.5]])).toThrow(ShapeError);
    expect(() => binaryCrossEntropy([1], [0.5], { logits: true } as unknown as object)).toThrow(
      'binaryCrossEntropy: unknown option "logits"; the options are fromLogits',
    );
  });

  it("crossEntropy matches scikit-learn for labels and one-hot rows, and from logits", () => {
    const P = [
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
      [0.3, 0.4, 0.3],
      [0.0, 1.0, 0.0],
    ];
    expectClose(crossEntropy([0, 2, 1, 0], P), 9.384940654061063, { rtol: 1e-14 });
    const Y = [
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ];
    expectClose(crossEntropy(Y, P), 9.384940654061063, { rtol: 1e-14 });
    const Z = [
      [1.0, 2.0, 0.5],
      [1000.0, 1001.0, 999.0],
      [-3.0, 0.0, 3.0],
    ];
    expectClose(
      crossEntropy(new Int32Array([1, 0, 2]), Z, { fromLogits: true }),
      0.6409735040251241,
      {
        rtol: 1e-14,
      },
    );
  });

  it("crossEntropy checks labels against the number of columns", () => {
    expect(() =>
      crossEntropy(
        [0, 3],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow("crossEntropy: Y[1] = 3 is out of range: with 2 classes the labels must be 0 or 1");
    expect(() => crossEntropy([0], [0.5, 0.5])).toThrow(
      "crossEntropy: [2]: P must be [m, K] (one row of class scores per example), got 1-D",
    );
    expect(() => crossEntropy([[1, 0, 0]], [[0.5, 0.5]])).toThrow(
      "crossEntropy: [1, 3], [1, 2]: Y and P must have the same shape",
    );
  });
});
