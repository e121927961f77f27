import { sizeOf } from "./strided";

/*
 * The strided loops behind elementwise ops, in-place ops and copies. An op is an integer code
 * dispatched once per inner run (a `switch` around tight loops), never a closure per element, so
 * every loop stays monomorphic. N-d iteration walks the outer axes with an odometer and hands the
 * innermost axis to a run; axes that every operand walks as one are merged first, so
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

/** A strided operand of a loop: buffer, starting offset and one stride per axis. */
export interface Operand {
  data: Float64Array;
  offset: number;
  strides: readonly number[];
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

/** A shape with some axes merged, and each operand's strides for it. */
interface Coalesced {
  shape: number[];
  strides: number[][];
}

/**
 * Drops size-1 axes and merges an axis into the next one when every operand steps over the
 * pair as over one axis (outer stride = inner stride × inner size).
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): Coalesced {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const size = shape[axis];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    for (let k = 0; merge && k < strides.length; k++)
      merge = outStrides[k][last] === strides[k][axis] * size;
    if (merge) {
      outShape[last] *= size;
      for (let k = 0; k < strides.length; k++) outStrides[k][last] = strides[k][axis];
    } else {
      outShape.push(size);
      for (let k = 0; k < strides.length; k++) outStrides[k].push(strides[k][axis]);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/** out = f(a, b) over `shape`; every operand's strides already match `shape` (0 = broadcast). */
export function binaryLoop(
  code: Binary,
  alpha: number,
  beta: number,
  shape: readonly number[],
  out: Operand,
  a: Operand,
  b: Operand,
): void {
  const total = sizeOf(shape);
  if (total === 0) return;
  const { shape: dims, strides } = coalesce(shape, [out.strides, a.strides, b.strides]);
  const [os, as, bs] = strides;
  const ndim = dims.length;
  if (ndim === 0) {
    binaryRun(
      code,
      alpha,
      beta,
      1,
      out.data,
      out.offset,
      0,
      a.data,
      a.offset,
      0,
      b.data,
      b.offset,
      0,
    );
    return;
  }
  const inner = dims[ndim - 1];
  const index = new Array<number>(ndim).fill(0);
  let o = out.offset;
  let p = a.offset;
  let q = b.offset;
  for (let run = total / inner; run > 0; run--) {
    binaryRun(
      code,
      alpha,
      beta,
      inner,
      out.data,
      o,
      os[ndim - 1],
      a.data,
      p,
      as[ndim - 1],
      b.data,
      q,
      bs[ndim - 1],
    );
    for (let axis = ndim - 2; axis >= 0; axis--) {
      o += os[axis];
      p += as[axis];
      q += bs[axis];
      if (++index[axis] < dims[axis]) break;
      o -= os[axis] * dims[axis];
      p -= as[axis] * dims[axis];
      q -= bs[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}

/** out = f(x) over `shape`; strides already match `shape`. */
export function unaryLoop(
  code: Unary,
  low: number,
  high: number,
  shape: readonly number[],
  out: Operand,
  x: Operand,
): void {
  const total = sizeOf(shape);
  if (total === 0) return;
  const { shape: dims, strides } = coalesce(shape, [out.strides, x.strides]);
  const [os, xs] = strides;
  const ndim = dims.length;
  if (ndim === 0) {
    unaryRun(code, low, high, 1, out.data, out.offset, 0, x.data, x.offset, 0);
    return;
  }
  const inner = dims[ndim - 1];
  const index = new Array<number>(ndim).fill(0);
  let o = out.offset;
  let p = x.offset;
  for (let run = total / inner; run > 0; run--) {
    unaryRun(code, low, high, inner, out.data, o, os[ndim - 1], x.data, p, xs[ndim - 1]);
    for (let axis = ndim - 2; axis >= 0; axis--) {
      o += os[axis];
      p += xs[axis];
      if (++index[axis] < dims[axis]) break;
      o -= os[axis] * dims[axis];
      p -= xs[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}

/** out = cond ≠ 0 ? a : b over `shape` (numpy's `where`; NaN counts as true, as in numpy). */
export function whereLoop(
  shape: readonly number[],
  out: Operand,
  cond: Operand,
  a: Operand,
  b: Operand,
): void {
  const total = sizeOf(shape);
  if (total === 0) return;
  const { shape: dims, strides } = coalesce(shape, [
    out.strides,
    cond.strides,
    a.strides,
    b.strides,
  ]);
  const ndim = dims.length;
  const inner = ndim === 0 ? 1 : dims[ndim - 1];
  const last = (k: number) => (ndim === 0 ? 0 : strides[k][ndim - 1]);
  const [os, cs, as, bs] = [last(0), last(1), last(2), last(3)];
  const index = new Array<number>(ndim).fill(0);
  let o = out.offset;
  let c = cond.offset;
  let p = a.offset;
  let q = b.offset;
  for (let run = total / inner; run > 0; run--) {
    for (
      let i = 0, oi = o, ci = c, pi = p, qi = q;
      i < inner;
      i++, oi += os, ci += cs, pi += as, qi += bs
    ) {
      out.data[oi] = cond.data[ci] !== 0 ? a.data[pi] : b.data[qi];
    }
    for (let axis = ndim - 2; axis >= 0; axis--) {
      o += strides[0][axis];
      c += strides[1][axis];
      p += strides[2][axis];
      q += strides[3][axis];
      if (++index[axis] < dims[axis]) break;
      o -= strides[0][axis] * dims[axis];
      c -= strides[1][axis] * dims[axis];
      p -= strides[2][axis] * dims[axis];
      q -= strides[3][axis] * dims[axis];
      index[axis] = 0;
    }
  }
}
