import { describe, expect, test } from "vitest";
import { AssertionError, assertClose, assertShape } from "../../../src/check/assert";
import { tensor } from "../../../src/tensor";

function message(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionError);
    return (error as Error).message;
  }
  throw new Error("expected an AssertionError");
}

describe("assertClose", () => {
  test("passes within |a − e| ≤ atol + rtol·|e|, numpy's assert_allclose rule", () => {
    assertClose(1 + 1e-8, 1);
    assertClose([1, 2, 3], [1, 2, 3 + 2.9e-7]);
    assertClose(100.5, 100, { rtol: 0.005 });
    assertClose(1e-12, 0, { atol: 1e-11 });
    assertClose(
      tensor([
        [1, 2],
        [3, 4],
      ]).T,
      [
        [1, 3],
        [2, 4],
      ],
    );
    assertClose(new Float64Array([0.5, 1]), tensor([0.5, 1]));
    assertClose(tensor([[7]]).reshape([]), 7);
    expect(() => assertClose(1e-12, 0)).toThrow(AssertionError);
    expect(() => assertClose(100.6, 100, { rtol: 0.005 })).toThrow(AssertionError);
  });

  test("NaN equals NaN, infinities equal themselves and nothing else", () => {
    assertClose([Number.NaN, Infinity, -Infinity], [Number.NaN, Infinity, -Infinity]);
    expect(message(() => assertClose([1, Number.NaN], [1, 2]))).toBe(
      [
        "assertClose failed: 1 of 2 values differ (rtol 1e-7, atol 0)",
        "  first differences:",
        "    [1]: got NaN, expected 2",
      ].join("\n"),
    );
    expect(() => assertClose(Infinity, 1e308, { rtol: 1 })).toThrow(AssertionError);
    expect(() => assertClose(Infinity, -Infinity, { atol: 1 })).toThrow(AssertionError);
  });

  test("says how many values differ, the largest difference and where", () => {
    const got = tensor([
      [1, 2, 3],
      [4, 5, 6.5],
    ]);
    expect(
      message(() =>
        assertClose(
          got,
          [
            [1, 2.25, 3],
            [4, 5, 6],
          ],
          {},
          "predict(X)",
        ),
      ),
    ).toBe(
      [
        "assertClose failed: predict(X): 2 of 6 values differ (rtol 1e-7, atol 0)",
        "  largest difference at [1, 2]: got 6.5, expected 6 (difference 0.5, allowed 6e-7)",
        "  first differences:",
        "    [0, 1]: got 2, expected 2.25",
        "    [1, 2]: got 6.5, expected 6",
      ].join("\n"),
    );
    const many = message(() => assertClose(new Array(8).fill(1), new Array(8).fill(2)));
    expect(many).toContain("    … and 3 more");
  });

  test("shapes must agree, except a plain number that compares with every element", () => {
    assertClose([2, 2, 2], 2);
    expect(message(() => assertClose(tensor([1, 2, 3]), [[1], [2], [3]]))).toBe(
      "assertClose failed: shapes differ: got [3], expected [3, 1] (the same number of values: check the axes)",
    );
    expect(message(() => assertClose([1, 2], [1, 2, 3]))).toBe(
      "assertClose failed: shapes differ: got [2], expected [3]",
    );
  });

  test("rejects values that are not numbers and ragged arrays, and bad tolerances", () => {
    expect(message(() => assertClose(undefined, 1))).toBe(
      "the actual value is a undefined; expected a number, an array of numbers or a Tensor",
    );
    expect(message(() => assertClose([1, "2"], [1, 2]))).toBe(
      "the actual value holds a string at [1], not a number",
    );
    expect(
      message(() =>
        assertClose(
          [[1, 2], [3]],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      ),
    ).toBe("the actual value is a ragged array: entry [1] has shape [1] but entry [0] has [2]");
    expect(() => assertClose(1, 1, { rtol: -1 })).toThrow(
      new RangeError("assertClose: option rtol must be a finite number ≥ 0, got -1"),
    );
    expect(() => assertClose(1, 1, { rtl: 1e-3 } as never)).toThrow(/unknown option "rtl"/);
  });

  test("reads each argument once, so a value cannot change between checks", () => {
    let reads = 0;
    const shifty = {
      get data() {
        reads += 1;
        return reads === 1 ? new Float64Array([1, 2]) : new Float64Array([9, 9]);
      },
      shape: [2],
      strides: [1],
      offset: 0,
    };
    expect(message(() => assertClose(shifty, [9, 9]))).toContain("2 of 2 values differ");
    expect(reads).toBe(1);
  });
});

describe("assertShape", () => {
  test("checks every axis; null accepts any size", () => {
    assertShape(tensor([[1], [2], [3]]), [3, 1]);
    assertShape([[1, 2, 3]], [null, 3]);
    assertShape(5, []);
    expect(message(() => assertShape(tensor([1, 2, 3]), [3, 1], "w"))).toBe(
      "assertShape failed: w: expected shape [3, 1], got [3]",
    );
    expect(message(() => assertShape([[1, 2]], [null, 3]))).toBe(
      "assertShape failed: expected shape [any, 3], got [1, 2]",
    );
  });

  test("an invalid expected shape is a TypeError", () => {
    expect(() => assertShape([1], [1.5])).toThrow(TypeError);
    expect(() => assertShape([1], "3" as unknown as number[])).toThrow(/list of sizes/);
  });
});
