import { sameShape } from "../broadcast";
import { gemm } from "../gemm";
import { gram } from "../gram";
import { type Dense, sizeOf, type Strided } from "../strided";
import { reshapeStrides } from "../view";
import { Walker } from "../walk";
import { type MatmulPlan } from "./plan";

/**
 * The planned product x @ y as a new C-contiguous result. XᵀX (y the transposed view of x) runs
 * as a Gram product, which computes half of the symmetric result.
 */
export function multiply(plan: MatmulPlan, x: Strided, y: Strided): Dense {
  const { n, batch } = plan;
  const out = new Float64Array(sizeOf(plan.shape));
  if (isGram(x, y)) {
    if (plan.k > 0) gram(plan.k, n, y.data, y.offset, y.strides[0], y.strides[1], out, 0, n);
    return { data: out, shape: plan.shape };
  }
  const outBatch = new Array<number>(batch.length);
  for (let axis = batch.length - 1, step = plan.m * n; axis >= 0; axis--) {
    outBatch[axis] = step;
    step *= batch[axis];
  }
  runMatmul(plan, x, y, out, 0, n, outBatch, false);
  return { data: out, shape: plan.shape };
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
  // Matrices, and batches that fold into one tall matrix, are a single gemm.
  const single =
    batch.length === 0
      ? plan.aRow
      : count > 1 && plan.bBatch.every((s) => s === 0)
        ? foldedRowStride(plan, a, outRow, outBatch)
        : null;
  if (single !== null) {
    const rows = count * m;
    gemm(
      rows,
      n,
      k,
      a.data,
      a.offset,
      single,
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
  const walker = new Walker(
    batch,
    [plan.aBatch, plan.bBatch, outBatch],
    [a.offset, b.offset, outOffset],
  );
  const at = walker.at;
  for (let i = 0; i < walker.count; i++, walker.next()) {
    gemm(
      m,
      n,
      k,
      a.data,
      at[0],
      plan.aRow,
      plan.aCol,
      b.data,
      at[1],
      plan.bRow,
      plan.bCol,
      out,
      at[2],
      outRow,
      accumulate,
    );
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

/** Zeroes every output row (a product over an empty k is all zeros). */
function zeroOut(
  plan: MatmulPlan,
  out: Float64Array,
  offset: number,
  outRow: number,
  outBatch: readonly number[],
): void {
  const walker = new Walker(plan.batch, [outBatch], [offset]);
  for (let i = 0; i < walker.count; i++, walker.next()) {
    const start = walker.at[0];
    for (let r = 0; r < plan.m; r++) out.fill(0, start + r * outRow, start + r * outRow + plan.n);
  }
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
