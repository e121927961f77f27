import { broadcastShapes, broadcastStrides, sameShape } from "./broadcast";
import { asTensor } from "./create";
import { ShapeError } from "./errors";
import { Binary, binaryLoop, binaryRun, Unary, unaryLoop, unaryRun } from "./loops";
import { planMatmul, runMatmul } from "./matmul";
import {
  contiguousStrides,
  formatShape,
  isContiguous,
  sizeOf,
  type Strided,
  toContiguous,
} from "./strided";
import { type TensorLike } from "./tensor";
import { recordOp, recorder } from "./trace-hook";

/*
 * Explicit in-place and `out` variants for training loops, where allocating a fresh array per
 * step dominates the cost. They write into `target`/`out` (which keeps its shape: the other
 * operands must broadcast to it), allocate no result buffer, and return the tensor they wrote.
 * An operand that is a different view of the written buffer is copied first, so overlapping
 * reads never see half-updated values.
 */

const scalarSlot = new Float64Array(1);
const SCALAR: Strided = { data: scalarSlot, shape: [], strides: [], offset: 0 };

/** target ← target + other (other broadcast to target's shape). */
export function addInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return binaryInto("addInPlace", "+=", Binary.Add, 0, target, target, other);
}

/** target ← target − other. */
export function subInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return binaryInto("subInPlace", "-=", Binary.Sub, 0, target, target, other);
}

/** target ← target · other (elementwise). */
export function mulInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return binaryInto("mulInPlace", "*=", Binary.Mul, 0, target, target, other);
}

/** target ← target / other (elementwise). */
export function divInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return binaryInto("divInPlace", "/=", Binary.Div, 0, target, target, other);
}

/**
 * target ← target + alpha·x: the gradient-descent step `axpyInPlace(w, -learningRate, grad)`
 * in one pass with no temporary.
 */
export function axpyInPlace<T extends Strided>(target: T, alpha: number, x: TensorLike): T {
  return binaryInto("axpyInPlace", "+= α·", Binary.Axpy, alpha, target, target, x);
}

/** out ← a + b (a and b broadcast to out's shape). */
export function addInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return binaryInto("addInto", "+", Binary.Add, 0, out, a, b);
}

/** out ← a − b. */
export function subInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return binaryInto("subInto", "-", Binary.Sub, 0, out, a, b);
}

/** out ← a · b (elementwise). */
export function mulInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return binaryInto("mulInto", "*", Binary.Mul, 0, out, a, b);
}

/** out ← a / b (elementwise). */
export function divInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return binaryInto("divInto", "/", Binary.Div, 0, out, a, b);
}

/** target ← alpha·target (e.g. weight decay: `scaleInPlace(w, 1 - learningRate * lambda / m)`). */
export function scaleInPlace<T extends Strided>(target: T, alpha: number): T {
  if (isContiguous(target)) {
    const size = sizeOf(target.shape);
    unaryRun(
      Unary.Scale,
      alpha,
      0,
      size,
      target.data,
      target.offset,
      1,
      target.data,
      target.offset,
      1,
    );
  } else {
    checkWritable("scaleInPlace", target);
    unaryLoop(Unary.Scale, alpha, 0, target.shape, target, target);
  }
  if (recorder !== null)
    recordOp({ op: "scaleInPlace", inputs: [target.shape], output: target.shape });
  return target;
}

/** Every element of target ← value (e.g. zeroing a gradient accumulator). */
export function fillInPlace<T extends Strided>(target: T, value: number): T {
  if (isContiguous(target)) {
    target.data.fill(value, target.offset, target.offset + sizeOf(target.shape));
  } else {
    checkWritable("fillInPlace", target);
    scalarSlot[0] = value;
    const source = { data: scalarSlot, offset: 0, strides: target.strides.map(() => 0) };
    unaryLoop(Unary.Copy, 0, 0, target.shape, target, source);
  }
  if (recorder !== null)
    recordOp({ op: "fillInPlace", inputs: [target.shape], output: target.shape });
  return target;
}

