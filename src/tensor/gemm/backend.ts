/**
 * The contract between the blocked GEMM driver (blocked.ts) and a macro-kernel implementation
 * (plain JS in backend-js.ts, WebAssembly SIMD in backend-wasm.ts).
 *
 * The driver has the backend pack blocks of A and B into its buffers (packing absorbs strides
 * and transposes, so every kernel reads unit-stride memory in the layout its micro-kernel
 * wants), multiply them into its tile, and then moves the tile into C. Block sizes are fixed, so
 * the buffers never move.
 */
export interface GemmBackend {
  /** Shown by the benchmark: "js", "wasm-simd" or "wasm-relaxed-simd". */
  readonly name: string;
  /** Row-major product tile, BLOCK_ROWS × BLOCK_COLS with row stride BLOCK_COLS. */
  readonly tile: Float64Array;
  /**
   * Packs rows × depth of A (element (i, p) at `src[offset + i·rowStride + p·colStride]`,
   * rows ≤ BLOCK_ROWS, depth ≤ BLOCK_DEPTH) for the next `macro`.
   */
  packA(
    src: Float64Array,
    offset: number,
    rowStride: number,
    colStride: number,
    rows: number,
    depth: number,
  ): void;
  /**
   * Packs depth × cols of B (element (p, j) at `src[offset + p·rowStride + j·colStride]`,
   * depth ≤ BLOCK_DEPTH, cols ≤ BLOCK_COLS) for the next `macro` calls.
   */
  packB(
    src: Float64Array,
    offset: number,
    rowStride: number,
    colStride: number,
    depth: number,
    cols: number,
  ): void;
  /**
   * tile[0:mc, 0:nc] = A[mc × kc] · B[kc × nc] from the packed blocks, computed in whole 4 × 4
   * micro-tiles (so the tile gets up to 3 padding rows and columns past mc and nc). With
   * `upperOnly`, micro-tiles strictly below the diagonal of the full product are skipped;
   * `rowShift` is this block's first row minus its first column in that product. With
   * `aFromB`, A's rows are B's columns from `rowShift` on (the Gram kernel, A = Bᵀ: rowShift
   * ≥ 0 and a multiple of 4) and are read from packed B, since both pack to the same layout.
   */
  macro(
    mc: number,
    nc: number,
    kc: number,
    rowShift: number,
    upperOnly: boolean,
    aFromB: boolean,
  ): void;
}

/** Rows of A per packed block: BLOCK_ROWS × BLOCK_DEPTH doubles (512 KiB) stay in L2. */
export const BLOCK_ROWS = 128;
/** Depth (shared dimension) per packed block: one B micro-panel (16 KiB) stays in L1. */
export const BLOCK_DEPTH = 512;
/** Columns of B per packed block (4 MiB, streamed from L3 once per row block). */
export const BLOCK_COLS = 1024;
