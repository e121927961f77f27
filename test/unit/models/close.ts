/*
 * Comparisons with an explicit tolerance for the model tests: values are flattened and each
 * element must satisfy |actual − expected| ≤ atol + rtol·|expected|.
 */
import { expect } from "vitest";
import { Tensor } from "../../../src/tensor";

type Values = number | readonly Values[] | Float64Array | Int32Array | Tensor;

function flatten(values: Values): number[] {
  if (typeof values === "number") return [values];
  if (values instanceof Tensor) return flatten(values.toArray() as Values);
  if (values instanceof Float64Array || values instanceof Int32Array) return Array.from(values);
  return (values as readonly Values[]).flatMap(flatten);
}

/** Asserts that `actual` matches `expected` elementwise within atol + rtol·|expected|. */
export function expectClose(
  actual: Values,
  expected: Values,
  { rtol = 1e-9, atol = 1e-12 }: { rtol?: number; atol?: number } = {},
): void {
  const a = flatten(actual);
  const e = flatten(expected);
  expect(a.length).toBe(e.length);
  const worst = a.reduce((max, value, i) => {
    const excess = Math.abs(value - e[i]) - (atol + rtol * Math.abs(e[i]));
    return Math.max(max, excess);
  }, -Infinity);
  if (!(worst <= 0)) {
    expect.fail(
      `values differ beyond atol ${atol} + rtol ${rtol}:\n  actual   ${a.join(", ")}\n  expected ${e.join(", ")}`,
    );
  }
}
