/**
 * The order that sorts a tensor, numpy's `argsort`: `take(x, argsort(x))` is `x` sorted, and
 * `argsort(scores).slice([-k])` the positions of the k largest scores.
 */
import { asTensor } from "./create";
import { toContiguous } from "./strided";
import { Tensor, type TensorLike } from "./tensor";
import { recorded } from "./trace-hook";
import { normalizeAxis } from "./view";

/** Ascending, NaN last (as numpy sorts); equal values keep their order (JavaScript's sort is stable). */
function ascending(values: Float64Array, from: number, stride: number) {
  return (a: number, b: number): number => {
    const u = values[from + a * stride];
    const v = values[from + b * stride];
    if (Number.isNaN(u) || Number.isNaN(v))
      return Number(Number.isNaN(u)) - Number(Number.isNaN(v));
    return u - v;
  };
}

/**
 * The indices that sort `x` along `axis` (the last by default) in ascending order, NaN last,
 * ties in their original order (numpy's `kind="stable"`), as float values like `argmax`'s; `null`
 * sorts the flattened tensor. The result has `x`'s shape (a 1-D result for `null`).
 */
export function argsort(x: TensorLike, axis: number | null = -1): Tensor {
  const input = asTensor(x, "argsort");
  const shape = axis === null ? [input.size] : [...input.shape];
  if (shape.length === 0) return recorded("argsort", [input], new Tensor(Float64Array.of(0), []));
  const along = normalizeAxis("argsort", shape, axis ?? 0);
  const values = toContiguous(input);
  const n = shape[along];
  const inner = shape.slice(along + 1).reduce((a, b) => a * b, 1);
  const outer = values.length / Math.max(1, n * inner);
  const result = new Float64Array(values.length);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const from = o * n * inner + i;
      order.forEach((_, k) => (order[k] = k));
      order.sort(ascending(values, from, inner));
      order.forEach((index, k) => (result[from + k * inner] = index));
    }
  return recorded("argsort", [input], new Tensor(result, shape), () => ({
    detail: { axis: along },
  }));
}
