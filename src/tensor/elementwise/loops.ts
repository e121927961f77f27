import type { Strided } from "../strided";
import { runs } from "../walk";

/*
 * The loops behind every elementwise op, in-place op and copy. An op is an integer code
 * dispatched once per run (a `switch` around tight loops), never a closure per element, so every
 * loop stays monomorphic. A run is a stretch of elements along one axis; an N-d loop is runs
 * handed out by the walker (walk.ts), which merges the axes every operand walks as one first, so
 * contiguous data (even when broadcast along leading axes) becomes one long run.
 */

/** Binary op codes: out = f(a, b) (`alpha`/`beta` are the op's parameters, if any). */
export enum Binary {
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Maximum,
  Minimum,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  /** a + alpha·b */
  Axpy,
  /** 1 when |a − b| ≤ beta + alpha·|b| (numpy's isclose with rtol = alpha, atol = beta). */
  IsClose,
}

/** Unary op codes: out = f(x) (`low`/`high` are parameters: clip bounds, scale factor). */
export enum Unary {
  Copy,
  Neg,
  Exp,
  Log,
  Sqrt,
  Abs,
  Tanh,
  Sign,
  Clip,
  /** low · x */
  Scale,
}

/**
 * One run of a binary op along `n` elements with the given strides. Loops index as `o + i·os`
 * (measured about twice as fast in V8 as bumping pointers); the all-unit-stride case of the
 * arithmetic used in training loops gets plain `o + i` loops, faster again.
 */
export function binaryRun(
  code: Binary,
  alpha: number,
  beta: number,
  n: number,
  out: Float64Array,
  o: number,
  os: number,
  a: Float64Array,
  p: number,
  as: number,
  b: Float64Array,
  q: number,
  bs: number,
): void {
  if (os === 1 && as === 1 && bs === 1 && denseRun(code, alpha, n, out, o, a, p, b, q)) return;
  switch (code) {
    case Binary.Add:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] + b[q + i * bs];
      return;
    case Binary.Sub:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] - b[q + i * bs];
      return;
    case Binary.Mul:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] * b[q + i * bs];
      return;
    case Binary.Div:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] / b[q + i * bs];
      return;
    case Binary.Pow:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.pow(a[p + i * as], b[q + i * bs]);
      return;
    case Binary.Maximum:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.max(a[p + i * as], b[q + i * bs]);
      return;
    case Binary.Minimum:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.min(a[p + i * as], b[q + i * bs]);
      return;
    case Binary.Equal:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] === b[q + i * bs] ? 1 : 0;
      return;
    case Binary.NotEqual:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] !== b[q + i * bs] ? 1 : 0;
      return;
    case Binary.Less:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] < b[q + i * bs] ? 1 : 0;
      return;
    case Binary.LessEqual:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] <= b[q + i * bs] ? 1 : 0;
      return;
    case Binary.Greater:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] > b[q + i * bs] ? 1 : 0;
      return;
    case Binary.GreaterEqual:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] >= b[q + i * bs] ? 1 : 0;
      return;
    case Binary.Axpy:
      for (let i = 0; i < n; i++) out[o + i * os] = a[p + i * as] + alpha * b[q + i * bs];
      return;
    case Binary.IsClose:
      for (let i = 0; i < n; i++) {
        const x = a[p + i * as];
        const y = b[q + i * bs];
        out[o + i * os] = x === y || Math.abs(x - y) <= beta + alpha * Math.abs(y) ? 1 : 0;
      }
      return;
  }
}

