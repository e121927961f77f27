import { sameShape } from "./broadcast";
import { asTensor } from "./create";
import { mul } from "./elementwise";
import { ShapeError } from "./errors";
import { gemm } from "./gemm";
import { gram } from "./gram";
import { formatShape, type Strided, sizeOf, toContiguous } from "./strided";
import { Tensor, type TensorLike } from "./tensor";
import { recordOp, recorder } from "./trace-hook";
import { reshapeStrides } from "./view";

/**
 * How a (batched) matrix product reads its operands: both sides seen as stacks of matrices,
 * with a 1-D left operand as one row and a 1-D right operand as one column (numpy's promotion).
 */
export interface MatmulPlan {
  m: number;
  k: number;
  n: number;
  /** Broadcast batch shape (all axes but the last two). */
  batch: number[];
  /** Result shape: batch, then m unless the left was 1-D, then n unless the right was 1-D. */
  shape: number[];
  aRow: number;
  aCol: number;
  bRow: number;
  bCol: number;
  /** Per-batch-axis strides of each operand over `batch` (0 where broadcast). */
  aBatch: number[];
  bBatch: number[];
}

/**
 * Checks shapes and works out the product's layout, numpy's matmul rules:
 * [..., m, k] @ [..., k, n] → [..., m, n], batch axes broadcast, 1-D operands promoted.
 * `op`/`symbol` name the caller in errors (`matmul` and `@`, or `dot` and `·`).
 */
export function planMatmul(a: Strided, b: Strided, op = "matmul", symbol = "@"): MatmulPlan {
  // Built only for an error: formatting both shapes cost more than the rest of a 2×2 product.
  const operands = () => `${formatShape(a.shape)} ${symbol} ${formatShape(b.shape)}`;
  const shapes = [a.shape, b.shape];
  if (a.shape.length === 0 || b.shape.length === 0) {
    throw new ShapeError(
      op,
      shapes,
      "both operands need at least one axis (use mul to scale by a scalar)",
      {
        operands: operands(),
        operand: a.shape.length === 0 ? 0 : 1,
      },
    );
  }
  const an = a.shape.length;
  const bn = b.shape.length;
  const k = a.shape[an - 1];
  const bKAxis = bn === 1 ? 0 : bn - 2;
  if (b.shape[bKAxis] !== k) {
    throw new ShapeError(
      op,
      shapes,
      `axis ${an - 1} of the left (${k}) must equal axis ${bKAxis} of the right (${b.shape[bKAxis]})`,
      {
        operands: operands(),
        operand: 1,
        axis: bKAxis,
      },
    );
  }
  // Matrices and vectors (the common case) have no batch axes to broadcast.
  const unbatched = an <= 2 && bn <= 2;
  const aBatchShape = unbatched ? [] : a.shape.slice(0, Math.max(an - 2, 0));
  const bBatchShape = unbatched ? [] : b.shape.slice(0, Math.max(bn - 2, 0));
  const batch = unbatched ? [] : broadcastBatch(op, shapes, operands, aBatchShape, bBatchShape);
  const m = an === 1 ? 1 : a.shape[an - 2];
  const n = bn === 1 ? 1 : b.shape[bn - 1];
  const shape = [...batch];
  if (an > 1) shape.push(m);
  if (bn > 1) shape.push(n);
  return {
    m,
    k,
    n,
    batch,
    shape,
    aRow: an === 1 ? 0 : a.strides[an - 2],
    aCol: a.strides[an - 1],
    bRow: b.strides[bKAxis],
    bCol: bn === 1 ? 0 : b.strides[bn - 1],
    aBatch: unbatched ? [] : batchStrides(aBatchShape, a.strides, batch),
    bBatch: unbatched ? [] : batchStrides(bBatchShape, b.strides, batch),
  };
}

function broadcastBatch(
  op: string,
  shapes: (readonly number[])[],
  operands: () => string,
  left: number[],
  right: number[],
): number[] {
  const ndim = Math.max(left.length, right.length);
  const batch = new Array<number>(ndim);
  for (let axis = 0; axis < ndim; axis++) {
    const l = left[axis - (ndim - left.length)] ?? 1;
    const r = right[axis - (ndim - right.length)] ?? 1;
    if (l !== r && l !== 1 && r !== 1) {
      const rightAxis = axis - (ndim - right.length);
      throw new ShapeError(
        op,
        shapes,
        `batch axes ${formatShape(left)} and ${formatShape(right)} do not broadcast: aligned from the right, batch axis ${axis} has sizes ${l} and ${r} (each needs equal sizes, or 1)`,
        { operands: operands(), operand: 1, axis: rightAxis },
      );
    }
    batch[axis] = l === 1 ? r : l;
  }
  return batch;
}

