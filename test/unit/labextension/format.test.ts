import { describe, expect, it } from "vitest";
import { readBundle } from "../../../labextension/src/bundle";
import {
  decodeNumber,
  formatBytes,
  formatNumber,
  formatShape,
  shapeAttribute,
} from "../../../labextension/src/format";

describe("numbers and shapes for people", () => {
  it("decodes the JSON spellings of non-finite numbers", () => {
    expect(decodeNumber(1.5)).toBe(1.5);
    expect(decodeNumber("NaN")).toBeNaN();
    expect(decodeNumber("Infinity")).toBe(Infinity);
    expect(decodeNumber("-Infinity")).toBe(-Infinity);
    expect(decodeNumber(null)).toBeNaN();
  });

  it("formats like numpy: significant digits, scientific outside [1e-3, 1e5)", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(-3.14159265)).toBe("-3.142");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1e-7)).toBe("1e-7");
    expect(formatNumber(2.5e-12)).toBe("2.5e-12");
    expect(formatNumber(123456)).toBe("1.235e+5");
    expect(formatNumber(0.000123456, 6)).toBe("1.23456e-4");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Inf");
  });

  it("writes shapes for reading and for the data-gradbook-shape hook", () => {
    expect(formatShape([150, 4])).toBe("150 × 4");
    expect(formatShape([])).toBe("scalar");
    expect(shapeAttribute([150, 4])).toBe("150,4");
    expect(shapeAttribute([])).toBe("");
    expect(formatBytes(4800)).toBe("4.7 KiB");
    expect(formatBytes(8)).toBe("8 B");
  });
});

describe("readBundle", () => {
  it("accepts a bundle of the current version with its fields", () => {
    const data = { version: 1, tensors: [], elapsedMs: 2 };
    expect(readBundle(data, "inspector")).toEqual({ bundle: data });
  });

  it("names the version it found and the one it reads", () => {
    expect(readBundle({ tensors: [] }, "inspector").problem).toMatch(
      /^This inspector output has no version; this gradbook extension reads version 1\./,
    );
    expect(readBundle([1], "shapes").problem).toBe(
      "The shapes output is not a JSON object, so it cannot be shown.",
    );
  });

  it("names the field that is missing or of the wrong type", () => {
    expect(readBundle({ version: 1, ops: [] }, "shapes").problem).toBe(
      'This shapes output is malformed: "droppedOps" should be a number, found undefined.',
    );
  });
});
