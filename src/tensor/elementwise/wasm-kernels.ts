import { Binary, Unary } from "./codes";
import { ELEMENTWISE_SIMD_BASE64 } from "./wasm/kernels-binary.generated";

/*
 * Long unit-stride runs of the elementwise ops in WebAssembly SIMD (wasm/kernels.as), with the
 * same bits as the JavaScript loops (runners.ts), exp, log and tanh included. A chunk of each
 * operand is copied into the module's memory, the kernel writes the result over the first one,
 * and the result is copied out; the copies are memcpy and the chunk stays in the L1 cache.
 *
 * Why: V8's optimized code for a typed-array loop checks each array's map, length and data
 * pointer again at every element (the loop's interrupt check stops it from hoisting them), about
 * 45 instructions for `out[o + i] = a[p + i] * s`, and calls fdlibm for every Math.exp. Measured
 * on 1e6 values (process CPU time, this project's 2-core machines under load): x·0.5 1.65 ms in
 * JavaScript, 0.65 ms here; x + y 2.4 → 1.2 ms; exp 9.6 → 5.8 ms and log 8.6 → 8.2 ms with both cores busy
 * (numpy with AVX-512: 0.4, 0.6, 0.8 ms for the first three).
 */

/**
 * Shorter runs stay in JavaScript. Each call builds a view per operand for its copies; on the
 * 100-element runs of `[100000, 100] + [100]` those views were 20 MB of garbage per op, and the
 * collections they caused cost more than the loops saved.
 */
export const WASM_RUN_MIN = 512;

const PAGE_BYTES = 65536;

// lib "ES2022" and @types/node declare no WebAssembly namespace: type the part used here.
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly CHUNK: { readonly value: number };
  readonly BUFFER_A: { readonly value: number };
  readonly BUFFER_B: { readonly value: number };
  binary(code: number, n: number, mode: number, s: number, alpha: number, beta: number): number;
  broadcast(
    code: number,
    rows: number,
    width: number,
    mode: number,
    alpha: number,
    beta: number,
  ): number;
  unary(code: number, n: number, low: number, high: number): number;
  sum(n: number): number;
  accumulateRows(rows: number, width: number): void;
}

/** How `binary` and `broadcast` read their second operand (kernels.as). */
const BOTH = 0;
const SCALAR_RIGHT = 1;
const SCALAR_LEFT = 2;
const ROWS_RIGHT = 3;
const ROWS_LEFT = 4;
const COLUMNS_RIGHT = 5;
const COLUMNS_LEFT = 6;

/** How a broadcast operand repeats over a [rows, width] result (see `wasmBroadcast`). */
export type Repeat = "row" | "column";

interface Kernels {
  readonly chunk: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly exports: KernelExports;
}

let kernels: Kernels | null | undefined;

/** Instantiates the module, or null when this runtime has no WebAssembly SIMD. */
function load(): Kernels | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  const bytes = new Uint8Array(Buffer.from(ELEMENTWISE_SIMD_BASE64, "base64"));
  if (!wasm.validate(bytes)) return null;
  const host = { exp: Math.exp, log: Math.log, tanh: Math.tanh };
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: host });
  const exports = instance.exports as KernelExports;
  const chunk = exports.CHUNK.value;
  const end = exports.BUFFER_B.value + chunk * Float64Array.BYTES_PER_ELEMENT;
  const missing = Math.ceil(end / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
  if (missing > 0) exports.memory.grow(missing);
  const buffer = exports.memory.buffer;
  return {
    chunk,
    a: new Float64Array(buffer, exports.BUFFER_A.value, chunk),
    b: new Float64Array(buffer, exports.BUFFER_B.value, chunk),
    exports,
  };
}

function ready(): Kernels | null {
  if (kernels === undefined) kernels = load();
  return kernels;
}

/**
 * out[o + i] = f(a[p + i·as], b[q + i·bs]) for i < n, where each of `as`, `bs` is 1 or 0 (a
 * scalar), not both 0. Returns false, having done nothing, for an op the module lacks (pow) or
 * a runtime without WebAssembly SIMD. `out` may be `a` or `b` at the same offset.
 */
export function wasmBinary(
  code: Binary,
  alpha: number,
  beta: number,
  n: number,
  out: Float64Array,
  o: number,
  a: Float64Array,
  p: number,
  as: number,
  b: Float64Array,
  q: number,
  bs: number,
): boolean {
  const k = ready();
  if (k === null || code === Binary.Pow) return false;
  const mode = as === 0 ? SCALAR_LEFT : bs === 0 ? SCALAR_RIGHT : BOTH;
  // The array operand goes to A; a scalar is passed by value.
  const array = as === 0 ? b : a;
  const offset = as === 0 ? q : p;
  const scalar = as === 0 ? a[p] : bs === 0 ? b[q] : 0;
  for (let start = 0; start < n; start += k.chunk) {
    const length = Math.min(k.chunk, n - start);
    k.a.set(array.subarray(offset + start, offset + start + length));
    if (mode === BOTH) k.b.set(b.subarray(q + start, q + start + length));
    k.exports.binary(code, length, mode, scalar, alpha, beta);
    out.set(length === k.chunk ? k.a : k.a.subarray(0, length), o + start);
  }
  return true;
}

