import type { Strided } from "../strided";
import { Binary, Unary } from "./codes";
import { BINARY_RUNNERS as B, UNARY_RUNNERS as U } from "./runners";
import { coalesce, runs } from "../walk";
import { type Repeat, WASM_RUN_MIN, wasmBinary, wasmBroadcast, wasmUnary } from "./wasm-kernels";

/*
 * The loops behind every elementwise op, in-place op and copy. An op is an integer code
 * (codes.ts); a run is a stretch of elements along one axis. A long run over contiguous data
 * (or one contiguous operand and a scalar) is computed in WebAssembly (wasm-kernels.ts); any
 * other by the op's JavaScript runner (runners.ts), which the `switch`es below pick with one call
 * per op (see runners.ts for why). An N-d loop is runs handed out by the walker (walk.ts), which
 * merges the axes every operand walks as one first, so contiguous data (even when broadcast
 * along leading axes) becomes one long run.
 */

/**
 * One run of a binary op along `n` elements with the given strides. Strided loops index as
 * `o + i·os` (measured about twice as fast in V8 as bumping pointers). A run with a scalar
 * operand (stride 0) goes through the unit-stride loop against a block of copies of it.
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
  const wasm =
    os === 1 && n >= WASM_RUN_MIN && (as === 1 || as === 0) && (bs === 1 || (bs === 0 && as === 1));
  if (wasm && wasmBinary(code, alpha, beta, n, out, o, a, p, as, b, q, bs)) return;
  if (os === 1 && n >= SCALAR_RUN_MIN) {
    if (as === 1 && bs === 0) {
      scalarRun(code, alpha, beta, n, out, o, a, p, b[q], false);
      return;
    }
    if (as === 0 && bs === 1) {
      scalarRun(code, alpha, beta, n, out, o, b, q, a[p], true);
      return;
    }
  }
  // prettier-ignore
  switch (code) {
    case Binary.Add: return B[Binary.Add](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Sub: return B[Binary.Sub](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Mul: return B[Binary.Mul](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Div: return B[Binary.Div](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Pow: return B[Binary.Pow](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Maximum: return B[Binary.Maximum](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Minimum: return B[Binary.Minimum](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Equal: return B[Binary.Equal](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.NotEqual: return B[Binary.NotEqual](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Less: return B[Binary.Less](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.LessEqual: return B[Binary.LessEqual](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Greater: return B[Binary.Greater](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.GreaterEqual: return B[Binary.GreaterEqual](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.Axpy: return B[Binary.Axpy](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
    case Binary.IsClose: return B[Binary.IsClose](alpha, beta, n, out, o, os, a, p, as, b, q, bs);
  }
}

/** Runs shorter than this go to the strided loop even with a scalar operand (no block copy). */
const SCALAR_RUN_MIN = 32;

/** Copies of the scalar operand of a run (see `scalarRun`). */
const SCALAR_BLOCK = 1024;
const scalarBlock = new Float64Array(SCALAR_BLOCK);

/**
 * out[o + i] = f(a[p + i], value) (or f(value, a[p + i]) when `scalarFirst`) for i < n: the
 * run of `x.mul(0.5)` or `gb.greater(x, 0)`. The value is copied into a small block once and
 * the run goes through the op's unit-stride loop a block at a time, so every op has a fast
 * scalar form without a third loop. A power with exponent 2 or −1 is exactly x·x or 1/x in V8
 * (its pow special-cases them, as fdlibm's does) and runs as such.
 */
