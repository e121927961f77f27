import { LinAlgError, ShapeError } from "../errors";
import { type Strided, sizeOf } from "../strided";
import { formatShape } from "../../protocol";

/**
 * A Strided input read as numpy's linalg functions read it: the last two axes are one matrix,
 * any leading axes index a stack (batch) of such matrices.
 */
export interface MatrixStack {
  readonly source: Strided;
  /** The leading axes: `[]` for a single matrix. */
  readonly batchShape: readonly number[];
  /** Number of matrices in the stack (the product of `batchShape`). */
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Views `a` as a stack of matrices for `op`, or throws a LinAlgError (as numpy does) when it has
 * fewer than two axes. `role` names the operand in the message (`A`, `b`).
 */
export function matrixStack(op: string, a: Strided, role = "A"): MatrixStack {
  const ndim = a.shape.length;
  if (ndim < 2) {
    throw new LinAlgError(
      `${op}: ${role} has shape ${formatShape(a.shape)} (${ndim}-D): expected a matrix ` +
        `(2-D) or a stack of matrices (leading axes are the batch)`,
    );
  }
  const batchShape = a.shape.slice(0, ndim - 2);
  return {
    source: a,
    batchShape,
    count: sizeOf(batchShape),
    rows: a.shape[ndim - 2],
    cols: a.shape[ndim - 1],
  };
}

/** As `matrixStack`, and also requires each matrix to be square (LinAlgError otherwise). */
export function squareStack(op: string, a: Strided, role = "A"): MatrixStack {
  const stack = matrixStack(op, a, role);
  if (stack.rows !== stack.cols) {
    throw new LinAlgError(
      `${op}: ${role} has shape ${formatShape(a.shape)}: expected a square matrix ` +
        `(its last two axes equal), got ${stack.rows}×${stack.cols}`,
    );
  }
  return stack;
}

/** Requires `a` to be exactly one matrix (2-D), for functions that do not batch (lstsq). */
export function singleMatrix(op: string, a: Strided, role = "A"): MatrixStack {
  const stack = matrixStack(op, a, role);
  if (stack.batchShape.length > 0) {
    throw new LinAlgError(
      `${op}: ${role} has shape ${formatShape(a.shape)}: expected a 2-D matrix ` +
        `(${op} does not accept stacks of matrices)`,
    );
  }
  return stack;
}

/** The multi-index of flat position `index` in C order over `shape`. */
export function unravel(index: number, shape: readonly number[]): number[] {
  const multi = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis];
    multi[axis] = index % dim;
    index = Math.floor(index / dim);
  }
  return multi;
}

/**
 * Copies one matrix of the stack into a fresh row-major Float64Array (`rows × cols`, or
 * `cols × rows` when `transposed`). `batchIndex` is aligned to the right of the stack's batch
 * axes and may be longer (numpy broadcasting): axes of size 1 always read index 0.
 */
export function readMatrixAt(
  stack: MatrixStack,
  batchIndex: readonly number[],
  transposed = false,
): Float64Array {
  const { source, batchShape, rows, cols } = stack;
  let offset = source.offset;
  const skip = batchIndex.length - batchShape.length;
  for (let axis = 0; axis < batchShape.length; axis++) {
    if (batchShape[axis] !== 1) offset += batchIndex[axis + skip] * source.strides[axis];
  }
  const ndim = source.shape.length;
  const rowStride = source.strides[ndim - 2];
  const colStride = source.strides[ndim - 1];
  const data = source.data;
  const out = new Float64Array(rows * cols);
  if (transposed) {
    for (let j = 0; j < cols; j++) {
      const at = offset + j * colStride;
      const row = j * rows;
      for (let i = 0; i < rows; i++) out[row + i] = data[at + i * rowStride];
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const at = offset + i * rowStride;
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[row + j] = data[at + j * colStride];
    }
  }
  return out;
}

/** Copies matrix number `index` (C order over the batch axes) of the stack; see `readMatrixAt`. */
export function readMatrix(stack: MatrixStack, index: number, transposed = false): Float64Array {
  return readMatrixAt(stack, unravel(index, stack.batchShape), transposed);
}

/**
 * numpy's broadcast of two batch shapes (the axes before the matrix axes of `solve`'s operands).
 * Throws a ShapeError naming the first axis where the sizes differ and neither is 1.
 */
export function broadcastBatch(
  op: string,
  shapes: readonly (readonly number[])[],
  left: readonly number[],
  right: readonly number[],
): number[] {
  const ndim = Math.max(left.length, right.length);
  const out = new Array<number>(ndim);
  for (let axis = 0; axis < ndim; axis++) {
    const l = left[axis - ndim + left.length] ?? 1;
    const r = right[axis - ndim + right.length] ?? 1;
    if (l !== r && l !== 1 && r !== 1) {
      throw new ShapeError(
        op,
        shapes,
        `the batch axes ${formatShape(left)} and ${formatShape(right)} do not broadcast ` +
          `(batch axis ${axis}: ${l} vs ${r}; sizes must match or be 1)`,
      );
    }
    out[axis] = l === 1 ? r : l;
  }
  return out;
}
