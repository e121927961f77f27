import { describe, expect, it } from "vitest";
import { makeBlobs } from "../../../src/data";
import { plot } from "../../../src/display";
import {
  linearRegressionGD,
  logisticRegressionSGD,
  ridgeNormalEquation,
} from "../../../src/models";
import { gradcheck, traceShapes } from "../../../src/check";
import {
  callback,
  flag,
  integerAtLeast,
  interval,
  nonNegativeNumber,
  oneOf,
  positiveNumber,
  seed,
} from "../../../src/protocol/option-rules";
import { readArgument, readOptions } from "../../../src/protocol/options";
import { tensor } from "../../../src/tensor";

const X = tensor([
  [1, 2],
  [3, 4],
]);
const y = tensor([1, 2]);

/** The message of what `action` throws. */
function thrown(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a throw");
}

describe("readOptions, the one option validator", () => {
  const rules = {
    learningRate: positiveNumber(0.01),
    lambda: nonNegativeNumber(0),
    init: oneOf(["zeros", "normal"] as const, "zeros"),
    shuffle: flag(true),
    seed: seed(0),
    points: integerAtLeast(2, 200),
    range: interval([-1, 1] as const),
    onEpoch: callback(),
  };

  it("fills in every default and returns what was given", () => {
    expect(readOptions("op", undefined, rules)).toEqual({
      learningRate: 0.01,
      lambda: 0,
      init: "zeros",
      shuffle: true,
      seed: 0,
      points: 200,
      range: [-1, 1],
      onEpoch: undefined,
    });
    expect(readOptions("op", { lambda: 2, seed: "a" }, rules)).toMatchObject({
      lambda: 2,
      seed: "a",
    });
  });

  it("says, in one format, what each rule wants: a TypeError for the type, a RangeError for the range", () => {
    const read = (options: object) => () => readOptions("op", options, rules);
    expect(read({ learningRate: 0 })).toThrow(
      new RangeError("op: option learningRate must be a positive finite number, got 0"),
    );
    expect(read({ lambda: "1" })).toThrow(
      new TypeError('op: option lambda must be a finite number ≥ 0, got "1"'),
    );
    expect(read({ init: "ones" })).toThrow(
      new RangeError('op: option init must be "zeros" or "normal", got "ones"'),
    );
    expect(read({ shuffle: 1 })).toThrow(
      new TypeError("op: option shuffle must be true or false, got 1"),
    );
    expect(read({ seed: NaN })).toThrow("op: option seed must be a number or a string, got NaN");
    expect(read({ points: 2.5 })).toThrow("op: option points must be an integer ≥ 2, got 2.5");
    expect(read({ range: [1, -1] })).toThrow(
      "op: option range must be [low, high] with low < high, got [1, -1]",
    );
    expect(read({ onEpoch: {} })).toThrow(
      "op: option onEpoch must be a function, got an object (Object)",
    );
    expect(() => readOptions("op", "fast", rules)).toThrow(
      new TypeError('op: options must be an object such as { learningRate: … }, got "fast"'),
    );
  });

  it("checks positional arguments in the same words; without a fallback they are required", () => {
    expect(readArgument("op", "alpha", undefined, nonNegativeNumber(1))).toBe(1);
    expect(() => readArgument("op", "alpha", undefined, nonNegativeNumber())).toThrow(
      new TypeError("op: alpha must be a finite number ≥ 0, got undefined"),
    );
    expect(() => ridgeNormalEquation(X, y, -1)).toThrow(
      "ridgeNormalEquation: lambda (λ) must be a finite number ≥ 0, got -1",
    );
  });
});

describe('"did you mean", with scikit-learn\'s names', () => {
  it("maps alpha to lambda or learningRate, whichever the function has", () => {
    expect(thrown(() => linearRegressionGD(X, y, { alpha: 0.1 } as object))).toBe(
      'linearRegressionGD: unknown option "alpha" (did you mean lambda or learningRate? ' +
        "scikit-learn's alpha is the regularization strength λ; the seeds' α is the learning rate); " +
        "the options are learningRate, lambda, tolerance, maxIters, onEpoch",
    );
    expect(thrown(() => ridgeNormalEquation(X, y, 1, { alpha: 1 } as object))).toBe(
      'ridgeNormalEquation: unknown option "alpha"; the options are penalizeBias',
    );
  });

  it("maps max_iter, tol and random_state to maxIters, tolerance and seed", () => {
    expect(thrown(() => linearRegressionGD(X, y, { max_iter: 10 } as object))).toContain(
      "(did you mean maxIters? scikit-learn's max_iter)",
    );
    expect(thrown(() => logisticRegressionSGD(X, [0, 1], { max_iter: 10 } as object))).toContain(
      "(did you mean epochs? scikit-learn's SGD counts epochs in max_iter)",
    );
    expect(thrown(() => linearRegressionGD(X, y, { tol: 1e-6 } as object))).toContain(
      "(did you mean tolerance? scikit-learn's tol)",
    );
    expect(thrown(() => logisticRegressionSGD(X, [0, 1], { random_state: 1 } as object))).toContain(
      "(did you mean seed? scikit-learn's random_state)",
    );
    expect(thrown(() => makeBlobs({ random_state: 1 } as object))).toContain(
      "(did you mean seed? scikit-learn's random_state)",
    );
  });

  it("catches other spellings and near misses, and stays quiet when nothing fits", () => {
    expect(thrown(() => linearRegressionGD(X, y, { learning_rate: 0.1 } as object))).toContain(
      '"learning_rate" (did you mean learningRate?)',
    );
    expect(thrown(() => linearRegressionGD(X, y, { lamda: 1 } as object))).toContain(
      '"lamda" (did you mean lambda?)',
    );
    expect(thrown(() => linearRegressionGD(X, y, { maxIter: 1 } as object))).toContain(
      '"maxIter" (did you mean maxIters? scikit-learn\'s max_iter)',
    );
    expect(thrown(() => logisticRegressionSGD(X, [0, 1], { lr: 1 } as object))).toContain(
      "(did you mean learningRate? PyTorch's lr)",
    );
    expect(thrown(() => makeBlobs({ q: 1 } as object))).toBe(
      'makeBlobs: unknown option "q"; the options are m, centers, dims, std, box, seed',
    );
  });

  it("is the validator of plots and checks too", () => {
    expect(thrown(() => plot.line([1, 2], [3, 4], { xlabel: "epoch" } as object))).toBe(
      'plot.line: unknown option "xlabel" (did you mean xLabel?); the options are title, xLabel, yLabel, height, width, name, mode, logY',
    );
    expect(thrown(() => plot.lossCurve([1, 0.5], { logy: true } as object))).toContain(
      "(did you mean logY?)",
    );
    expect(thrown(() => plot.fit([1, 2], [1, 2], () => [0, 0], { height: -5 }))).toBe(
      "plot.fit: option height must be a positive finite number, got -5",
    );
    const f = ({ w }: { w: typeof y }) => w.sum().item();
    expect(
      thrown(() => gradcheck(f, { w: y }, { w: tensor([1, 1]) }, { tol: 1 } as object)),
    ).toContain(
      'gradcheck: unknown option "tol"; the options are eps, rtol, atol, maxEntries, seed, worst',
    );
    expect(thrown(() => traceShapes(() => 1, { maxOp: 3 } as object))).toContain(
      '"maxOp" (did you mean maxOps?)',
    );
  });
});
