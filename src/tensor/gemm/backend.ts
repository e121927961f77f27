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
  /** The kernels for XᵀG and A·W with G, W thin (thin.ts); the WebAssembly backends have them. */
  readonly thin?: ThinKernel;
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

/**
 * Buffers and kernels of the thin products (thin.ts), XᵀG and A·W with G, W at most
 * THIN_MAX_COLUMNS wide. `wide` holds a chunk of rows of the wide operand (X or A, row-major),
 * `narrow` a chunk of rows of the thin one (G in, or the product's rows out; row stride npad, a
 * multiple of 4), `whole` what stays whole: the transposed product (XᵀG)ᵀ with row stride mpad,
 * or W with row stride npad.
 */
export interface ThinKernel {
  readonly wide: Float64Array;
  readonly narrow: Float64Array;
  readonly whole: Float64Array;
  /** whole[npad × mpad] += (wide[rows × mpad])ᵀ · narrow[rows × npad], stored transposed. */
  accumulateTransposed(rows: number, mpad: number, npad: number): void;
  /** narrow[rows × npad] = wide[rows × depth] · whole[depth × npad]; rows a multiple of 4. */
  multiplyRight(rows: number, depth: number, npad: number): void;
}

/**
 * Doubles of X per chunk of rows (128 KiB, read once per 4-column strip while in L2; 64 and
 * 256 KiB measured no better on XᵀG at 60000×784 by 60000×10).
 */
export const THIN_CHUNK_DOUBLES = 16384;
/** Most rows per chunk, which bounds the narrow buffer. */
export const THIN_MAX_ROWS = 1024;
/** Widest G (columns of the product) the thin kernel takes; wider goes through blocking. */
export const THIN_MAX_COLUMNS = 16;
/** Most columns of X (rows of the product); a chunk holds at least 4 rows of X. */
export const THIN_MAX_ROWS_OF_PRODUCT = 16384;
/** Size of the wide buffer: a chunk, or 4 rows of the widest X. */
export const THIN_WIDE_DOUBLES = Math.max(THIN_CHUNK_DOUBLES, 4 * THIN_MAX_ROWS_OF_PRODUCT);
/** Size of the narrow buffer. */
export const THIN_NARROW_DOUBLES = THIN_MAX_ROWS * THIN_MAX_COLUMNS;
/** Size of the buffer kept whole: (XᵀG)ᵀ for the widest X, or a W of up to this many doubles. */
export const THIN_WHOLE_DOUBLES = THIN_MAX_COLUMNS * THIN_MAX_ROWS_OF_PRODUCT;