function batchStrides(
  own: readonly number[],
  strides: readonly number[],
  batch: readonly number[],
): number[] {
  const lead = batch.length - own.length;
  return batch.map((size, axis) =>
    axis < lead || own[axis - lead] !== size ? 0 : strides[axis - lead],
  );
}

/**
 * Runs a planned product into `out` (row-major rows of n, rows `outRow` apart, batches at
 * `outBatch` strides). Calls gemm once per batch matrix with the operands' own strides, so
 * transposed and sliced views are read in place; a batch of a contiguous left times one right
 * matrix is folded into a single tall gemm.
 */
export function runMatmul(
  plan: MatmulPlan,
  a: Strided,
  b: Strided,
  out: Float64Array,
  outOffset: number,
  outRow: number,
  outBatch: readonly number[],
  accumulate: boolean,
): void {
  const { m, k, n, batch } = plan;
  const count = sizeOf(batch);
  if (m === 0 || n === 0 || count === 0) return;
  if (k === 0) {
    if (!accumulate) zeroOut(plan, out, outOffset, outRow, outBatch);
    return;
  }
  const tall =
    count > 1 && plan.bBatch.every((s) => s === 0)
      ? foldedRowStride(plan, a, outRow, outBatch)
      : null;
  if (tall !== null) {
    gemm(
      count * m,
      n,
      k,
      a.data,
      a.offset,
      tall,
      plan.aCol,
      b.data,
      b.offset,
      plan.bRow,
      plan.bCol,
      out,
      outOffset,
      outRow,
      accumulate,
    );
    return;
  }
  const index = new Array<number>(batch.length).fill(0);
  let pa = a.offset;
  let pb = b.offset;
  let pc = outOffset;
  for (let i = 0; i < count; i++) {
    gemm(
      m,
      n,
      k,
      a.data,
      pa,
      plan.aRow,
      plan.aCol,
      b.data,
      pb,
      plan.bRow,
      plan.bCol,
      out,
      pc,
      outRow,
      accumulate,
    );
    for (let axis = batch.length - 1; axis >= 0; axis--) {
      pa += plan.aBatch[axis];
      pb += plan.bBatch[axis];
      pc += outBatch[axis];
      if (++index[axis] < batch[axis]) break;
      pa -= plan.aBatch[axis] * batch[axis];
      pb -= plan.bBatch[axis] * batch[axis];
      pc -= outBatch[axis] * batch[axis];
      index[axis] = 0;
    }
  }
}

/**
 * The row stride of the left operand's batch and row axes merged into one, when both it and
 * the output allow that (then the batch is a single [count·m, k] product); otherwise null.
 */
function foldedRowStride(
  plan: MatmulPlan,
  a: Strided,
  outRow: number,
  outBatch: readonly number[],
): number | null {
  const rows = [...plan.batch, plan.m];
  const outMerged = reshapeStrides(rows, [...outBatch, outRow], [sizeOf(rows)]);
  if (outMerged === null || outMerged[0] !== outRow) return null;
  const aRows = a.shape.slice(0, -1);
  if (!sameShape(aRows, rows)) return null;
  const merged = reshapeStrides(aRows, a.strides.slice(0, -1), [sizeOf(rows)]);
  return merged === null ? null : merged[0];
}

function zeroOut(
  plan: MatmulPlan,
  out: Float64Array,
  offset: number,
  outRow: number,
  outBatch: readonly number[],
): void {
  const count = sizeOf(plan.batch);
  const index = new Array<number>(plan.batch.length).fill(0);
  let pc = offset;
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < plan.m; r++) out.fill(0, pc + r * outRow, pc + r * outRow + plan.n);
    for (let axis = plan.batch.length - 1; axis >= 0; axis--) {
      pc += outBatch[axis];
      if (++index[axis] < plan.batch[axis]) break;
      pc -= outBatch[axis] * plan.batch[axis];
      index[axis] = 0;
    }
  }
}

