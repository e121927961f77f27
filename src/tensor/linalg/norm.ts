import { ShapeError } from "../errors";
import { type Dense, type Strided } from "../strided";
import { matrixStack } from "./matrix";
import { singularValues } from "./svd";

/**
 * numpy's `ord`: a number for vector norms (2, 1, Infinity, -Infinity, 0, any p), and for
 * matrix norms "fro", "nuc", 1, -1, 2, -2, Infinity, -Infinity.
 */
export type NormOrder = number | "fro" | "nuc";

/** Which axes to take the norm over, and whether to keep them as size-1 axes. */
export interface NormOptions {
  /** One axis: vector norms along it. Two axes: matrix norms over them. Negative counts back. */
  readonly axis?: number | readonly [number, number];
  readonly keepdims?: boolean;
}

/**
 * Vector and matrix norms with numpy.linalg.norm's semantics. Without `axis`: `ord` undefined
 * gives the 2-norm of all entries (Frobenius for a matrix); with `ord`, x must be 1-D (vector
 * norm) or 2-D (matrix norm). Vector norms: ‖x‖_p = (Σ|xᵢ|^p)^(1/p), ∞ → max|xᵢ|, −∞ → min|xᵢ|,
 * 0 → number of nonzeros. Matrix norms: "fro" = √Σaᵢⱼ², "nuc" = Σσᵢ, 2 / −2 = largest / smallest
 * σ, 1 / −1 = max / min column sum of |aᵢⱼ|, ∞ / −∞ = max / min row sum. The result has x's
 * shape without the normed axes (kept as 1s with `keepdims`); [] when every axis is normed.
 * The Frobenius norm is the lesson on the gradient of ½‖W‖²_F.
 */
export function norm(x: Strided, ord?: NormOrder, options: NormOptions = {}): Dense {
  const ndim = x.shape.length;
  let axes: number[];
  if (options.axis === undefined) {
    if (ord === undefined || (ord === "fro" && ndim === 2) || (ord === 2 && ndim === 1)) {
      return reduceOver(x, allAxes(ndim), options.keepdims, (base) =>
        euclidean(x, base, allAxes(ndim)),
      );
    }
    if (ndim !== 1 && ndim !== 2) {
      throw new ShapeError(
        "linalg.norm",
        [x.shape],
        `ord ${describe(ord)} needs a vector (1-D) or a matrix (2-D), got ${ndim}-D; pass ` +
          `axis to choose the vector axis or the two matrix axes`,
      );
    }
    axes = allAxes(ndim);
  } else {
    const requested = typeof options.axis === "number" ? [options.axis] : [...options.axis];
    axes = requested.map((axis) => normalizeAxis(x.shape, axis));
    if (axes.length === 2 && axes[0] === axes[1]) {
      throw new ShapeError(
        "linalg.norm",
        [x.shape],
        `the two matrix axes must differ, got ${requested[0]} and ${requested[1]}`,
        { axis: axes[0] },
      );
    }
  }
  if (axes.length === 1) return vectorNorm(x, ord ?? 2, axes[0], options.keepdims);
  return matrixNorm(x, ord ?? "fro", axes[0], axes[1], options.keepdims);
}

function vectorNorm(x: Strided, ord: NormOrder, axis: number, keepdims?: boolean): Dense {
  if (typeof ord === "string") {
    throw new RangeError(
      `linalg.norm: ord "${ord}" is a matrix norm; vector norms take a number: 2 (the default), 1, ` +
        `Infinity, -Infinity, 0 or any p`,
    );
  }
  const length = x.shape[axis];
  const stride = x.strides[axis];
  const data = x.data;
  if (length === 0 && (ord === Infinity || ord === -Infinity)) emptyReduction(x, ord);
  if (ord === 2) return reduceOver(x, [axis], keepdims, (base) => euclidean(x, base, [axis]));
  return reduceOver(x, [axis], keepdims, (base) => {
    let result = ord === Infinity ? 0 : ord === -Infinity ? Infinity : 0;
    for (let i = 0; i < length; i++) {
      const magnitude = Math.abs(data[base + i * stride]);
      if (ord === Infinity) result = Math.max(result, magnitude);
      else if (ord === -Infinity) result = Math.min(result, magnitude);
      else if (ord === 0) result += magnitude !== 0 ? 1 : 0;
      else if (ord === 1) result += magnitude;
      else result += magnitude ** ord;
    }
    return ord === 0 || ord === 1 || !Number.isFinite(ord) ? result : result ** (1 / ord);
  });
}