/**
 * out[o + i] = f(a[p + i]) for i < n (exp, log and tanh as V8's Math functions give them).
 * Returns false, having done nothing, for Copy (a plain `set` is faster) or a runtime without
 * WebAssembly SIMD.
 */
export function wasmUnary(
  code: Unary,
  low: number,
  high: number,
  n: number,
  out: Float64Array,
  o: number,
  a: Float64Array,
  p: number,
): boolean {
  const k = ready();
  if (k === null || code === Unary.Copy) return false;
  for (let start = 0; start < n; start += k.chunk) {
    const length = Math.min(k.chunk, n - start);
    k.a.set(a.subarray(p + start, p + start + length));
    k.exports.unary(code, length, low, high);
    out.set(length === k.chunk ? k.a : k.a.subarray(0, length), o + start);
  }
  return true;
}

/**
 * out[r, j] = f(a[r, j], b[j]) (`repeat` "row": b is one row repeated down the rows) or
 * f(a[r, j], b[r]) ("column": one value per row, repeated along it) over a contiguous
 * [rows, width] result, with `a` contiguous from p and b's values contiguous from q; `bFirst`
 * computes f(b, a) instead. The op of `[100000, 100] + [100]` and `X − mean(X, 1, true)`,
 * whose 100-element runs are too short for `wasmBinary`. False, having done nothing, for pow,
 * rows wider than a chunk, or a runtime without WebAssembly SIMD.
 */
export function wasmBroadcast(
  code: Binary,
  alpha: number,
  beta: number,
  rows: number,
  width: number,
  repeat: Repeat,
  bFirst: boolean,
  out: Float64Array,
  o: number,
  a: Float64Array,
  p: number,
  b: Float64Array,
  q: number,
): boolean {
  const k = ready();
  if (k === null || code === Binary.Pow || width > k.chunk || width === 0) return false;
  const mode =
    repeat === "row" ? (bFirst ? ROWS_LEFT : ROWS_RIGHT) : bFirst ? COLUMNS_LEFT : COLUMNS_RIGHT;
  const rowsPerChunk = Math.floor(k.chunk / width);
  if (repeat === "row") k.b.set(b.subarray(q, q + width));
  for (let r = 0; r < rows; r += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rows - r);
    const length = count * width;
    k.a.set(a.subarray(p + r * width, p + r * width + length));
    if (repeat === "column") k.b.set(b.subarray(q + r, q + r + count));
    k.exports.broadcast(code, count, width, mode, alpha, beta);
    out.set(k.a.subarray(0, length), o + r * width);
  }
  return true;
}

/**
 * The pairwise sum of x[p : p + n] (the `pairwiseSum` of reduce-loops.ts, with the same halves
 * and the same four running sums, so the same bits), or null when there is no WebAssembly SIMD
 * (the caller then sums in JavaScript).
 */
export function wasmSum(x: Float64Array, p: number, n: number): number | null {
  const k = ready();
  if (k === null) return null;
  return sumChunks(k, x, p, n);
}

function sumChunks(k: Kernels, x: Float64Array, p: number, n: number): number {
  if (n > k.chunk) {
    const half = n >> 1;
    return sumChunks(k, x, p, half) + sumChunks(k, x, p + half, n - half);
  }
  k.a.set(x.subarray(p, p + n));
  return k.exports.sum(n);
}

/**
 * out[o + j] += Σᵣ x[p + r·width + j] over the rows r < rows in order: the column sums of a
 * contiguous [rows, width] block added into contiguous `out` (sum(X, 0)). False, having done
 * nothing, for rows wider than a chunk or a runtime without WebAssembly SIMD.
 */
export function wasmAccumulateRows(
  rows: number,
  width: number,
  out: Float64Array,
  o: number,
  x: Float64Array,
  p: number,
): boolean {
  const k = ready();
  if (k === null || width > k.chunk || width === 0) return false;
  const rowsPerChunk = Math.floor(k.chunk / width);
  k.b.set(out.subarray(o, o + width));
  for (let r = 0; r < rows; r += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rows - r);
    k.a.set(x.subarray(p + r * width, p + (r + count) * width));
    k.exports.accumulateRows(count, width);
  }
  out.set(k.b.subarray(0, width), o);
  return true;
}
