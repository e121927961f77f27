import { expect } from "vitest";
import {
  type Dense,
  type Strided,
  contiguousStrides,
  toContiguous,
} from "../../../../src/tensor/strided";

/** A C-contiguous Strided matrix (or stack) from nested rows. */
export function matrix(rows: readonly (readonly number[])[]): Strided {
  const cols = rows[0]?.length ?? 0;
  return strided(Float64Array.from(rows.flat()), [rows.length, cols]);
}

/** A C-contiguous Strided vector. */
export function vector(values: readonly number[]): Strided {
  return strided(Float64Array.from(values), [values.length]);
}

/** A C-contiguous Strided view of `data` with the given shape. */
export function strided(data: Float64Array, shape: readonly number[]): Strided {
  return { data, shape, strides: contiguousStrides(shape), offset: 0 };
}

/** The same matrix stored transposed (column-major) and read back through swapped strides. */
export function transposedStorage(rows: readonly (readonly number[])[]): Strided {
  const m = rows.length;
  const n = rows[0].length;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[j * m + i] = rows[i][j];
  return { data, shape: [m, n], strides: [1, m], offset: 0 };
}

/**
 * The same matrix as a slice of a larger buffer: every other row of a padded array, starting
 * at an offset, so both strides differ from C order.
 */
export function slicedStorage(rows: readonly (readonly number[])[]): Strided {
  const m = rows.length;
  const n = rows[0].length;
  const width = n + 3;
  const data = new Float64Array(2 * m * width + 5).fill(Number.NaN);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[5 + 2 * i * width + j] = rows[i][j];
  return { data, shape: [m, n], strides: [2 * width, 1], offset: 5 };
}

/** Nested rows of a 2-D Dense or Strided value. */
export function rowsOf(value: Dense | Strided): number[][] {
  const data = "strides" in value ? toContiguous(value) : value.data;
  const [m, n] = value.shape;
  return Array.from({ length: m }, (_, i) => Array.from(data.subarray(i * n, i * n + n)));
}

/** A·B for row-major Float64Arrays (m×k times k×n), the naive reference. */
export function multiply(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
    }
  }
  return out;
}

/** The transpose of a row-major m×n Float64Array. */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a[i * n + j];
  return out;
}

/** max |a − b| over all entries (arrays of equal length). */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** max |entry|, the scale for absolute tolerances. */
export function maxAbs(a: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]));
  return worst;
}

/** Asserts entrywise |actual − expected| ≤ tolerance·max(1, |expected|). */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance = 1e-12,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const bound = tolerance * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
      expect.fail(`entry ${i}: got ${actual[i]}, expected ${expected[i]} (±${bound})`);
    }
  }
}

/** Asserts that the columns of the row-major m×k matrix q are orthonormal to `tolerance`. */
export function expectOrthonormalColumns(
  q: Float64Array,
  m: number,
  k: number,
  tolerance: number,
): void {
  const gram = multiply(transpose(q, m, k), q, k, m, k);
  const identity = new Float64Array(k * k);
  for (let i = 0; i < k; i++) identity[i * k + i] = 1;
  expect(maxDifference(gram, identity)).toBeLessThanOrEqual(tolerance);
}

/** A deterministic standard-normal generator (mulberry32 + Box–Muller). */
export function normalGenerator(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A row-major m×n matrix of standard normals from `seed`. */
export function randomMatrix(m: number, n: number, seed: number): Float64Array {
  const next = normalGenerator(seed);
  return Float64Array.from({ length: m * n }, next);
}

/** A row-major m×n matrix of rank r (a product of random m×r and r×n factors). */
export function lowRankMatrix(m: number, n: number, r: number, seed: number): Float64Array {
  return multiply(randomMatrix(m, r, seed), randomMatrix(r, n, seed + 1), m, r, n);
}

/** A random symmetric positive-definite n×n matrix: G·Gᵀ + n·I. */
export function spdMatrix(n: number, seed: number): Float64Array {
  const g = randomMatrix(n, n, seed);
  const a = multiply(g, transpose(g, n, n), n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return a;
}

/** A random symmetric n×n matrix (entries standard normal). */
export function symmetricMatrix(n: number, seed: number): Float64Array {
  const g = randomMatrix(n, n, seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2;
  return a;
}
