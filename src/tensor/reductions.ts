import { asTensor } from "./create";
import { ShapeError } from "./errors";
import { contiguousStrides, isContiguous, sizeOf, toContiguous } from "./strided";
import { Tensor, type TensorLike } from "./tensor";
import { recorded } from "./trace-hook";
import { normalizeAxis } from "./view";
import { Reduce, reduceLoop } from "./reduce-loops";
import { Walker } from "./walk";

/** Axes to reduce: one axis, several, or all of them (undefined/null). Negative axes count from the end. */
export type Axis = number | readonly number[] | null | undefined;

/** `keepdims` keeps reduced axes as size 1 (so the result broadcasts against the input); `ddof` is for var/std. */
export interface ReduceOptions {
  keepdims?: boolean;
  /** Delta degrees of freedom: var divides by N − ddof (0 is the population variance, 1 the sample one). */
  ddof?: number;
}

/** What a reduction was asked to do, resolved against the input's shape. */
interface Plan {
  x: Tensor;
  reduced: boolean[];
  /** The result's shape with reduced axes kept as 1. */
  keptShape: number[];
  /** The result's shape as returned (without the reduced axes unless keepdims). */
  shape: number[];
  /** Number of elements folded into each result element. */
  count: number;
  keepdims: boolean;
  ddof: number;
  axis: Axis;
}

function plan(
  op: string,
  input: TensorLike,
  axis: Axis,
  options: boolean | ReduceOptions | undefined,
): Plan {
  const x = asTensor(input, op);
  const keepdims = typeof options === "boolean" ? options : (options?.keepdims ?? false);
  const ddof = typeof options === "object" ? (options.ddof ?? 0) : 0;
  const ndim = x.shape.length;
  const reduced = new Array<boolean>(ndim).fill(axis === undefined || axis === null);
  if (axis !== undefined && axis !== null) {
    for (const given of typeof axis === "number" ? [axis] : axis) {
      const a = normalizeAxis(op, x.shape, given);
      if (reduced[a])
        throw new ShapeError(
          op,
          [x.shape],
          `axis ${a} is listed more than once in ${JSON.stringify(axis)}`,
          { operand: 0, axis: a },
        );
      reduced[a] = true;
    }
  }
  const keptShape = x.shape.map((size, a) => (reduced[a] ? 1 : size));
  const shape = keepdims ? keptShape : x.shape.filter((_, a) => !reduced[a]);
  let count = 1;
  for (let a = 0; a < ndim; a++) if (reduced[a]) count *= x.shape[a];
  return { x, reduced, keptShape, shape, count, keepdims, ddof, axis };
}

/** Folds `x` into a buffer laid out as `keptShape`, starting every element at `initial`. */
function fold(code: Reduce, p: Plan, initial: number, aux?: Float64Array): Float64Array {
  const out = new Float64Array(sizeOf(p.keptShape));
  if (initial !== 0) out.fill(initial);
  const kept = contiguousStrides(p.keptShape);
  const outStrides = kept.map((stride, a) => (p.reduced[a] ? 0 : stride));
  reduceLoop(code, { data: out, shape: p.x.shape, strides: outStrides, offset: 0 }, p.x, aux);
  return out;
}

function finish(op: string, p: Plan, data: Float64Array): Tensor {
  return recorded(op, [p.x], new Tensor(data, p.shape), () => ({ detail: reduceDetail(p) }));
}

/** The axis and keepdims a reduction was called with, for the trace. */
function reduceDetail(p: Plan): Record<string, string | number> {
  const detail: Record<string, string | number> = {};
  if (p.axis !== undefined && p.axis !== null)
    detail.axis = typeof p.axis === "number" ? p.axis : p.axis.join(",");
  if (p.keepdims) detail.keepdims = 1;
  return detail;
}

function requireElements(op: string, p: Plan): void {
  if (p.count > 0) return;
  const empty = p.x.shape
    .map((size, axis) => (p.reduced[axis] && size === 0 ? axis : -1))
    .filter((axis) => axis >= 0);
  const where =
    empty.length === 1 ? `axis ${empty[0]} has size 0` : `axes ${empty.join(", ")} have size 0`;
  throw new ShapeError(
    op,
    [p.x.shape],
    `${where}, so there is nothing to take the ${op} of (sum and prod of nothing are 0 and 1; ${op} has no such identity)`,
    {
      operand: 0,
      axis: empty[0],
    },
  );
}

