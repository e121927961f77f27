import { describe, expect, it } from "vitest";
import {
  formatNumber,
  formatShape,
  formatValues,
  fromJsonNumber,
  nonFiniteCounts,
  shapeAttribute,
  toJsonNumber,
} from "../../../src/protocol";

describe("formatNumber: one float64 as every output reads it (numpy's rules)", () => {
  it("decides how the awkward values read, in text/plain, HTML and the widgets alike", () => {
    // numpy: repr(np.float64(1e-12)) == '1e-12', str(np.inf) == 'inf', str(np.nan) == 'nan'.
    expect(formatNumber(12345.6)).toBe("12346");
    expect(formatNumber(1e-12)).toBe("1e-12");
    expect(formatNumber(Infinity)).toBe("inf");
    expect(formatNumber(-Infinity)).toBe("-inf");
    expect(formatNumber(NaN)).toBe("nan");
    expect(formatNumber(-0)).toBe("-0");
    expect(formatNumber(0)).toBe("0");
  });

  it("keeps whole numbers below 1e8 and rounds the rest to significant digits", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(-3.14159265)).toBe("-3.142");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(0.000123456)).toBe("0.0001235");
    expect(formatNumber(0.000123456, 6)).toBe("0.000123456");
    expect(formatNumber(99999999)).toBe("99999999");
  });

  it("switches to numpy's scientific notation outside [1e-4, 1e8)", () => {
    // numpy: repr(np.float64(3.2e-9)) == '3.2e-09'; exponents have a sign and two digits.
    expect(formatNumber(3.2e-9, 2)).toBe("3.2e-09");
    expect(formatNumber(1e-6)).toBe("1e-06");
    expect(formatNumber(2.5e-12)).toBe("2.5e-12");
    expect(formatNumber(123456789)).toBe("1.235e+08");
    expect(formatNumber(1.5e10)).toBe("1.5e+10");
    expect(formatNumber(-9.99e-5)).toBe("-9.99e-05");
  });
});

describe("formatValues: the values of one tensor in one notation and width", () => {
  it("prints like numpy's array repr, whole numbers without a point", () => {
    expect(formatValues([1, -20, 300])).toEqual(["  1", "-20", "300"]);
    expect(formatValues([0.5, 100])).toEqual(["  0.5", "100. "]);
    expect(formatValues([1e-5, 1e3])).toEqual(["1.e-05", "1.e+03"]);
    expect(formatValues([1.5, NaN, -Infinity])).toEqual([" 1.5", " nan", "-inf"]);
  });

  it("agrees with formatNumber on the non-finite values and -0", () => {
    expect(formatValues([NaN])).toEqual([formatNumber(NaN)]);
    expect(formatValues([Infinity])).toEqual([formatNumber(Infinity)]);
    expect(formatValues([-0])).toEqual([formatNumber(-0)]);
  });
});

describe("shapes, counts and the JSON number codec", () => {
  it("writes a shape as a student types it, and as the DOM hook", () => {
    expect(formatShape([150, 4])).toBe("[150, 4]");
    expect(formatShape([])).toBe("[]");
    expect(shapeAttribute([150, 4])).toBe("150,4");
    expect(shapeAttribute([])).toBe("");
  });

  it("counts the non-finite entries in one spelling", () => {
    expect(nonFiniteCounts(2, 1)).toEqual(["2 NaN", "1 Inf"]);
    expect(nonFiniteCounts(0, 3)).toEqual(["3 Inf"]);
    expect(nonFiniteCounts(0, 0)).toEqual([]);
  });

  it("round-trips every float64 through JSON, and decodes junk as NaN", () => {
    // (JSON itself writes -0 as 0, so a -0 arrives as 0.)
    for (const value of [1.5, 0, NaN, Infinity, -Infinity]) {
      expect(fromJsonNumber(JSON.parse(JSON.stringify(toJsonNumber(value))))).toBe(value);
    }
    expect(toJsonNumber(NaN)).toBe("NaN");
    expect(fromJsonNumber(null)).toBeNaN();
    expect(fromJsonNumber("12" as unknown as "NaN")).toBeNaN();
  });
});
