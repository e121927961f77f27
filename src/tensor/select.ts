/**
 * Picking entries by position or by a mask, numpy's fancy indexing with a name: `take(X, idx, 0)`
 * is numpy's `X[idx]` (a minibatch of rows from `permutation(m).subarray(…)`), `mask(X, keep)` is
 * `X[keep]` (the rows of one class: `X.mask(equal(y, 1))`). Both copy, as numpy's do.
 */
import { formatShape } from "../protocol";
import { asTensor } from "./create";
import { ShapeError } from "./errors";
import { sizeOf, toContiguous } from "./strided";
import { Tensor, type TensorLike } from "./tensor";
import { recorded } from "./trace-hook";
import { normalizeAxis } from "./view";

/** Positions to pick: numbers, an Int32Array (`permutation`, `choice`) or a Tensor of integers. */
export type Indices = number | readonly number[] | Int32Array | Float64Array | Tensor;

/** A mask: true/false values, or 0/1 as comparisons (`x.greater(0)`, `equal(y, k)`) return. */
export type Mask = readonly boolean[] | TensorLike;

/** The three sizes around an axis: before it, along it, after it. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/** Reads each index as a whole number in [-n, n), negatives counting from the end as numpy's. */
function readIndices(indices: Indices, n: number, axis: number, shape: number[]): Tensor {
  const picked = asTensor(
    indices instanceof Int32Array ? indices : (indices as TensorLike),
    "take",
  );
  const flat = toContiguous(picked);
  const resolved = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const index = flat[i];
    if (!Number.isInteger(index) || index < -n || index >= n) {
      const what = Number.isInteger(index) ? "is out of range" : "is not a whole number";
      throw new ShapeError(
        "take",
        [shape, picked.shape],
        `index ${index} (entry ${i} of the indices) ${what} for axis ${axis} of size ${n}; ` +
          (n === 0 ? "the axis is empty" : `indices run from ${-n} to ${n - 1}`),
        { operand: 1, axis },
      );
    }
    resolved[i] = index < 0 ? index + n : index;
  }
  return new Tensor(resolved, picked.shape);
}

/**
 * The entries of `x` at `indices` along `axis` (numpy's `take`): the result's shape is `x`'s with
 * that axis replaced by the indices' shape. Without an axis `x` is read flattened, as numpy does;
 * `take(X, idx, 0)` (or `X.take(idx, 0)`) is numpy's `X[idx]`, the rows at `idx`.
 */
export function take(x: TensorLike, indices: Indices, axis?: number | null): Tensor {
  const input = asTensor(x, "take");
  const flattened = axis === undefined || axis === null;
  const shape = flattened ? [input.size] : [...input.shape];
  const along = flattened ? 0 : normalizeAxis("take", input.shape, axis);
  const [outer, n, inner] = around(shape, along);
  const picks = readIndices(indices, n, along, [...input.shape]);
  const source = toContiguous(input);
  const positions = picks.data;
  const data = new Float64Array(outer * positions.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++)
    for (const position of positions) {
      const from = (o * n + position) * inner;
      data.set(source.subarray(from, from + inner), at);
      at += inner;
    }
  const result = new Tensor(data, [
    ...shape.slice(0, along),
    ...picks.shape,
    ...shape.slice(along + 1),
  ]);
  return recorded("take", [input, picks], result, () => ({ detail: { axis: along } }));
}

function readMask(mask: Mask): Tensor {
  if (Array.isArray(mask) && mask.some((value) => typeof value === "boolean"))
    return new Tensor(Float64Array.from(mask as readonly unknown[], Number), [mask.length]);
  return asTensor(mask as TensorLike, "mask");
}

/**
 * The entries of `x` where `keep` is true (numpy's `x[keep]`). `keep` covers the leading axes of
 * `x`: the same shape as `x` picks single entries (a 1-D result), a 1-D mask over the rows of a
 * matrix picks whole rows (`X.mask(equal(y, 1))`: the examples of class 1).
 */
export function mask(x: TensorLike, keep: Mask): Tensor {
  const input = asTensor(x, "mask");
  const flags = readMask(keep);
  const lead = flags.shape;
  if (lead.length === 0 || lead.length > input.ndim || lead.some((n, i) => n !== input.shape[i]))
    throw new ShapeError(
      "mask",
      [input.shape, lead],
      `a mask must have the shape of x's leading axes (here ${formatShape(input.shape.slice(0, Math.max(1, lead.length)))}), ` +
        `got ${formatShape(lead)}: compare x itself (x.greater(0)) or one value per row`,
      { operand: 1 },
    );
  const values = toContiguous(flags);
  const bad = values.findIndex((value) => value !== 0 && value !== 1);
  if (bad >= 0)
    throw new RangeError(
      `mask: the mask holds ${values[bad]} at entry ${bad}; a mask holds true/false or 0/1 ` +
        "(as comparisons such as x.greater(0) return). To pick by position, use take(x, indices, axis)",
    );
  const inner = sizeOf(input.shape.slice(lead.length));
  const source = toContiguous(input);
  const count = values.reduce((total, value) => total + value, 0);
  const data = new Float64Array(count * inner);
  let at = 0;
  values.forEach((value, i) => {
    if (value === 0) return;
    data.set(source.subarray(i * inner, (i + 1) * inner), at);
    at += inner;
  });
  const result = new Tensor(data, [count, ...input.shape.slice(lead.length)]);
  return recorded("mask", [input, flags], result);
}
