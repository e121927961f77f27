import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomDirection, sampleIndices, unravelIndex } from "../../../src/check/sampling";
import {
  normRelativeError,
  relativeError,
  verdictOf,
  withinTolerance,
  worstVerdict,
} from "../../../src/check/verdict";

describe("agreement measures", () => {
  it("relative error is |a − n| / max(|a| + |n|, atol)", () => {
    expect(relativeError(1, 0.5, 1e-5)).toBeCloseTo(0.5 / 1.5, 15);
    expect(relativeError(0, 0, 1e-5)).toBe(0);
    // Below atol the entry is measured against atol, not against its own tiny size.
    expect(relativeError(0, 3e-11, 1e-5)).toBeCloseTo(3e-6, 18);
    expect(relativeError(NaN, 1, 1e-5)).toBeNaN();
  });

  it("torch's test is |a − n| ≤ atol + rtol·|n|", () => {
    expect(withinTolerance(1.0009, 1, 1e-3, 1e-5)).toBe(true);
    expect(withinTolerance(1.0011, 1, 1e-3, 1e-5)).toBe(false);
    expect(withinTolerance(9e-6, 0, 1e-3, 1e-5)).toBe(true);
    expect(withinTolerance(NaN, 0, 1e-3, 1e-5)).toBe(false);
  });

  it("Ng's norm-wise error is ‖a − n‖ / (‖a‖ + ‖n‖)", () => {
    expect(normRelativeError([3, 0], [0, 4])).toBeCloseTo(5 / 7, 15);
    expect(normRelativeError([0, 0], [0, 0])).toBe(0);
  });

  it("relative errors lie in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        (a, n) => {
          const error = relativeError(a, n, 1e-5);
          return error >= 0 && error <= 1;
        },
      ),
    );
  });
});

describe("the bands", () => {
  it("go exact, fine, suspicious, wrong", () => {
    expect(verdictOf({ passes: true, withinNoise: true, normRelError: 1e-3 })).toBe("exact");
    expect(verdictOf({ passes: true, withinNoise: false, normRelError: 1e-10 })).toBe("exact");
    expect(verdictOf({ passes: true, withinNoise: false, normRelError: 1e-8 })).toBe("fine");
    expect(verdictOf({ passes: true, withinNoise: false, normRelError: 2e-7 })).toBe("fine");
    expect(verdictOf({ passes: true, withinNoise: false, normRelError: 3e-7 })).toBe("suspicious");
    expect(verdictOf({ passes: false, withinNoise: true, normRelError: 0 })).toBe("wrong");
  });

  it("combine to the worst", () => {
    expect(worstVerdict(["exact", "suspicious", "fine"])).toBe("suspicious");
    expect(worstVerdict([])).toBe("exact");
  });
});

describe("sampling", () => {
  it("draws distinct sorted indices, reproducibly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 600 }),
        (total, count) => {
          const picks = sampleIndices(total, count, 7);
          expect(picks).toHaveLength(Math.min(total, count));
          expect(new Set(picks).size).toBe(picks.length);
          expect(picks.every((i, k) => i >= 0 && i < total && (k === 0 || picks[k - 1] < i))).toBe(
            true,
          );
          expect(sampleIndices(total, count, 7)).toEqual(picks);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("gives a unit random direction and unravels C-order indices", () => {
    const v = randomDirection(100, "s");
    expect(Math.hypot(...v)).toBeCloseTo(1, 14);
    expect(randomDirection(100, "s")).toEqual(v);
    expect(unravelIndex(5, [2, 3])).toEqual([1, 2]);
    expect(unravelIndex(23, [2, 3, 4])).toEqual([1, 2, 3]);
    expect(unravelIndex(0, [])).toEqual([]);
  });
});