/**
 * The matrix product a @ b with numpy's semantics: [m, k] @ [k, n] → [m, n]; leading axes are
 * batch axes and broadcast ([b, m, k] @ [k, n] → [b, m, n]); a 1-D left operand is a row and a
 * 1-D right operand a column, and the promoted axis is dropped from the result ([k] @ [k] → []).
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, "matmul");
  const y = asTensor(b, "matmul");
  const plan = planMatmul(x, y);
  const result = multiply(plan, x, y);
  if (recorder !== null) record("matmul", x, y, plan);
  return result;
}

function multiply(plan: MatmulPlan, x: Strided, y: Strided): Tensor {
  const { m, n, batch } = plan;
  const out = new Float64Array(sizeOf(plan.shape));
  if (isGram(x, y)) {
    // XᵀX (or XXᵀ): y is x's transpose, so the product is symmetric and half of it suffices.
    if (plan.k > 0) gram(plan.k, n, y.data, y.offset, y.strides[0], y.strides[1], out, 0, n);
    return new Tensor(out, plan.shape);
  }
  const outBatch = new Array<number>(batch.length);
  for (let axis = batch.length - 1, step = m * n; axis >= 0; axis--) {
    outBatch[axis] = step;
    step *= batch[axis];
  }
  runMatmul(plan, x, y, out, 0, n, outBatch, false);
  return new Tensor(out, plan.shape);
}

/** True when y is exactly the transposed view of x (both 2-D over the same memory). */
function isGram(x: Strided, y: Strided): boolean {
  return (
    x.shape.length === 2 &&
    y.shape.length === 2 &&
    x.data === y.data &&
    x.offset === y.offset &&
    x.shape[0] === y.shape[1] &&
    x.strides[0] === y.strides[1] &&
    x.strides[1] === y.strides[0]
  );
}

function record(op: string, x: Strided, y: Strided, plan: MatmulPlan): void {
  const detail = { m: plan.m, k: plan.k, n: plan.n };
  const aBatch = x.shape.slice(0, -2);
  const bBatch = y.shape.slice(0, -2);
  const broadcast =
    plan.batch.length > 0 && !(sameShape(aBatch, plan.batch) && sameShape(bBatch, plan.batch));
  const inputs = [x.shape, y.shape];
  recordOp(
    broadcast
      ? { op, inputs, output: plan.shape, broadcast: plan.batch, detail }
      : { op, inputs, output: plan.shape, detail },
  );
}

/**
 * numpy's `dot`: a scalar operand scales (as mul); for 1-D and 2-D operands it is matmul;
 * for N-d it sums over the last axis of a and the second-to-last of b:
 * dot(a, b)[i, j, k, m] = Σₚ a[i, j, p]·b[k, p, m], shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:].
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, "dot");
  const y = asTensor(b, "dot");
  if (x.shape.length === 0 || y.shape.length === 0) return mul(x, y);
  if (y.shape.length === 1 || (x.shape.length <= 2 && y.shape.length === 2)) {
    const plan = planMatmul(x, y, "dot", "·");
    const result = multiply(plan, x, y);
    if (recorder !== null) record("dot", x, y, plan);
    return result;
  }
  // Contract with one 2-D product: a as [rows, k] by b's k axis moved to the front, [k, rest].
  const an = x.shape.length;
  const k = x.shape[an - 1];
  const bn = y.shape.length;
  if (y.shape[bn - 2] !== k) {
    throw new ShapeError(
      "dot",
      [x.shape, y.shape],
      `axis ${an - 1} of the left (${k}) must equal axis ${bn - 2} of the right (${y.shape[bn - 2]})`,
      {
        operands: `${formatShape(x.shape)} · ${formatShape(y.shape)}`,
        operand: 1,
        axis: bn - 2,
      },
    );
  }
  const rowsShape = x.shape.slice(0, -1);
  const restShape = [...y.shape.slice(0, -2), y.shape[bn - 1]];
  const left = asMatrix(x, [sizeOf(rowsShape), k]);
  const order = [bn - 2, ...y.shape.map((_, axis) => axis).filter((axis) => axis !== bn - 2)];
  const moved = new Tensor(
    y.data,
    order.map((axis) => y.shape[axis]),
    order.map((axis) => y.strides[axis]),
    y.offset,
  );
  const right = asMatrix(moved, [y.shape[bn - 2], sizeOf(restShape)]);
  const plan = planMatmul(left, right, "dot", "·");
  const product = multiply(plan, left, right);
  const shape = [...rowsShape, ...restShape];
  if (recorder !== null) recordOp({ op: "dot", inputs: [x.shape, y.shape], output: shape });
  return new Tensor(product.data, shape);
}

function asMatrix(t: Tensor, shape: number[]): Tensor {
  const strides = reshapeStrides(t.shape, t.strides, shape);
  return strides === null
    ? new Tensor(toContiguous(t), shape)
    : new Tensor(t.data, shape, strides, t.offset);
}

/** The outer product of the flattened operands: out[i, j] = aᵢ·bⱼ, shape [a.size, b.size]. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, "outer");
  const y = asTensor(b, "outer");
  const left = toContiguous(x);
  const right = toContiguous(y);
  const out = new Float64Array(left.length * right.length);
  for (let i = 0, o = 0; i < left.length; i++) {
    const ai = left[i];
    for (let j = 0; j < right.length; j++, o++) out[o] = ai * right[j];
  }
  const shape = [left.length, right.length];
  if (recorder !== null) recordOp({ op: "outer", inputs: [x.shape, y.shape], output: shape });
  return new Tensor(out, shape);
}