/** binaryRun's unit-stride loops; false when `code` has none (the strided loop handles it). */
function denseRun(
  code: Binary,
  alpha: number,
  n: number,
  out: Float64Array,
  o: number,
  a: Float64Array,
  p: number,
  b: Float64Array,
  q: number,
): boolean {
  switch (code) {
    case Binary.Add:
      for (let i = 0; i < n; i++) out[o + i] = a[p + i] + b[q + i];
      return true;
    case Binary.Sub:
      for (let i = 0; i < n; i++) out[o + i] = a[p + i] - b[q + i];
      return true;
    case Binary.Mul:
      for (let i = 0; i < n; i++) out[o + i] = a[p + i] * b[q + i];
      return true;
    case Binary.Div:
      for (let i = 0; i < n; i++) out[o + i] = a[p + i] / b[q + i];
      return true;
    case Binary.Axpy:
      for (let i = 0; i < n; i++) out[o + i] = a[p + i] + alpha * b[q + i];
      return true;
    default:
      return false;
  }
}

/** One run of a unary op along `n` elements. */
export function unaryRun(
  code: Unary,
  low: number,
  high: number,
  n: number,
  out: Float64Array,
  o: number,
  os: number,
  x: Float64Array,
  p: number,
  xs: number,
): void {
  switch (code) {
    case Unary.Copy:
      for (let i = 0; i < n; i++) out[o + i * os] = x[p + i * xs];
      return;
    case Unary.Neg:
      for (let i = 0; i < n; i++) out[o + i * os] = -x[p + i * xs];
      return;
    case Unary.Exp:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.exp(x[p + i * xs]);
      return;
    case Unary.Log:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.log(x[p + i * xs]);
      return;
    case Unary.Sqrt:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.sqrt(x[p + i * xs]);
      return;
    case Unary.Abs:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.abs(x[p + i * xs]);
      return;
    case Unary.Tanh:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.tanh(x[p + i * xs]);
      return;
    case Unary.Sign:
      for (let i = 0; i < n; i++) out[o + i * os] = Math.sign(x[p + i * xs]);
      return;
    case Unary.Clip:
      for (let i = 0; i < n; i++) {
        const v = x[p + i * xs];
        out[o + i * os] = v < low ? low : v > high ? high : v;
      }
      return;
    case Unary.Scale:
      for (let i = 0; i < n; i++) out[o + i * os] = low * x[p + i * xs];
      return;
  }
}

/**
 * out = f(a, b) over out's shape. `a` and `b` are laid over the same shape (their strides
 * already broadcast: 0 where they repeat).
 */
export function binaryLoop(
  code: Binary,
  alpha: number,
  beta: number,
  out: Strided,
  a: Strided,
  b: Strided,
): void {
  const { length, steps, outer } = runs(
    out.shape,
    [out.strides, a.strides, b.strides],
    [out.offset, a.offset, b.offset],
  );
  const [os, as, bs] = steps;
  const at = outer.at;
  for (let i = 0; i < outer.count; i++, outer.next()) {
    binaryRun(code, alpha, beta, length, out.data, at[0], os, a.data, at[1], as, b.data, at[2], bs);
  }
}

/** out = f(x) over out's shape; `x` is laid over the same shape. */
export function unaryLoop(code: Unary, low: number, high: number, out: Strided, x: Strided): void {
  const { length, steps, outer } = runs(
    out.shape,
    [out.strides, x.strides],
    [out.offset, x.offset],
  );
  const [os, xs] = steps;
  const at = outer.at;
  for (let i = 0; i < outer.count; i++, outer.next()) {
    unaryRun(code, low, high, length, out.data, at[0], os, x.data, at[1], xs);
  }
}

/** out = cond ≠ 0 ? a : b over out's shape (numpy's `where`; NaN counts as true, as in numpy). */
export function whereLoop(out: Strided, cond: Strided, a: Strided, b: Strided): void {
  const { length, steps, outer } = runs(
    out.shape,
    [out.strides, cond.strides, a.strides, b.strides],
    [out.offset, cond.offset, a.offset, b.offset],
  );
  const [os, cs, as, bs] = steps;
  const at = outer.at;
  for (let run = 0; run < outer.count; run++, outer.next()) {
    const [o, c, p, q] = at;
    for (let i = 0; i < length; i++)
      out.data[o + i * os] = cond.data[c + i * cs] !== 0 ? a.data[p + i * as] : b.data[q + i * bs];
  }
}
