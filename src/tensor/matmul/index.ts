import { sameShape } from "../broadcast";
import { asTensor, fromDense } from "../create";
import { mul } from "../elementwise";
import { ShapeError } from "../errors";
import { checkWritable, type Strided, sizeOf, toContiguous } from "../strided";
import { formatShape } from "../../protocol";
import { Tensor, type TensorLike } from "../tensor";
import { recorded, type RecordExtra } from "../trace-hook";
import { reshapeStrides } from "../view";
import { type MatmulPlan, planMatmul } from "./plan";
import { multiply, runMatmul } from "./run";

/**
 * The matrix product a @ b with numpy's semantics: [m, k] @ [k, n] → [m, n]; leading axes are
 * batch axes and broadcast ([b, m, k] @ [k, n] → [b, m, n]); a 1-D left operand is a row and a
 * 1-D right operand a column, and the promoted axis is dropped from the result ([k] @ [k] → []).
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, "matmul");
  const y = asTensor(b, "matmul");
  const plan = planMatmul(x, y);
  return recorded("matmul", [x, y], fromDense(multiply(plan, x, y)), () =>
    productExtra(x, y, plan),
  );
}

/**
 * out ← a @ b (or out += a @ b with `accumulate`), matmul's semantics, written straight into
 * `out`, whose shape must be the product's and whose last axis must have stride 1. `out` must not
 * share memory with a or b (the product would overwrite its own input).
 */
export function matmulInto<T extends Strided>(
  out: T,
  a: TensorLike,
  b: TensorLike,
  accumulate = false,
): T {
  const x = asTensor(a, "matmulInto");
  const y = asTensor(b, "matmulInto");
  const plan = planMatmul(x, y, "matmulInto");
  checkProductTarget(out, x, y, plan);
  const ndim = out.shape.length;
  const rightIsMatrix = y.shape.length > 1;
  let outRow = 0;
  if (rightIsMatrix && x.shape.length > 1) outRow = out.strides[ndim - 2];
  else if (!rightIsMatrix && x.shape.length > 1) outRow = out.strides[ndim - 1];
  const outBatch = out.strides.slice(0, plan.batch.length);
  runMatmul(plan, x, y, out.data, out.offset, outRow, outBatch, accumulate);
  return recorded("matmulInto", [x, y], out);
}

/** matmulInto's target: the product's shape, writable, apart from the operands, rows of stride 1. */
function checkProductTarget(out: Strided, x: Strided, y: Strided, plan: MatmulPlan): void {
  if (!sameShape(out.shape, plan.shape)) {
    throw new ShapeError(
      "matmulInto",
      [out.shape, x.shape, y.shape],
      `out has shape ${formatShape(out.shape)} but the product has shape ${formatShape(plan.shape)}`,
      {
        operands: `${formatShape(out.shape)} ← ${formatShape(x.shape)} @ ${formatShape(y.shape)}`,
        operand: 0,
      },
    );
  }
  checkWritable("matmulInto", out);
  if (out.data === x.data || out.data === y.data) {
    throw new Error(
      "matmulInto: out shares its buffer with an operand; the product would overwrite its own input",
    );
  }
  const last = out.strides[out.shape.length - 1];
  if (y.shape.length > 1 && plan.n > 1 && last !== 1) {
    throw new Error(
      `matmulInto: out must have stride 1 along its last axis (it has ${last}); pass a contiguous tensor`,
    );
  }
}

/** The trace's extra for a product: m, k, n, and the batch shape when batch axes broadcast. */
function productExtra(x: Strided, y: Strided, plan: MatmulPlan): RecordExtra {
  const detail = { m: plan.m, k: plan.k, n: plan.n };
  const aBatch = x.shape.slice(0, -2);
  const bBatch = y.shape.slice(0, -2);
  const broadcast =
    plan.batch.length > 0 && !(sameShape(aBatch, plan.batch) && sameShape(bBatch, plan.batch));
  return broadcast ? { broadcast: plan.batch, detail } : { detail };
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
    return recorded("dot", [x, y], fromDense(multiply(plan, x, y)), () => productExtra(x, y, plan));
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
  const product = multiply(planMatmul(left, right, "dot", "·"), left, right);
  return recorded("dot", [x, y], new Tensor(product.data, [...rowsShape, ...restShape]));
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
  return recorded("outer", [x, y], new Tensor(out, [left.length, right.length]));
}
