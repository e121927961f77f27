import {
  THIN_CHUNK_DOUBLES,
  THIN_MAX_COLUMNS,
  THIN_MAX_ROWS,
  THIN_MAX_ROWS_OF_PRODUCT,
  THIN_WHOLE_DOUBLES,
  THIN_WIDE_DOUBLES,
  type ThinKernel,
} from "./backend";

/*
 * Products with a thin operand: XᵀG and A·W where G or W has at most THIN_MAX_COLUMNS columns —
 * a linear model's gradient over a batch and its forward pass (softmax regression: X [60000,
 * 784] with G [60000, 10]; X_B [128, 784] · W [784, 10]). Blocking would pack the wide operand
 * element by element for only n multiply-adds per element, which measured slower than the
 * arithmetic itself (packing was 60 % of XᵀG's time). Here the wide operand's rows are copied
 * whole into the kernel's memory, a memcpy when they are contiguous, and the kernels read them
 * in place.
 */

/**
 * Whether C[m×n] = A·B should run as XᵀG: A is the transpose of a matrix X whose rows are
 * contiguous (A's row stride 1, X's row stride A's column stride) and B is thin.
 */
export function prefersThinTransposed(m: number, n: number, aRowStride: number): boolean {
  return aRowStride === 1 && n <= THIN_MAX_COLUMNS && m >= 4 && m <= THIN_MAX_ROWS_OF_PRODUCT;
}

/**
 * Whether C[m×n] = A·B should run as A·W: A's rows are contiguous (column stride 1), B is thin
 * and small enough to stay whole in the kernel's memory.
 */
export function prefersThinRight(m: number, n: number, k: number, aColStride: number): boolean {
  return (
    aColStride === 1 &&
    n <= THIN_MAX_COLUMNS &&
    m >= 4 &&
    k * roundUp4(n) <= THIN_WHOLE_DOUBLES &&
    4 * k <= THIN_WIDE_DOUBLES
  );
}

/**
 * C = XᵀB (or C += XᵀB) for X [k×m] with contiguous rows at `xOffset + p·xRowStride`, B [k×n]
 * read through (bOffset, bRowStride, bColStride), C row-major at cOffset with row stride ldc.
 * Chunks of rows of X (padded to a multiple of 4 columns) and of B go into the kernel's memory,
 * the kernel accumulates the transposed product, and C is written from it at the end.
 */
export function gemmThinTransposed(
  thin: ThinKernel,
  m: number,
  n: number,
  k: number,
  x: Float64Array,
  xOffset: number,
  xRowStride: number,
  b: Float64Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
): void {
  const mpad = roundUp4(m);
  const npad = roundUp4(n);
  const chunkRows = Math.min(THIN_MAX_ROWS, Math.max(4, Math.floor(THIN_CHUNK_DOUBLES / mpad)));
  const { wide, narrow, whole } = thin;
  whole.fill(0, 0, npad * mpad);
  for (let p0 = 0; p0 < k; p0 += chunkRows) {
    const rows = Math.min(chunkRows, k - p0);
    copyRows(x, xOffset + p0 * xRowStride, xRowStride, rows, m, wide, mpad);
    copyNarrowRows(b, bOffset + p0 * bRowStride, bRowStride, bColStride, rows, n, narrow, npad);
    thin.accumulateTransposed(rows, mpad, npad);
  }
  for (let i = 0; i < m; i++) {
    const row = cOffset + i * ldc;
    if (accumulate) {
      for (let j = 0; j < n; j++) c[row + j] += whole[j * mpad + i];
    } else {
      for (let j = 0; j < n; j++) c[row + j] = whole[j * mpad + i];
    }
  }
}

/**
 * C = A·W (or C += A·W) for A [m×k] with contiguous rows at `aOffset + i·aRowStride`, W [k×n]
 * read through (bOffset, bRowStride, bColStride), C row-major at cOffset with row stride ldc.
 * W is copied whole (padded to a multiple of 4 columns); chunks of A's rows (a multiple of 4,
 * zero rows past m) are copied in turn and multiplied by it.
 */
export function gemmThinRight(
  thin: ThinKernel,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  b: Float64Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
): void {
  const npad = roundUp4(n);
  const { wide, narrow, whole } = thin;
  copyNarrowRows(b, bOffset, bRowStride, bColStride, k, n, whole, npad);
  const byWide = Math.floor(THIN_CHUNK_DOUBLES / Math.max(k, 1));
  const chunkRows = Math.max(4, Math.min(THIN_MAX_ROWS, byWide) & ~3);
  for (let i0 = 0; i0 < m; i0 += chunkRows) {
    const rows = Math.min(chunkRows, m - i0);
    const rowsPad = roundUp4(rows);
    copyRows(a, aOffset + i0 * aRowStride, aRowStride, rows, k, wide, k);
    wide.fill(0, rows * k, rowsPad * k);
    thin.multiplyRight(rowsPad, k, npad);
    for (let r = 0; r < rows; r++) {
      const row = cOffset + (i0 + r) * ldc;
      const from = r * npad;
      if (accumulate) {
        for (let j = 0; j < n; j++) c[row + j] += narrow[from + j];
      } else {
        for (let j = 0; j < n; j++) c[row + j] = narrow[from + j];
      }
    }
  }
}

/**
 * Copies `rows` rows of `length` contiguous values (row r at `start + r·stride`) into `dest`
 * with row stride `destStride` ≥ length, zeroing the padding: one memcpy when nothing needs
 * padding and the rows are back to back.
 */
function copyRows(
  src: Float64Array,
  start: number,
  stride: number,
  rows: number,
  length: number,
  dest: Float64Array,
  destStride: number,
): void {
  if (destStride === length && stride === length) {
    dest.set(src.subarray(start, start + rows * length));
    return;
  }
  for (let r = 0; r < rows; r++) {
    const from = start + r * stride;
    dest.set(src.subarray(from, from + length), r * destStride);
    dest.fill(0, r * destStride + length, (r + 1) * destStride);
  }
}

/** Copies `rows` rows of a thin strided matrix into `dest` with row stride npad, zero-padded. */
function copyNarrowRows(
  src: Float64Array,
  start: number,
  rowStride: number,
  colStride: number,
  rows: number,
  n: number,
  dest: Float64Array,
  npad: number,
): void {
  for (let r = 0; r < rows; r++) {
    let from = start + r * rowStride;
    const to = r * npad;
    for (let j = 0; j < n; j++, from += colStride) dest[to + j] = src[from];
    for (let j = n; j < npad; j++) dest[to + j] = 0;
  }
}

function roundUp4(size: number): number {
  return (size + 3) & ~3;
}
