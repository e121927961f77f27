import { broadcastShapes, sameShape } from "../broadcast";
import { ShapeError } from "../errors";
import { checkWritable, contiguousStrides, type Strided, toContiguous } from "../strided";
import { formatShape } from "../../protocol";
import { type TensorLike } from "../tensor";
import { recorded } from "../trace-hook";
import { operand } from "../create";
import { binaryInto, isOneRun, unaryInto } from "./core";
import { Binary, Unary } from "./codes";

/*
 * Explicit in-place and `out` variants for training loops, where allocating a fresh array per
 * step dominates the cost. They write into `target`/`out` (which keeps its shape: the other
 * operands must broadcast to it), allocate no result buffer, and return the tensor they wrote.
 * An operand that is a different view of the written buffer is copied first, so overlapping
 * reads never see half-updated values. Each is the elementwise core (core.ts) behind one check
 * of the target.
 */

/** target ← target + other (other broadcast to target's shape). */
export function addInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return update("addInPlace", "+=", Binary.Add, target, target, other);
}

/** target ← target − other. */
export function subInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return update("subInPlace", "-=", Binary.Sub, target, target, other);
}

/** target ← target · other (elementwise). */
export function mulInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return update("mulInPlace", "*=", Binary.Mul, target, target, other);
}

/** target ← target / other (elementwise). */
export function divInPlace<T extends Strided>(target: T, other: TensorLike): T {
  return update("divInPlace", "/=", Binary.Div, target, target, other);
}

/**
 * target ← target + alpha·x: the gradient-descent step `axpyInPlace(w, -learningRate, grad)`
 * in one pass with no temporary.
 */
export function axpyInPlace<T extends Strided>(target: T, alpha: number, x: TensorLike): T {
  return update("axpyInPlace", "+= α·", Binary.Axpy, target, target, x, alpha);
}

/** out ← a + b (a and b broadcast to out's shape). */
export function addInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return update("addInto", "+", Binary.Add, out, a, b);
}

/** out ← a − b. */
export function subInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return update("subInto", "-", Binary.Sub, out, a, b);
}

/** out ← a · b (elementwise). */
export function mulInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return update("mulInto", "*", Binary.Mul, out, a, b);
}

/** out ← a / b (elementwise). */
export function divInto<T extends Strided>(out: T, a: TensorLike, b: TensorLike): T {
  return update("divInto", "/", Binary.Div, out, a, b);
}

/** target ← alpha·target (e.g. weight decay: `scaleInPlace(w, 1 - learningRate * lambda / m)`). */
export function scaleInPlace<T extends Strided>(target: T, alpha: number): T {
  checkTarget("scaleInPlace", "", target, target);
  return recorded("scaleInPlace", [target], unaryInto(Unary.Scale, target, target, alpha));
}

/** Every element of target ← value (e.g. zeroing a gradient accumulator). */
export function fillInPlace<T extends Strided>(target: T, value: number): T {
  const x = operand(value, "fillInPlace");
  checkTarget("fillInPlace", "", target, x);
  return recorded("fillInPlace", [target], unaryInto(Unary.Copy, target, x));
}

/** target ← source, source broadcast to target's shape. */
export function copyInto<T extends Strided>(target: T, source: TensorLike): T {
  const x = separate(operand(source, "copyInto"), target);
  checkTarget("copyInto", "←", target, x);
  return recorded("copyInto", [target, x], unaryInto(Unary.Copy, target, x));
}

/** out ← left ∘ right through the elementwise core, `out` checked first (`symbol` for errors). */
function update<T extends Strided>(
  op: string,
  symbol: string,
  code: Binary,
  out: T,
  left: TensorLike,
  right: TensorLike,
  alpha = 0,
): T {
  const inPlace = left === out;
  const a = inPlace ? out : separate(operand(left, op, 0), out);
  const b = separate(operand(right, op, 1), out);
  checkTarget(op, symbol, out, b, inPlace ? undefined : a);
  return recorded(op, [a, b], binaryInto(code, out, a, b, alpha));
}

/** The operand itself, or a copy when it is a different view of the buffer being written. */
function separate(x: Strided, out: Strided): Strided {
  if (x.data !== out.data) return x;
  if (x.offset === out.offset && sameShape(x.shape, out.shape) && sameShape(x.strides, out.strides))
    return x;
  return { data: toContiguous(x), shape: x.shape, strides: contiguousStrides(x.shape), offset: 0 };
}

/**
 * Checks that `out` can take the result: the operands (`other`, and `first` for the `out`
 * variants) must broadcast to out's shape without growing it, and `out` must not be a broadcast
 * view. An op that runs in one pass (core.ts) passes both by construction; the test for that
 * stays in this small function so that it can be inlined (a call here measured 20 ns on
 * addInPlace of a [3, 4] tensor, which takes 45 ns in all).
 */
function checkTarget(
  op: string,
  symbol: string,
  out: Strided,
  other: Strided,
  first?: Strided,
): void {
  if (isOneRun(out, other, first)) return;
  checkShape(op, symbol, out, first === undefined ? [other.shape] : [first.shape, other.shape]);
  checkWritable(op, out);
}

/** An in-place result must keep the target's shape: the operands may not grow it. */
function checkShape(
  op: string,
  symbol: string,
  out: Strided,
  others: readonly (readonly number[])[],
): void {
  const result = broadcastShapes(op, [out.shape, ...others]);
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