function scalarRun(
  code: Binary,
  alpha: number,
  beta: number,
  n: number,
  out: Float64Array,
  o: number,
  a: Float64Array,
  p: number,
  value: number,
  scalarFirst: boolean,
): void {
  if (code === Binary.Pow && !scalarFirst && value === 2) {
    binaryRun(Binary.Mul, 0, 0, n, out, o, 1, a, p, 1, a, p, 1);
    return;
  }
  if (code === Binary.Pow && !scalarFirst && value === -1) {
    scalarRun(Binary.Div, 0, 0, n, out, o, a, p, 1, true);
    return;
  }
  scalarBlock.fill(value, 0, Math.min(n, SCALAR_BLOCK));
  for (let start = 0; start < n; start += SCALAR_BLOCK) {
    const length = Math.min(SCALAR_BLOCK, n - start);
    if (scalarFirst)
      binaryRun(code, alpha, beta, length, out, o + start, 1, scalarBlock, 0, 1, a, p + start, 1);
    else
      binaryRun(code, alpha, beta, length, out, o + start, 1, a, p + start, 1, scalarBlock, 0, 1);
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
  if (os === 1 && xs === 1 && n >= WASM_RUN_MIN) {
    // A long copy is a memcpy; below WASM_RUN_MIN the view `subarray` builds costs too much.
    if (code === Unary.Copy) {
      out.set(x.subarray(p, p + n), o);
      return;
    }
    if (wasmUnary(code, low, high, n, out, o, x, p)) return;
  }
  // prettier-ignore
  switch (code) {
    case Unary.Copy: return U[Unary.Copy](low, high, n, out, o, os, x, p, xs);
    case Unary.Neg: return U[Unary.Neg](low, high, n, out, o, os, x, p, xs);
    case Unary.Exp: return U[Unary.Exp](low, high, n, out, o, os, x, p, xs);
    case Unary.Log: return U[Unary.Log](low, high, n, out, o, os, x, p, xs);
    case Unary.Sqrt: return U[Unary.Sqrt](low, high, n, out, o, os, x, p, xs);
    case Unary.Abs: return U[Unary.Abs](low, high, n, out, o, os, x, p, xs);
    case Unary.Tanh: return U[Unary.Tanh](low, high, n, out, o, os, x, p, xs);
    case Unary.Sign: return U[Unary.Sign](low, high, n, out, o, os, x, p, xs);
    case Unary.Clip: return U[Unary.Clip](low, high, n, out, o, os, x, p, xs);
    case Unary.Scale: return U[Unary.Scale](low, high, n, out, o, os, x, p, xs);
    case Unary.Sigmoid: return U[Unary.Sigmoid](low, high, n, out, o, os, x, p, xs);
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
  if (broadcastRun(code, alpha, beta, out, a, b)) return;
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

/**
 * The broadcasts of the lessons as one call into WebAssembly (wasmBroadcast): a contiguous
 * [rows, width] result of a contiguous operand and one that repeats a row (`X + b`) or a value
 * per row (`X − m` with m of shape [rows, 1]), on either side. Their runs are too short to go
 * through `binaryRun` one by one at WebAssembly's speed. False when the layout is another.
 */
function broadcastRun(
  code: Binary,
  alpha: number,
  beta: number,
  out: Strided,
  a: Strided,
  b: Strided,
): boolean {
  const merged = coalesce(out.shape, [out.strides, a.strides, b.strides]);
  if (merged.shape.length !== 2) return false;
  const [rows, width] = merged.shape;
  if (rows * width < WASM_RUN_MIN) return false;
  const [os, as, bs] = merged.strides;
  const dense = (s: readonly number[]) => s[0] === width && s[1] === 1;
  if (!dense(os)) return false;
  const pattern = (s: readonly number[]): Repeat | null =>
    s[0] === 0 && s[1] === 1 ? "row" : s[0] === 1 && s[1] === 0 ? "column" : null;
  const [full, repeated, bFirst] = dense(as) ? [a, b, false] : dense(bs) ? [b, a, true] : [];
  if (full === undefined || repeated === undefined) return false;
  const repeat = pattern(bFirst ? as : bs);
  if (repeat === null) return false;
  // prettier-ignore
  return wasmBroadcast(code, alpha, beta, rows, width, repeat, bFirst ?? false, out.data, out.offset, full.data, full.offset, repeated.data, repeated.offset);
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
  const dense = os === 1 && cs === 1 && as === 1 && bs === 1;
  const at = outer.at;
  for (let run = 0; run < outer.count; run++, outer.next()) {
    if (dense) whereDense(length, out.data, at[0], cond.data, at[1], a.data, at[2], b.data, at[3]);
    else {
      const [o, c, p, q] = at;
      for (let i = 0; i < length; i++)
        out.data[o + i * os] =
          cond.data[c + i * cs] !== 0 ? a.data[p + i * as] : b.data[q + i * bs];
    }
  }
}

function whereDense(
  n: number,
  out: Float64Array,
  o: number,
  cond: Float64Array,
  c: number,
  a: Float64Array,
  p: number,
  b: Float64Array,
  q: number,
): void {
  for (let i = 0; i < n; i++) out[o + i] = cond[c + i] !== 0 ? a[p + i] : b[q + i];
}
