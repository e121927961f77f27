import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { arange, Random, random } from "../../../src/tensor";

describe("random: determinism", () => {
  it("reproduces these numbers exactly (a change of algorithm must show up here)", () => {
    // Recorded once from this implementation (seedrandom Alea, Marsaglia polar method).
    const r = random(42);
    expect(Array.from(r.normal([4]).data)).toEqual([
      0.46552577490612773, 0.8702778024297907, 0.08063887865148009, -0.5757106606148549,
    ]);
    expect(Array.from(r.uniform([3]).data)).toEqual([
      0.8142874278854225, 0.3921787425273878, 0.26018929769118004,
    ]);
    expect(Array.from(r.integers(0, 10, [6]).data)).toEqual([8, 2, 5, 3, 4, 4]);
    expect(Array.from(r.permutation(8))).toEqual([0, 1, 7, 4, 3, 2, 6, 5]);
    expect(Array.from(r.choice(10, 4, { replace: false }))).toEqual([9, 8, 1, 6]);
    expect(r.choice(["a", "b", "c"], 5)).toEqual(["c", "c", "c", "b", "b"]);
    const s = random("course");
    expect(Array.from(s.normal([3], 5, 2).data)).toEqual([
      8.285748555189596, 2.973902088715798, 3.5783456855697056,
    ]);
    expect(s.shuffle([1, 2, 3, 4, 5])).toEqual([4, 5, 1, 2, 3]);
  });

  it("gives the same stream for the same seed and a different one for another", () => {
    const a = random(7).normal([50]);
    const b = random(7).normal([50]);
    const c = random(8).normal([50]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it("without a seed picks one and reports it, so the run can be repeated", () => {
    const r = random();
    expect(typeof r.seed).toBe("number");
    const first = r.uniform([5]);
    expect(Array.from(random(r.seed).uniform([5]).data)).toEqual(Array.from(first.data));
    expect(r).toBeInstanceOf(Random);
  });
});

describe("random: distributions", () => {
  it("normal has the requested mean and standard deviation", () => {
    const x = random(1).normal([20000], 3, 2);
    expect(x.shape).toEqual([20000]);
    expect(Math.abs(x.mean().item() - 3)).toBeLessThan(0.05);
    expect(Math.abs(x.std().item() - 2)).toBeLessThan(0.05);
  });

  it("uniform stays in [low, high) with the right mean", () => {
    const x = random(2).uniform([2, 5000], -1, 3);
    expect(x.shape).toEqual([2, 5000]);
    expect(x.min().item()).toBeGreaterThanOrEqual(-1);
    expect(x.max().item()).toBeLessThan(3);
    expect(Math.abs(x.mean().item() - 1)).toBeLessThan(0.05);
  });

  it("integers covers [low, high) with integer values only", () => {
    const x = random(3).integers(-2, 3, [5000]);
    expect(gb.equal(x, x.map(Math.floor)).min().item()).toBe(1);
    expect(x.min().item()).toBe(-2);
    expect(x.max().item()).toBe(2);
    expect(random(3).integers(0, 1, 4).toArray()).toEqual([0, 0, 0, 0]);
    expect(random(0).integers(0, 5).shape).toEqual([]);
    expect(() => random(0).integers(3, 3, [2])).toThrow(
      "integers: need integers low < high, got low = 3, high = 3",
    );
    expect(() => random(0).integers(0, 2.5, [2])).toThrow(RangeError);
  });
});

describe("random: permutations and sampling", () => {
  it("permutation holds every index once", () => {
    const p = random(4).permutation(100);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect(random(4).permutation(0).length).toBe(0);
    expect(() => random(4).permutation(-1)).toThrow(
      "permutation: n must be a non-negative integer, got -1",
    );
  });

  it("shuffle works in place on arrays, typed arrays and tensor rows (views too)", () => {
    const list = [1, 2, 3, 4, 5, 6];
    expect(random(5).shuffle(list)).toBe(list);
    expect([...list].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const typed = Int32Array.of(1, 2, 3);
    expect(random(5).shuffle(typed)).toBe(typed);
    const X = arange(12).reshape(4, 3);
    const rows = X.toArray() as number[][];
    expect(random(6).shuffle(X)).toBe(X);
    const shuffled = X.toArray() as number[][];
    expect([...shuffled].sort((a, b) => a[0] - b[0])).toEqual(rows);
    expect(shuffled).not.toEqual(rows);
    const M = arange(12).reshape(3, 4);
    random(9).shuffle(M.T);
    const columns = M.toArray() as number[][];
    expect(columns[1].map((v, j) => v - columns[0][j])).toEqual([4, 4, 4, 4]);
    for (const row of columns)
      expect([...row].sort((a, b) => a - b)).toEqual(
        [0, 1, 2, 3].map((j) => row[0] - (row[0] % 4) + j),
      );
    expect(() => random(0).shuffle(gb.tensor(1))).toThrow(
      "shuffle: a 0-d tensor has no rows to shuffle",
    );
  });

  it("choice picks with or without replacement", () => {
    const picks = random(7).choice(5, 1000);
    expect(Math.min(...picks)).toBe(0);
    expect(Math.max(...picks)).toBe(4);
    const distinct = random(7).choice(20, 20, { replace: false });
    expect(new Set(distinct).size).toBe(20);
    expect(
      random(7)
        .choice(Int32Array.of(4, 5), 3)
        .every((v) => v === 4 || v === 5),
    ).toBe(true);
    expect(() => random(7).choice(3, 4, { replace: false })).toThrow(
      "choice: cannot pick 4 distinct items from 3 without replacement",
    );
    expect(() => random(7).choice([], 1)).toThrow("choice: cannot pick from an empty population");
    expect(random(7).choice([], 0)).toEqual([]);
  });
});
