import { ShapeError } from "../errors";
import { type Strided } from "../strided";
import { formatShape } from "../../protocol";

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
