import { Unary } from "./elementwise/codes";
import { unaryLoop } from "./elementwise/loops";

/**
 * The storage contract every tensor kernel works on: a Float64Array seen through a shape,
 * strides (in elements, may be negative or zero) and an offset. `Tensor` implements it, and the
 * kernels (elementwise loops, reductions, gemm, einsum, linalg) accept it, so they never depend
 * on the Tensor class itself. Views (transpose, slice, broadcast) are new Strided over the same
 * data; a loop over several operands lays each over the loop's shape with its own strides.
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

/**
 * Below this many elements `uninitialized` returns an ordinary (zero-filled) array: clearing a
 * small buffer costs nothing next to an op's fixed costs.
 */
const UNINITIALIZED_MIN = 4096;

/**
 * A new Float64Array of `size` elements whose contents are unspecified (numpy's `empty`), for a
 * result its caller writes in full. A Float64Array is zero-filled, and on a result served from
 * freed heap memory clearing it took most of a simple op's time: 1.4 ms for 1e6 elements, where
 * `gb.mul(x, 0.5)` spends 0.6 ms computing. A Node Buffer of the same bytes skips the clearing;
 * it is large enough never to come from Node's shared pool, so the array owns its whole
 * ArrayBuffer as a Float64Array does.
 */
export function uninitialized(size: number): Float64Array {
  if (size < UNINITIALIZED_MIN) return new Float64Array(size);
  const bytes = Buffer.allocUnsafeSlow(size * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, size);
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
  const out = uninitialized(size);
  if (isContiguous(view)) {
    out.set(view.data.subarray(view.offset, view.offset + size));
    return out;
  }
  const dense = { data: out, shape: view.shape, strides: contiguousStrides(view.shape), offset: 0 };
  unaryLoop(Unary.Copy, 0, 0, dense, view);
  return out;
}

/**
 * The first axis along which `view` repeats its elements (stride 0 and size above 1, as in a
 * `broadcastTo` view), or −1. Such a view cannot be written: its elements share memory.
 */
export function repeatedAxis(view: Strided): number {
  for (let axis = 0; axis < view.shape.length; axis++)
    if (view.strides[axis] === 0 && view.shape[axis] > 1) return axis;
  return -1;
}

/** Throws when `out`, the target of `op`, is a broadcast view (see `repeatedAxis`). */
export function checkWritable(op: string, out: Strided): void {
  const axis = sizeOf(out.shape) === 0 ? -1 : repeatedAxis(out);
  if (axis >= 0) {
    throw new Error(
      `${op}: the target is a broadcast view (axis ${axis} has stride 0), so its elements share memory; write into a real tensor instead`,
    );
  }
}
