/**
 * The storage contract every tensor kernel works on: a Float64Array seen through a shape,
 * strides (in elements, may be negative or zero) and an offset. `Tensor` implements it, and the
 * kernels (gemm, einsum, linalg) accept it, so they never depend on the Tensor class itself.
 */
export interface Strided {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A freshly allocated, C-contiguous result: what kernels hand back for wrapping in a Tensor. */
export interface Dense {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

/** Number of elements of a shape (1 for the 0-d shape []). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Row-major (C-order) strides of a shape, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis];
  }
  return strides;
}

/** True when `view` walks its buffer in C order with no gaps, starting at its offset. */
export function isContiguous(view: Strided): boolean {
  let step = 1;
  for (let axis = view.shape.length - 1; axis >= 0; axis--) {
    if (view.shape[axis] !== 1 && view.strides[axis] !== step) return false;
    step *= view.shape[axis];
  }
  return true;
}

/**
 * The elements of `view` in C order as a new Float64Array (always a copy, so the caller may
 * write into it).
 */
export function toContiguous(view: Strided): Float64Array {
  const size = sizeOf(view.shape);
  if (isContiguous(view)) return view.data.slice(view.offset, view.offset + size);
  const out = new Float64Array(size);
  const ndim = view.shape.length;
  if (size === 0) return out;
  const index = new Array<number>(ndim).fill(0);
  let source = view.offset;
  for (let i = 0; i < size; i++) {
    out[i] = view.data[source];
    for (let axis = ndim - 1; axis >= 0; axis--) {
      index[axis]++;
      source += view.strides[axis];
      if (index[axis] < view.shape[axis]) break;
      source -= view.strides[axis] * view.shape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

/** Formats a shape the way every error message in gradbook shows it: `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
