import { describe, expect, it } from "vitest";
import {
  argsort,
  arange,
  equal,
  mask,
  random,
  ShapeError,
  take,
  tensor,
} from "../../../src/tensor";

const X = arange(12).reshape([4, 3]);

describe("take", () => {
  it("picks rows with axis 0, numpy's X[idx], from an Int32Array of a permutation", () => {
    const idx = Int32Array.of(3, 0, 3);
    expect(take(X, idx, 0).toArray()).toEqual([
      [9, 10, 11],
      [0, 1, 2],
      [9, 10, 11],
    ]);
    const batch = random(0).permutation(4).subarray(0, 2);
    expect(X.take(batch, 0).shape).toEqual([2, 3]);
  });

  it("reads a flattened tensor without an axis, picks columns, and counts negatives from the end", () => {
    expect(take(X, [0, 11]).toArray()).toEqual([0, 11]);
    expect(take(X, [-1, 0], 1).toArray()).toEqual([
      [2, 0],
      [5, 3],
      [8, 6],
      [11, 9],
    ]);
    expect(take(X, tensor([[1], [2]]), 0).shape).toEqual([2, 1, 3]);
    expect(take(X, 2, 0).toArray()).toEqual([6, 7, 8]);
  });

  it("names the index, the axis and the valid range when an index is wrong", () => {
    expect(() => take(X, [1, 4], 0)).toThrow(ShapeError);
    expect(() => take(X, [1, 4], 0)).toThrow(
      "take: [4, 3], [2]: index 4 (entry 1 of the indices) is out of range for axis 0 of size 4; indices run from -4 to 3",
    );
    expect(() => take(X, [0.5], 1)).toThrow(
      "index 0.5 (entry 0 of the indices) is not a whole number",
    );
  });
});

describe("mask", () => {
  it("picks the rows where a 1-D mask is true: the examples of one class", () => {
    const y = tensor([0, 1, 1, 0]);
    expect(mask(X, equal(y, 1)).toArray()).toEqual([
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect(X.mask([true, false, false, false]).shape).toEqual([1, 3]);
  });

  it("picks single entries with a mask of x's own shape, as numpy's x[x > 5]", () => {
    expect(X.mask(X.greater(8)).toArray()).toEqual([9, 10, 11]);
    expect(X.mask(X.greater(100)).shape).toEqual([0]);
  });

  it("refuses a mask of the wrong shape or with values other than 0/1", () => {
    expect(() => mask(X, [1, 0, 1])).toThrow(
      "mask: [4, 3], [3]: a mask must have the shape of x's leading axes (here [4]), got [3]",
    );
    expect(() => mask(X, [0, 2, 1, 0])).toThrow(
      "mask: the mask holds 2 at entry 1; a mask holds true/false or 0/1",
    );
  });
});

describe("argsort", () => {
  it("sorts along the last axis, stable, NaN last", () => {
    expect(argsort([3, 1, 2, 1]).toArray()).toEqual([1, 3, 2, 0]);
    expect(argsort([NaN, 2, 1]).toArray()).toEqual([2, 1, 0]);
    expect(
      tensor([
        [3, 1, 2],
        [0, 5, 4],
      ])
        .argsort()
        .toArray(),
    ).toEqual([
      [1, 2, 0],
      [0, 2, 1],
    ]);
  });

  it("sorts along axis 0 or the flattened tensor, and take(x, argsort(x)) is x sorted", () => {
    const scores = tensor([
      [3, 1],
      [0, 5],
    ]);
    expect(argsort(scores, 0).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(argsort(scores, null).toArray()).toEqual([2, 1, 0, 3]);
    const x = tensor([0.3, -2, 7, 1]);
    expect(take(x, argsort(x)).toArray()).toEqual([-2, 0.3, 1, 7]);
    expect(() => argsort(x, 1)).toThrow(
      "argsort: [4]: axis 1 is out of range (valid axes are -1..0)",
    );
  });
});
