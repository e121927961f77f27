import { broadcastShapes, broadcastStrides, sameShape } from "./broadcast";
import { asTensor } from "./create";
import { ShapeError } from "./errors";
import { Binary, binaryLoop, binaryRun, Unary, unaryLoop, unaryRun, whereLoop } from "./loops";
import { contiguousStrides, formatShape, isContiguous, sizeOf } from "./strided";
import { Tensor, type TensorLike } from "./tensor";
import { recordOp, recorder } from "./trace-hook";

/*
 * Every elementwise op follows numpy: operands broadcast against each other (right-aligned
 * shapes, size-1 axes stretch), plain numbers act as 0-d scalars, the result is a new
 * C-contiguous tensor and the inputs are never written.
 */

/** Holds a plain-number operand for the scalar fast path, so no tensor is built for it. */
const scalarSlot = new Float64Array(1);
const SCALAR_SHAPE: readonly number[] = [];

function binary(
  op: string,
  code: Binary,
  left: TensorLike,
  right: TensorLike,
  alpha = 0,
  beta = 0,
): Tensor {
  if (typeof right === "number" && left instanceof Tensor)
    return withScalar(op, code, left, right, true, alpha, beta);
  if (typeof left === "number" && right instanceof Tensor)
    return withScalar(op, code, right, left, false, alpha, beta);
  const a = asTensor(left, op);
  const b = asTensor(right, op);
  if (sameShape(a.shape, b.shape) && isContiguous(a) && isContiguous(b)) {
    const out = new Float64Array(a.size);
    binaryRun(code, alpha, beta, a.size, out, 0, 1, a.data, a.offset, 1, b.data, b.offset, 1);
    if (recorder !== null) recordOp({ op, inputs: [a.shape, b.shape], output: a.shape });
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(op, [a.shape, b.shape]);
  const result = new Tensor(new Float64Array(sizeOf(shape)), shape);
  binaryLoop(
    code,
    alpha,
    beta,
    shape,
    result,
    { data: a.data, offset: a.offset, strides: broadcastStrides(a.shape, a.strides, shape) },
    { data: b.data, offset: b.offset, strides: broadcastStrides(b.shape, b.strides, shape) },
  );
  if (recorder !== null) recordBroadcast(op, [a.shape, b.shape], shape);
  return result;
}

/** `tensor ∘ scalar` (or `scalar ∘ tensor` when `tensorFirst` is false) without wrapping the number. */
function withScalar(
  op: string,
  code: Binary,
  t: Tensor,
  scalar: number,
  tensorFirst: boolean,
  alpha: number,
  beta: number,
): Tensor {
  scalarSlot[0] = scalar;
  const out = new Float64Array(t.size);
  if (isContiguous(t)) {
    if (tensorFirst)
      binaryRun(code, alpha, beta, t.size, out, 0, 1, t.data, t.offset, 1, scalarSlot, 0, 0);
    else binaryRun(code, alpha, beta, t.size, out, 0, 1, scalarSlot, 0, 0, t.data, t.offset, 1);
  } else {
    const result = { data: out, offset: 0, strides: contiguousStrides(t.shape) };
    const view = { data: t.data, offset: t.offset, strides: t.strides };
    const slot = {
      data: scalarSlot,
      offset: 0,
      strides: new Array<number>(t.shape.length).fill(0),
    };
    if (tensorFirst) binaryLoop(code, alpha, beta, t.shape, result, view, slot);
    else binaryLoop(code, alpha, beta, t.shape, result, slot, view);
  }
  if (recorder !== null)
    recordOp({
      op,
      inputs: tensorFirst ? [t.shape, SCALAR_SHAPE] : [SCALAR_SHAPE, t.shape],
      output: t.shape,
    });
  return new Tensor(out, t.shape);
}

function unary(op: string, code: Unary, input: TensorLike, low = 0, high = 0): Tensor {
  const x = asTensor(input, op);
  const out = new Float64Array(x.size);
  if (isContiguous(x)) unaryRun(code, low, high, x.size, out, 0, 1, x.data, x.offset, 1);
  else
    unaryLoop(
      code,
      low,
      high,
      x.shape,
      { data: out, offset: 0, strides: contiguousStrides(x.shape) },
      x,
    );
  if (recorder !== null) recordOp({ op, inputs: [x.shape], output: x.shape });
  return new Tensor(out, x.shape);
}

function recordBroadcast(
  op: string,
  inputs: (readonly number[])[],
  shape: readonly number[],
): void {
  const broadcast = inputs.some((input) => !sameShape(input, shape));
  recordOp(
    broadcast ? { op, inputs, output: shape, broadcast: shape } : { op, inputs, output: shape },
  );
}

/** a + b, elementwise with broadcasting. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary("add", Binary.Add, a, b);
}

/** a − b, elementwise with broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary("sub", Binary.Sub, a, b);
}

/** a · b (elementwise, Hadamard product) with broadcasting; `matmul` is the matrix product. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary("mul", Binary.Mul, a, b);
}

/** a / b, elementwise with broadcasting (IEEE: x/0 is ±inf, 0/0 is NaN). */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary("div", Binary.Div, a, b);
}

/** aᵇ elementwise with broadcasting (a negative base with a fractional exponent gives NaN). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary("pow", Binary.Pow, a, b);
}

/** The larger of a and b elementwise (NaN if either is NaN, as numpy's `maximum`). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary("maximum", Binary.Maximum, a, b);
}

/** The smaller of a and b elementwise (NaN if either is NaN, as numpy's `minimum`). */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary("minimum", Binary.Minimum, a, b);
}