/** Σ x over `axis` (all axes by default). The sum of no elements is 0. */
export function sum(x: TensorLike, axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor {
  const p = plan("sum", x, axis, keepdims);
  return finish("sum", p, fold(Reduce.Sum, p, 0));
}

/** Π x over `axis`. The product of no elements is 1. */
export function prod(x: TensorLike, axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor {
  const p = plan("prod", x, axis, keepdims);
  return finish("prod", p, fold(Reduce.Prod, p, 1));
}

/** (1/N) Σ x over `axis`, N the number of elements reduced (NaN when N = 0, as numpy). */
export function mean(x: TensorLike, axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor {
  const p = plan("mean", x, axis, keepdims);
  return finish("mean", p, meanOf(p));
}

function meanOf(p: Plan): Float64Array {
  const total = fold(Reduce.Sum, p, 0);
  for (let i = 0; i < total.length; i++) total[i] /= p.count;
  return total;
}

/** Largest element over `axis` (NaN if any is NaN). Throws on an empty reduction. */
export function max(x: TensorLike, axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor {
  const p = plan("max", x, axis, keepdims);
  requireElements("max", p);
  return finish("max", p, fold(Reduce.Max, p, -Infinity));
}

/** Smallest element over `axis` (NaN if any is NaN). Throws on an empty reduction. */
export function min(x: TensorLike, axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor {
  const p = plan("min", x, axis, keepdims);
  requireElements("min", p);
  return finish("min", p, fold(Reduce.Min, p, Infinity));
}

/**
 * Variance Σ(x − x̄)² / (N − ddof) over `axis`, computed in two passes (mean first) for
 * accuracy. Pass `{ ddof: 1 }` for the sample variance, `{ keepdims: true }` to keep axes.
 * Exported as `variance` and as `var` (a reserved word in JavaScript, fine as `gb.var(x)`).
 */
export function variance(x: TensorLike, axis?: Axis, options?: boolean | ReduceOptions): Tensor {
  const p = plan("var", x, axis, options);
  return finish("var", p, varianceOf(p));
}

function varianceOf(p: Plan): Float64Array {
  const centre = meanOf(p);
  const squares = fold(Reduce.SquaredDeviation, p, 0, centre);
  const divisor = Math.max(p.count - p.ddof, 0);
  for (let i = 0; i < squares.length; i++) squares[i] /= divisor;
  return squares;
}

/** Standard deviation √var over `axis` (same options as `variance`). */
export function std(x: TensorLike, axis?: Axis, options?: boolean | ReduceOptions): Tensor {
  const p = plan("std", x, axis, options);
  const values = varianceOf(p);
  for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(values[i]);
  return finish("std", p, values);
}

/**
 * Index of the largest element along `axis` (the first one on ties; the first NaN if any),
 * as a float tensor. Without an axis: the index into the flattened tensor, in C order.
 */
export function argmax(x: TensorLike, axis?: number | null, keepdims?: boolean): Tensor {
  return argExtreme("argmax", x, axis, keepdims ?? false, 1);
}

/** Index of the smallest element along `axis` (see `argmax`). */
export function argmin(x: TensorLike, axis?: number | null, keepdims?: boolean): Tensor {
  return argExtreme("argmin", x, axis, keepdims ?? false, -1);
}

function argExtreme(
  op: string,
  input: TensorLike,
  axis: number | null | undefined,
  keepdims: boolean,
  direction: 1 | -1,
): Tensor {
  const p = plan(op, input, axis, keepdims);
  requireElements(op, p);
  const x = p.x;
  if (axis === undefined || axis === null) {
    const flat = isContiguous(x) ? x.data : toContiguous(x);
    const start = isContiguous(x) ? x.offset : 0;
    return finish(op, p, Float64Array.of(bestIndex(flat, start, 1, x.size, direction)));
  }
  const along = normalizeAxis(op, x.shape, axis);
  const length = x.shape[along];
  const step = x.strides[along];
  const outerShape = x.shape.filter((_, a) => a !== along);
  const outerStrides = x.strides.filter((_, a) => a !== along);
  const out = new Float64Array(sizeOf(outerShape));
  const walker = new Walker(outerShape, [outerStrides], [x.offset]);
  for (let i = 0; i < out.length; i++, walker.next()) {
    out[i] = bestIndex(x.data, walker.at[0], step, length, direction);
  }
  return finish(op, p, out);
}

/** Position of the largest (direction 1) or smallest (−1) of n values; NaN wins, first on ties. */
function bestIndex(
  data: Float64Array,
  start: number,
  step: number,
  n: number,
  direction: 1 | -1,
): number {
  let best = 0;
  let value = data[start] * direction;
  for (let i = 1, p = start + step; i < n && value === value; i++, p += step) {
    const v = data[p] * direction;
    if (v > value || v !== v) {
      value = v;
      best = i;
    }
  }
  return best;
}