function matrixNorm(
  x: Strided,
  ord: NormOrder,
  rowAxis: number,
  colAxis: number,
  keepdims?: boolean,
): Dense {
  const rows = x.shape[rowAxis];
  const cols = x.shape[colAxis];
  const rowStride = x.strides[rowAxis];
  const colStride = x.strides[colAxis];
  const data = x.data;
  const axes = [rowAxis, colAxis];
  if (ord === "fro") return reduceOver(x, axes, keepdims, (base) => euclidean(x, base, axes));
  if (ord !== "nuc" && ![1, -1, 2, -2, Infinity, -Infinity].includes(ord)) {
    throw new RangeError(
      `linalg.norm: ord ${ord} is not a matrix norm; matrix norms are "fro" (the default), "nuc", ` +
        `1, -1, 2, -2, Infinity and -Infinity`,
    );
  }
  if (rows * cols === 0 && (ord === 2 || ord === -2)) emptyReduction(x, ord);
  if (ord === "nuc" || ord === 2 || ord === -2) {
    return reduceOver(x, axes, keepdims, (base) => {
      const view = { data, shape: [rows, cols], strides: [rowStride, colStride], offset: base };
      const s = singularValues("linalg.norm", matrixStack("linalg.norm", view), 0);
      if (ord === 2) return s[0];
      if (ord === -2) return s[s.length - 1];
      let sum = 0;
      for (const value of s) sum += value;
      return sum;
    });
  }
  // 1 / −1: sums down each column; ∞ / −∞: sums along each row.
  const alongRows = ord === 1 || ord === -1;
  const lines = alongRows ? cols : rows;
  const length = alongRows ? rows : cols;
  const lineStride = alongRows ? colStride : rowStride;
  const step = alongRows ? rowStride : colStride;
  const largest = ord === 1 || ord === Infinity;
  if (lines === 0) emptyReduction(x, ord);
  return reduceOver(x, axes, keepdims, (base) => {
    let result = largest ? -Infinity : Infinity;
    for (let line = 0; line < lines; line++) {
      let sum = 0;
      const start = base + line * lineStride;
      for (let i = 0; i < length; i++) sum += Math.abs(data[start + i * step]);
      result = largest ? Math.max(result, sum) : Math.min(result, sum);
    }
    return result;
  });
}

/**
 * √Σx² over the given axes from `base`, summed plainly and re-summed in units of the largest
 * |x| only if the plain sum overflowed or underflowed.
 */
function euclidean(x: Strided, base: number, axes: readonly number[]): number {
  let sumSquares = 0;
  let largest = 0;
  forEachOffset(x, base, axes, (offset) => {
    const value = x.data[offset];
    sumSquares += value * value;
    largest = Math.max(largest, Math.abs(value));
  });
  if (Number.isFinite(sumSquares) && (sumSquares > 1e-290 || largest === 0)) {
    return Math.sqrt(sumSquares);
  }
  if (!Number.isFinite(largest)) return largest;
  let scaled = 0;
  forEachOffset(x, base, axes, (offset) => {
    const value = x.data[offset] / largest;
    scaled += value * value;
  });
  return largest * Math.sqrt(scaled);
}

/** Calls `visit` with the buffer offset of every element spanned by `axes` from `base`. */
function forEachOffset(
  x: Strided,
  base: number,
  axes: readonly number[],
  visit: (offset: number) => void,
): void {
  const walk = (depth: number, offset: number): void => {
    if (depth === axes.length) {
      visit(offset);
      return;
    }
    const axis = axes[depth];
    for (let i = 0; i < x.shape[axis]; i++) walk(depth + 1, offset + i * x.strides[axis]);
  };
  walk(0, base);
}

/**
 * Applies `reduce` at every position of the axes not in `axes` (C order), passing the buffer
 * offset where that position's reduced axes start; shapes the result as numpy does.
 */
function reduceOver(
  x: Strided,
  axes: readonly number[],
  keepdims: boolean | undefined,
  reduce: (base: number) => number,
): Dense {
  const kept = allAxes(x.shape.length).filter((axis) => !axes.includes(axis));
  const out: number[] = [];
  forEachOffset(x, x.offset, kept, (base) => out.push(reduce(base)));
  const shape = keepdims
    ? x.shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim))
    : kept.map((axis) => x.shape[axis]);
  return { data: Float64Array.from(out), shape };
}

function normalizeAxis(shape: readonly number[], axis: number): number {
  const ndim = shape.length;
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ShapeError(
      "linalg.norm",
      [shape],
      `axis ${axis} is out of range for a ${ndim}-D array (valid: ${-ndim} … ${ndim - 1})`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

function emptyReduction(x: Strided, ord: NormOrder): never {
  throw new ShapeError(
    "linalg.norm",
    [x.shape],
    `ord ${describe(ord)} of an empty vector or matrix is undefined (no maximum or minimum)`,
  );
}

function allAxes(ndim: number): number[] {
  return Array.from({ length: ndim }, (_, axis) => axis);
}

function describe(ord: NormOrder | undefined): string {
  return typeof ord === "string" ? `"${ord}"` : String(ord);
}
