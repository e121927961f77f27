import { BLOCK_COLS, BLOCK_DEPTH, BLOCK_ROWS, type GemmBackend } from "./backend";

/**
 * Cache-blocked GEMM in the GotoBLAS/BLIS loop order, on any backend:
 *
 *   C[m×n] = A[m×k]·B[k×n]   or, with `accumulate`, C += A·B,
 *
 * A and B read through (offset, rowStride, colStride), C row-major at cOffset with row stride
 * ldc. For each BLOCK_COLS-wide column block and BLOCK_DEPTH-deep slice of k, B's block is packed
 * once; for each BLOCK_ROWS-tall row block, A's block is packed, multiplied into the tile, and the
 * tile is stored (first slice) or added (later slices) into C.
 */
export function gemmBlocked(
  backend: GemmBackend,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (k === 0 && !accumulate) {
    for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  }
  // prettier-ignore
  blockedProduct(backend, m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate, false);
}

/**
 * The upper triangle (row ≤ column) of C[n×n] = XᵀX for X[m×n] read through (xOffset,
 * xRowStride, xColStride): the blocked product of Xᵀ and X that skips every block and micro-tile
 * below the diagonal, and reads Xᵀ's panels from X's packed block where they overlap (both
 * pack to the same layout), so Xᵀ is packed only left of the diagonal block. Entries below the
 * diagonal are left as they were.
 */
export function gramBlocked(
  backend: GemmBackend,
  m: number,
  n: number,
  x: Float64Array,
  xOffset: number,
  xRowStride: number,
  xColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
): void {
  if (m === 0) {
    for (let i = 0; i < n; i++) c.fill(0, cOffset + i * ldc + i, cOffset + i * ldc + n);
  }
  // prettier-ignore
  blockedProduct(backend, n, n, m, x, xOffset, xColStride, xRowStride, x, xOffset, xRowStride, xColStride, c, cOffset, ldc, false, true);
}

/** The shared loop nest; `gram` means A = Bᵀ (same storage) and only row ≤ column is wanted. */
function blockedProduct(
  backend: GemmBackend,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
  gram: boolean,
): void {
  const tile = backend.tile;
  for (let jc = 0; jc < n; jc += BLOCK_COLS) {
    const nc = Math.min(BLOCK_COLS, n - jc);
    // Rows at or past the block's last column lie wholly below the diagonal.
    const rowEnd = gram ? Math.min(m, jc + nc) : m;
    for (let pc = 0; pc < k; pc += BLOCK_DEPTH) {
      const kc = Math.min(BLOCK_DEPTH, k - pc);
      backend.packB(b, bOffset + pc * bRowStride + jc * bColStride, bRowStride, bColStride, kc, nc);
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < rowEnd; ic += BLOCK_ROWS) {
        const mc = Math.min(BLOCK_ROWS, rowEnd - ic);
        // Gram: rows ic.. of Xᵀ are columns ic.. of X, packed already when in this block.
        const aFromB = gram && ic >= jc;
        if (!aFromB) {
          backend.packA(
            a,
            aOffset + ic * aRowStride + pc * aColStride,
            aRowStride,
            aColStride,
            mc,
            kc,
          );
        }
        backend.macro(mc, nc, kc, ic - jc, gram, aFromB);
        const firstColumn = gram ? ic - jc : Number.NEGATIVE_INFINITY;
        storeTile(tile, mc, nc, c, cOffset + ic * ldc + jc, ldc, add, firstColumn);
      }
    }
  }
}

/**
 * Moves the tile's mc × nc product into C (assign or add). Row i starts at column
 * max(0, firstColumn + i), which keeps the Gram kernel to the upper triangle.
 */
function storeTile(
  tile: Float64Array,
  mc: number,
  nc: number,
  c: Float64Array,
  cStart: number,
  ldc: number,
  add: boolean,
  firstColumn: number,
): void {
  for (let i = 0; i < mc; i++) {
    const from = Math.max(0, firstColumn + i);
    const t = i * BLOCK_COLS;
    const row = cStart + i * ldc;
    if (add) {
      for (let j = from; j < nc; j++) c[row + j] += tile[t + j];
    } else {
      for (let j = from; j < nc; j++) c[row + j] = tile[t + j];
    }
  }
}