/** target ← source, source broadcast to target's shape. */
export function copyInto<T extends Strided>(target: T, source: TensorLike): T {
  const x = separate(asTensor(source, "copyInto"), target);
  checkResult(
    "copyInto",
    "←",
    target,
    [x.shape],
    broadcastShapes("copyInto", [target.shape, x.shape]),
  );
  if (sameShape(x.shape, target.shape) && isContiguous(x) && isContiguous(target)) {
    target.data.set(x.data.subarray(x.offset, x.offset + sizeOf(x.shape)), target.offset);
  } else {
    checkWritable("copyInto", target);
    unaryLoop(Unary.Copy, 0, 0, target.shape, target, {
      data: x.data,
      offset: x.offset,
      strides: broadcastStrides(x.shape, x.strides, target.shape),
    });
  }
  if (recorder !== null)
    recordOp({ op: "copyInto", inputs: [target.shape, x.shape], output: target.shape });
  return target;
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
  const ndim = out.shape.length;
  const rightIsMatrix = y.shape.length > 1;
  if (rightIsMatrix && plan.n > 1 && out.strides[ndim - 1] !== 1) {
    throw new Error(
      `matmulInto: out must have stride 1 along its last axis (it has ${out.strides[ndim - 1]}); pass a contiguous tensor`,
    );
  }
  let outRow = 0;
  if (rightIsMatrix && x.shape.length > 1) outRow = out.strides[ndim - 2];
  else if (!rightIsMatrix && x.shape.length > 1) outRow = out.strides[ndim - 1];
  runMatmul(
    plan,
    x,
    y,
    out.data,
    out.offset,
    outRow,
    out.strides.slice(0, plan.batch.length),
    accumulate,
  );
  if (recorder !== null)
    recordOp({ op: "matmulInto", inputs: [x.shape, y.shape], output: out.shape });
  return out;
}

function binaryInto<T extends Strided>(
  op: string,
  symbol: string,
  code: Binary,
  alpha: number,
  out: T,
  left: TensorLike,
  right: TensorLike,
): T {
  const inPlace = left === out;
  if (inPlace && typeof right === "number" && isContiguous(out)) {
    scalarSlot[0] = right;
    const size = sizeOf(out.shape);
    binaryRun(
      code,
      alpha,
      0,
      size,
      out.data,
      out.offset,
      1,
      out.data,
      out.offset,
      1,
      scalarSlot,
      0,
      0,
    );
    if (recorder !== null) recordOp({ op, inputs: [out.shape, []], output: out.shape });
    return out;
  }
  const a: Strided = inPlace ? out : separate(asTensor(left, op), out);
  const b: Strided = typeof right === "number" ? scalar(right) : separate(asTensor(right, op), out);
  if (
    sameShape(a.shape, out.shape) &&
    sameShape(b.shape, out.shape) &&
    isContiguous(out) &&
    isContiguous(a) &&
    isContiguous(b)
  ) {
    binaryRun(
      code,
      alpha,
      0,
      sizeOf(out.shape),
      out.data,
      out.offset,
      1,
      a.data,
      a.offset,
      1,
      b.data,
      b.offset,
      1,
    );
  } else {
    const inputs = inPlace ? [out.shape, b.shape] : [out.shape, a.shape, b.shape];
    checkResult(
      op,
      symbol,
      out,
      inPlace ? [b.shape] : [a.shape, b.shape],
      broadcastShapes(op, inputs),
    );
    checkWritable(op, out);
    binaryLoop(
      code,
      alpha,
      0,
      out.shape,
      out,
      { data: a.data, offset: a.offset, strides: broadcastStrides(a.shape, a.strides, out.shape) },
      { data: b.data, offset: b.offset, strides: broadcastStrides(b.shape, b.strides, out.shape) },
    );
  }
  if (recorder !== null) recordOp({ op, inputs: [a.shape, b.shape], output: out.shape });
  return out;
}

function scalar(value: number): Strided {
  scalarSlot[0] = value;
  return SCALAR;
}

/** The operand itself, or a copy when it is a different view of the buffer being written. */
function separate(x: Strided, out: Strided): Strided {
  if (x.data !== out.data) return x;
  if (x.offset === out.offset && sameShape(x.shape, out.shape) && sameShape(x.strides, out.strides))
    return x;
  return { data: toContiguous(x), shape: x.shape, strides: contiguousStrides(x.shape), offset: 0 };
}

/** A view with stride 0 along a longer axis (from broadcastTo) has aliased elements: refuse to write it. */
function checkWritable(op: string, out: Strided): void {
  if (sizeOf(out.shape) === 0) return;
  for (let axis = 0; axis < out.shape.length; axis++) {
    if (out.strides[axis] === 0 && out.shape[axis] > 1) {
      throw new Error(
        `${op}: the target is a broadcast view (axis ${axis} has stride 0), so its elements share memory; write into a real tensor instead`,
      );
    }
  }
}

/** An in-place result must keep the target's shape: the operands may not grow it. */
function checkResult(
  op: string,
  symbol: string,
  out: Strided,
  others: readonly (readonly number[])[],
  result: readonly number[],
): void {
  if (sameShape(result, out.shape)) return;
  const shown = others.map(formatShape);
  const operands =
    others.length === 1
      ? `${formatShape(out.shape)} ${symbol}${symbol.endsWith("·") ? "" : " "}${shown[0]}`
      : `${formatShape(out.shape)} ← ${shown[0]} ${symbol} ${shown[1]}`;
  throw new ShapeError(
    op,
    [out.shape, ...others],
    `the result would have shape ${formatShape(result)} but the target has shape ${formatShape(out.shape)}; the other operands must broadcast to the target's shape`,
    {
      operands,
      operand: 0,
    },
  );
}
