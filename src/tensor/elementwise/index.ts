import { broadcastShapes, broadcastView, sameShape } from "../broadcast";
import { asTensor, operand } from "../create";
import { ShapeError } from "../errors";
import { formatShape } from "../../protocol";
import { Tensor, type TensorLike } from "../tensor";
import { recorded, type RecordExtra, type Shaped } from "../trace-hook";
import { binaryInto, allocate, unaryInto, whereInto } from "./core";
import { Binary, Unary } from "./codes";

/*
 * Every elementwise op follows numpy: operands broadcast against each other (right-aligned
 * shapes, size-1 axes stretch), plain numbers act as 0-d scalars, the result is a new
 * C-contiguous tensor and the inputs are never written. Each is the elementwise core (core.ts)
 * writing into a fresh tensor of the broadcast shape.
 */

function binary(
  op: string,
  code: Binary,
  left: TensorLike,
  right: TensorLike,
  alpha = 0,
  beta = 0,
): Tensor {
  const a = operand(left, op, 0);
  const b = operand(right, op, 1);
  const shape = broadcastShapes(op, [a.shape, b.shape]);
  const out = binaryInto(code, allocate(shape), a, b, alpha, beta);
  return recorded(op, [a, b], out, () =>
    scalarBesideTensor(left, right) ? {} : broadcastExtra([a, b], shape),
  );
}

/** A plain number beside a Tensor is a scalar operand, not a broadcast, in the trace. */
function scalarBesideTensor(left: TensorLike, right: TensorLike): boolean {
  return (
    (typeof left === "number" && right instanceof Tensor) ||
    (typeof right === "number" && left instanceof Tensor)
  );
}

function unary(op: string, code: Unary, input: TensorLike, low = 0, high = 0): Tensor {
  const x = asTensor(input, op);
  return recorded(op, [x], unaryInto(code, allocate(x.shape), x, low, high));
}

/** The trace's `broadcast` entry: the result's shape, when some operand had another shape. */
function broadcastExtra(inputs: readonly Shaped[], shape: readonly number[]): RecordExtra {
  return inputs.some((input) => !sameShape(input.shape, shape)) ? { broadcast: shape } : {};
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
  return recorded("map", [input], new Tensor(out, input.shape));
}

/**
 * Picks from `a` where `condition` is non-zero and from `b` elsewhere; all three broadcast
 * together (numpy's `where(condition, a, b)`).
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const operands = [asTensor(condition, "where"), asTensor(a, "where"), asTensor(b, "where")];
  const shape = broadcastShapes(
    "where",
    operands.map((t) => t.shape),
  );
  const [c, x, y] = operands;
  const out = whereInto(allocate(shape), c, x, y);
  return recorded("where", operands, out, () => broadcastExtra(operands, shape));
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
  const view = broadcastView(t, [...shape]);
  return recorded("broadcastTo", [t], new Tensor(t.data, view.shape, view.strides, t.offset));
}
