import { WASM_RUN_MIN, wasmAccumulateRows, wasmSum } from "./elementwise/wasm-kernels";
import { sizeOf, type Strided } from "./strided";
import { coalesce, runs } from "./walk";

/** Reduction codes: how each input element is folded into its output element. */
export enum Reduce {
  Sum,
  Prod,
  Max,
  Min,
  /** out += (x − aux)², with aux laid out like out (the mean, for var/std). */
  SquaredDeviation,
}

/** Runs at most this long are summed directly; longer ones are split in halves (pairwise summation). */
const PAIRWISE_BLOCK = 128;

/**
 * Folds x into out, which is laid over x's shape with stride 0 along the reduced axes. The input
 * is walked in its memory order (axes sorted by stride), so column sums of a row-major matrix
 * stream through memory and add rows into the output, while row sums accumulate in a register.
 */
export function reduceLoop(code: Reduce, out: Strided, x: Strided, aux?: Float64Array): void {
  const shape = x.shape;
  const total = sizeOf(shape);
  if (total === 0) return;
  const side = aux ?? out.data;
  if (foldsWhole(shape, out.strides, x.strides)) {
    reduceRun(code, total, out.data, out.offset, 0, x.data, x.offset, 1, side);
    return;
  }
  const [loopShape, loopStrides] = memoryOrder(shape, out.strides, x.strides);
  if (code === Reduce.Sum && sumRows(loopShape, loopStrides, out, x)) return;
  const { length, steps, outer } = runs(loopShape, loopStrides, [out.offset, x.offset]);
  const [os, xs] = steps;
  const at = outer.at;
  for (let i = 0; i < outer.count; i++, outer.next()) {
    reduceRun(code, length, out.data, at[0], os, x.data, at[1], xs, side);
  }
}

/**
 * Column sums of a contiguous block, sum(X, 0) (rows added into out in order), in WebAssembly:
 * 100-element runs one by one took 26 ms for X of [100000, 100] against numpy's 3.3 ms. False
 * when the loop is another shape.
 */
function sumRows(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  out: Strided,
  x: Strided,
): boolean {
  const merged = coalesce(shape, strides);
  if (merged.shape.length !== 2) return false;
  const [rows, width] = merged.shape;
  const [os, xs] = merged.strides;
  if (os[0] !== 0 || os[1] !== 1 || xs[0] !== width || xs[1] !== 1) return false;
  if (rows * width < WASM_RUN_MIN) return false;
  return wasmAccumulateRows(rows, width, out.data, out.offset, x.data, x.offset);
}

/** True when every element goes into one output and x is C-contiguous: a single run. */
function foldsWhole(
  shape: readonly number[],
  outStrides: readonly number[],
  xStrides: readonly number[],
): boolean {
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] === 1) continue;
    if (outStrides[axis] !== 0 || xStrides[axis] !== step) return false;
    step *= shape[axis];
  }
  return true;
}

/**
 * The loop's shape and strides with axes sorted by decreasing |input stride|, so the walk
 * follows memory; the common already-ordered case passes through without allocating.
 */
function memoryOrder(
  shape: readonly number[],
  outStrides: readonly number[],
  xStrides: readonly number[],
): [readonly number[], (readonly number[])[]] {
  let ordered = true;
  for (let axis = 1; axis < shape.length && ordered; axis++) {
    ordered = Math.abs(xStrides[axis - 1]) >= Math.abs(xStrides[axis]);
  }
  if (ordered) return [shape, [outStrides, xStrides]];
  const order = shape
    .map((_, axis) => axis)
    .sort((a, b) => Math.abs(xStrides[b]) - Math.abs(xStrides[a]));
  const pick = (values: readonly number[]) => order.map((axis) => values[axis]);
  return [pick(shape), [pick(outStrides), pick(xStrides)]];
}

/** One run: n input elements folded into out[o], out[o + os], … (os = 0: all into one). */
function reduceRun(
  code: Reduce,
  n: number,
  out: Float64Array,
  o: number,
  os: number,
  x: Float64Array,
  p: number,
  xs: number,
  aux: Float64Array,
): void {
  switch (code) {
    case Reduce.Sum:
      if (os === 0) out[o] += pairwiseSum(x, p, xs, n);
      else for (let i = 0; i < n; i++, o += os, p += xs) out[o] += x[p];
      return;
    case Reduce.Prod:
      if (os === 0) {
        let product = out[o];
        for (let i = 0; i < n; i++, p += xs) product *= x[p];
        out[o] = product;
      } else for (let i = 0; i < n; i++, o += os, p += xs) out[o] *= x[p];
      return;
    case Reduce.Max:
      // `v !== v` lets a NaN in and nothing gets past it afterwards (comparisons with NaN fail).
      for (let i = 0; i < n; i++, o += os, p += xs) {
        const v = x[p];
        if (v > out[o] || v !== v) out[o] = v;
      }
      return;
    case Reduce.Min:
      for (let i = 0; i < n; i++, o += os, p += xs) {
        const v = x[p];
        if (v < out[o] || v !== v) out[o] = v;
      }
      return;
    case Reduce.SquaredDeviation:
      for (let i = 0; i < n; i++, o += os, p += xs) {
        const d = x[p] - aux[o];
        out[o] += d * d;
      }
      return;
  }
}

/**
 * Σ of n strided values with O(log n) rounding error growth (numpy sums the same way). A long
 * contiguous run is summed in WebAssembly, in the same order.
 */
function pairwiseSum(x: Float64Array, p: number, xs: number, n: number): number {
  if (xs === 1 && n >= WASM_RUN_MIN) {
    const sum = wasmSum(x, p, n);
    if (sum !== null) return sum;
  }
  if (n <= PAIRWISE_BLOCK) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4, p += 4 * xs) {
      s0 += x[p];
      s1 += x[p + xs];
      s2 += x[p + 2 * xs];
      s3 += x[p + 3 * xs];
    }
    for (; i < n; i++, p += xs) s0 += x[p];
    return s0 + s1 + (s2 + s3);
  }
  const half = n >> 1;
  return pairwiseSum(x, p, xs, half) + pairwiseSum(x, p + half * xs, xs, n - half);
}