/** 1 where a = b, else 0 (float tensor). */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return binary("equal", Binary.Equal, a, b);
}

/** 1 where a ≠ b, else 0. */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return binary("notEqual", Binary.NotEqual, a, b);
}

/** 1 where a < b, else 0. */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return binary("less", Binary.Less, a, b);
}

/** 1 where a ≤ b, else 0. */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return binary("lessEqual", Binary.LessEqual, a, b);
}

/** 1 where a > b, else 0. */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return binary("greater", Binary.Greater, a, b);
}

/** 1 where a ≥ b, else 0. */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return binary("greaterEqual", Binary.GreaterEqual, a, b);
}

/** Tolerances of `isclose`/`allclose`: |a − b| ≤ atol + rtol·|b| (numpy's defaults). */
export interface CloseOptions {
  rtol?: number;
  atol?: number;
}

/** 1 where |a − b| ≤ atol + rtol·|b| (equal infinities count as close, NaN never does). */
export function isclose(
  a: TensorLike,
  b: TensorLike,
  { rtol = 1e-5, atol = 1e-8 }: CloseOptions = {},
): Tensor {
  return binary("isclose", Binary.IsClose, a, b, rtol, atol);
}

/** True when every element pair is close (see `isclose`); shapes must broadcast. */
export function allclose(a: TensorLike, b: TensorLike, options: CloseOptions = {}): boolean {
  const close = isclose(a, b, options);
  for (let i = 0; i < close.size; i++) if (close.data[i] === 0) return false;
  return true;
}

/** −x */
export function neg(x: TensorLike): Tensor {
  return unary("neg", Unary.Neg, x);
}

/** eˣ elementwise. */
export function exp(x: TensorLike): Tensor {
  return unary("exp", Unary.Exp, x);
}

/** Natural logarithm elementwise (log 0 = −inf, log of a negative number = NaN). */
export function log(x: TensorLike): Tensor {
  return unary("log", Unary.Log, x);
}

/** √x elementwise (NaN for negative x). */
export function sqrt(x: TensorLike): Tensor {
  return unary("sqrt", Unary.Sqrt, x);
}

/** |x| elementwise. */
export function abs(x: TensorLike): Tensor {
  return unary("abs", Unary.Abs, x);
}

/** tanh x elementwise. */
export function tanh(x: TensorLike): Tensor {
  return unary("tanh", Unary.Tanh, x);
}

/** −1, 0 or 1 by the sign of x (NaN stays NaN). */
export function sign(x: TensorLike): Tensor {
  return unary("sign", Unary.Sign, x);
}

/** x limited to [low, high] elementwise; an omitted bound does not limit. NaN stays NaN. */
export function clip(x: TensorLike, low: number | null = null, high: number | null = null): Tensor {
  const lo = low ?? -Infinity;
  const hi = high ?? Infinity;
  if (lo > hi) throw new RangeError(`clip: low (${lo}) must not exceed high (${hi})`);
  return unary("clip", Unary.Clip, x, lo, hi);
}

/**
 * fn applied to every element (`index` is the element's position in C order). For ops
 * gradbook lacks; the built-in ones are much faster.
 */
export function map(x: TensorLike, fn: (value: number, index: number) => number): Tensor {
  const input = asTensor(x, "map");
  const values = input.contiguous();
  const out = new Float64Array(input.size);
  for (let i = 0; i < out.length; i++) out[i] = fn(values.data[values.offset + i], i);
  if (recorder !== null) recordOp({ op: "map", inputs: [input.shape], output: input.shape });
  return new Tensor(out, input.shape);
}

/**
 * Picks from `a` where `condition` is non-zero and from `b` elsewhere; all three broadcast
 * together (numpy's `where(condition, a, b)`).
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = asTensor(condition, "where");
  const x = asTensor(a, "where");
  const y = asTensor(b, "where");
  const inputs = [c.shape, x.shape, y.shape];
  const shape = broadcastShapes("where", inputs);
  const result = new Tensor(new Float64Array(sizeOf(shape)), shape);
  whereLoop(
    shape,
    result,
    { data: c.data, offset: c.offset, strides: broadcastStrides(c.shape, c.strides, shape) },
    { data: x.data, offset: x.offset, strides: broadcastStrides(x.shape, x.strides, shape) },
    { data: y.data, offset: y.offset, strides: broadcastStrides(y.shape, y.strides, shape) },
  );
  if (recorder !== null) recordBroadcast("where", inputs, shape);
  return result;
}

/**
 * A read-only view of `x` with shape `shape` (numpy's `broadcast_to`): stretched axes have
 * stride 0, so no memory is copied. Throws if `x` does not broadcast to exactly that shape.
 */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x, "broadcastTo");
  const result = broadcastShapes("broadcastTo", [t.shape, shape]);
  if (!sameShape(result, shape)) {
    throw new ShapeError(
      "broadcastTo",
      [t.shape, shape],
      `${formatShape(t.shape)} broadcasts to ${formatShape(result)}, not to the target ${formatShape(shape)}`,
      { operand: 0 },
    );
  }
  const view = new Tensor(
    t.data,
    [...shape],
    broadcastStrides(t.shape, t.strides, shape),
    t.offset,
  );
  if (recorder !== null) recordOp({ op: "broadcastTo", inputs: [t.shape], output: view.shape });
  return view;
}
