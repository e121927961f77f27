import { describe, expect, it } from "vitest";
import { coalesce, runs, Walker } from "../../../src/tensor/walk";
import { indices } from "./reference";

/** Operand k's offsets at each visited index. */
function walk(shape: number[], strides: number[][], offsets: number[]): number[][] {
  const walker = new Walker(shape, strides, offsets);
  const seen: number[][] = [];
  for (let i = 0; i < walker.count; i++, walker.next()) seen.push([...walker.at]);
  return seen;
}

describe("Walker", () => {
  it("visits every index in C order with each operand's offset", () => {
    const shape = [2, 3, 2];
    const strides = [
      [6, 2, 1],
      [0, -1, 3],
    ];
    const offsets = [0, 5];
    const expected = indices(shape).map((index) =>
      strides.map((own, k) => index.reduce((at, i, axis) => at + i * own[axis], offsets[k])),
    );
    expect(walk(shape, strides, offsets)).toEqual(expected);
  });

  it("has one index for 0-d, none for an empty axis, and wraps back to the start", () => {
    expect(walk([], [[]], [7])).toEqual([[7]]);
    expect(walk([3, 0], [[0, 1]], [0])).toEqual([]);
    const walker = new Walker([2, 2], [[2, 1]], [1]);
    for (let i = 0; i < walker.count; i++) walker.next();
    expect(walker.at).toEqual([1]);
  });
});

describe("runs", () => {
  it("merges axes every operand walks as one into a single run", () => {
    // [2, 3, 4] contiguous, plus a row broadcast along the two leading axes.
    const cut = runs(
      [2, 3, 4],
      [
        [12, 4, 1],
        [0, 0, 1],
      ],
      [0, 0],
    );
    expect(cut.length).toBe(4);
    expect(cut.outer.count).toBe(6);
    const whole = runs(
      [2, 3, 4],
      [
        [12, 4, 1],
        [12, 4, 1],
      ],
      [0, 3],
    );
    expect([whole.length, whole.outer.count, whole.steps]).toEqual([24, 1, [1, 1]]);
  });

  it("walks a transposed operand in runs along the output's last axis", () => {
    const cut = runs(
      [3, 2],
      [
        [2, 1],
        [1, 3],
      ],
      [0, 0],
    );
    expect([cut.length, cut.steps, cut.outer.count]).toEqual([2, [1, 3], 3]);
  });

  it("makes 0-d one run of one element and an empty loop no run", () => {
    const scalar = runs([], [[], []], [4, 2]);
    expect([scalar.length, scalar.outer.count, scalar.outer.at]).toEqual([1, 1, [4, 2]]);
    expect(runs([2, 0, 3], [[0, 3, 1]], [0]).outer.count).toBe(0);
  });

  it("coalesce drops size-1 axes and keeps the visiting order", () => {
    expect(coalesce([1, 4, 1, 5], [[20, 5, 5, 1]])).toEqual({ shape: [20], strides: [[1]] });
    expect(coalesce([4, 5], [[1, 4]])).toEqual({ shape: [4, 5], strides: [[1, 4]] });
  });
});
