import { describe, expect, it } from "vitest";
import {
  accuracy,
  linearRegressionGD,
  logisticRegressionSGD,
  normalEquation,
  oneHot,
  type Labels,
} from "../../../src/models";
import { ShapeError, tensor } from "../../../src/tensor";

const X = [
  [1, 2],
  [3, 4],
];

describe("shared validation", () => {
  it("insists on an options object", () => {
    expect(() => logisticRegressionSGD(X, [0, 1], 5 as unknown as object)).toThrow(
      "logisticRegressionSGD: options must be an object such as { epochs: … }, got 5",
    );
    expect(() => linearRegressionGD(X, [0, 1], null as unknown as object)).toThrow(
      "linearRegressionGD: options must be an object such as { learningRate: … }, got null",
    );
    expect(() => linearRegressionGD(X, [0, 1], [] as unknown as object)).toThrow("got []");
  });

  it("says what labels may be", () => {
    expect(() => logisticRegressionSGD(X, "01" as unknown as Labels)).toThrow(
      'logisticRegressionSGD: y must be class labels (a Tensor, a number[] or an Int32Array), got "01"',
    );
    expect(() => oneHot([0, "1"] as unknown as Labels)).toThrow(
      'oneHot: labels[1] is "1", expected a number (a class label)',
    );
    expect(() => oneHot(tensor([[0, 1]]))).toThrow(
      "oneHot: [1, 2]: labels must hold one class label per example, shape [m] (or [m, 1]), got 2-D",
    );
    expect(oneHot(tensor([[1], [0]])).toArray()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(() => accuracy([], [])).toThrow("accuracy: [0], [0]: no examples to score");
  });

  it("refuses an X that is not a matrix of examples", () => {
    expect(() => normalEquation(tensor([[[1]]]), [1])).toThrow(ShapeError);
    expect(() => normalEquation(tensor([[[1]]]), [1])).toThrow(
      "normalEquation: [1, 1, 1]: X must be a 2-D matrix [m, n] with one row per example, got 3-D",
    );
    expect(() => normalEquation(tensor([]).reshape(0, 2), [])).toThrow(
      "normalEquation: [0, 2]: X has no rows: need at least one example",
    );
  });
});
