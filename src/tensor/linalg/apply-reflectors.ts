import { gemm } from "../gemm";
import { subtractProduct } from "./update";

/** Reflectors per block: each block is one I − V·T·Vᵀ applied with GEMMs. */
const BLOCK = 64;

/**
 * The compact WY form H_{j0}···H_{j0+b−1} = I − V·T·Vᵀ of b consecutive reflectors.
 * V is nonzero only from index `first` = j0 + shift on, so it is kept as Vᵀ restricted to
 * those `rows` indices: `vt`, row-major b × rows, unit-stride along each reflector.
 */
export interface BlockReflector {
  readonly b: number;
  readonly first: number;
  readonly rows: number;
  readonly vt: Float64Array;
  /** Upper triangular, row-major b × b. */
  readonly t: Float64Array;
}

/**
 * Gathers reflectors j0 … j0 + b − 1 into compact WY form. Reflector j is zero before index
 * j + shift, 1 there, and its tail is stored in row j of `store` (row length `ld`) at columns
 * j + shift + 1 … m − 1 — the layout householderQR, tridiagonalize and bidiagonalize leave.
 * T follows LAPACK's dlarft (forward, columnwise): T[i][i] = τᵢ,
 * T[0:i, i] = −τᵢ·T[0:i, 0:i]·(V[:, 0:i]ᵀ·vᵢ).
 */
export function blockReflector(
  store: Float64Array,
  ld: number,
  m: number,
  j0: number,
  b: number,
  taus: Float64Array,
  shift: number,
): BlockReflector {
  const first = j0 + shift;
  const rows = Math.max(m - first, 0);
  const vt = new Float64Array(b * rows);
  for (let i = 0; i < b; i++) {
    if (i >= rows) continue;
    const row = i * rows;
    vt[row + i] = 1;
    const tail = (j0 + i) * ld + first;
    for (let r = i + 1; r < rows; r++) vt[row + r] = store[tail + r];
  }
  // VᵀV by GEMM: its strict upper triangle holds every dot product dlarft needs.
  const gram = new Float64Array(b * b);
  gemm(b, b, rows, vt, 0, rows, 1, vt, 0, 1, rows, gram, 0, b);
  const t = new Float64Array(b * b);
  for (let i = 0; i < b; i++) {
    const tau = taus[j0 + i];
    t[i * b + i] = tau;
    if (tau === 0) continue;
    for (let p = 0; p < i; p++) {
      let sum = 0;
      for (let q = p; q < i; q++) sum += t[p * b + q] * gram[q * b + i];
      t[p * b + i] = -tau * sum;
    }
  }
  return { b, first, rows, vt, t };
}

/**
 * C ← Q·C with Q = H₀·H₁···H_{count−1}, or C ← Qᵀ·C when `transposed`, for the row-major
 * m×cols matrix `c`, the reflectors stored as for `blockReflector`. Blocks are applied in the
 * order the product needs (last first for Q, first first for Qᵀ), each as
 * C −= V·(T·(Vᵀ·C)) (Tᵀ for Qᵀ): three GEMMs, the middle one small. Forms Q (from C = I),
 * carries eigenvectors and singular vectors back, or applies Qᵀ to a right-hand side.
 */
export function applyReflectors(
  store: Float64Array,
  ld: number,
  m: number,
  count: number,
  taus: Float64Array,
  shift: number,
  c: Float64Array,
  cols: number,
  transposed = false,
): void {
  const blocks = Math.ceil(count / BLOCK);
  for (let step = 0; step < blocks; step++) {
    const block = transposed ? step : blocks - 1 - step;
    const j0 = block * BLOCK;
    const { b, first, rows, vt, t } = blockReflector(store, ld, m, j0, Math.min(BLOCK, count - j0), taus, shift); // prettier-ignore
    if (rows === 0) continue;
    const w = new Float64Array(b * cols);
    gemm(b, cols, rows, vt, 0, rows, 1, c, first * cols, cols, 1, w, 0, cols);
    const tw = new Float64Array(b * cols);
    if (transposed) gemm(b, cols, b, t, 0, 1, b, w, 0, cols, 1, tw, 0, cols);
    else gemm(b, cols, b, t, 0, b, 1, w, 0, cols, 1, tw, 0, cols);
    subtractProduct(rows, cols, b, vt, 0, 1, rows, tw, 0, cols, 1, c, first * cols, cols);
  }
}
