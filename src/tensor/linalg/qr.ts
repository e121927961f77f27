import { type Dense, type Strided } from "../strided";
import { gemm } from "../gemm";
import { applyReflectors, blockReflector } from "./apply-reflectors";
import { makeReflector } from "./householder";
import { matrixStack, readMatrix } from "./matrix";
import { subtractProduct } from "./update";

/** numpy.linalg.qr's answer: A = Q·R. */
export interface QRResult {
  /** Orthonormal columns: [..., m, k] (reduced) or [..., m, m] (complete). */
  readonly Q: Dense;
  /** Upper triangular: [..., k, n] (reduced) or [..., m, n] (complete). */
  readonly R: Dense;
}

/**
 * A = Q·R by Householder reflections (numpy.linalg.qr). A: [m, n] or a stack [..., m, n];
 * with k = min(m, n), mode "reduced" (the default, numpy's) gives Q [m, k] with orthonormal
 * columns and R [k, n] upper triangular; "complete" gives Q [m, m] and R [m, n].
 *
 * The reflectors follow LAPACK's dgeqrf (β = −sign(x₀)·‖x‖), so the signs of R's diagonal,
 * and of Q's columns, are numpy's: Rⱼⱼ has the opposite sign of the pivot entry it replaced.
 */
export function qr(a: Strided, options: { mode?: "reduced" | "complete" } = {}): QRResult {
  const mode = options.mode ?? "reduced";
  if (mode !== "reduced" && mode !== "complete") {
    throw new RangeError(
      `linalg.qr: mode must be "reduced" or "complete", got ${JSON.stringify(mode)}`,
    );
  }
  const complete = mode === "complete";
  const stack = matrixStack("linalg.qr", a);
  const { rows: m, cols: n, count, batchShape } = stack;
  const k = Math.min(m, n);
  const qCols = complete ? m : k;
  const rRows = complete ? m : k;
  const q = new Float64Array(count * m * qCols);
  const r = new Float64Array(count * rRows * n);
  for (let index = 0; index < count; index++) {
    const at = readMatrix(stack, index, true);
    const taus = householderQR(at, m, n);
    const rBase = index * rRows * n;
    for (let i = 0; i < k; i++) {
      for (let j = i; j < n; j++) r[rBase + i * n + j] = at[j * m + i];
    }
    const basis = new Float64Array(m * qCols);
    for (let i = 0; i < qCols; i++) basis[i * qCols + i] = 1;
    applyReflectors(at, m, m, k, taus, 0, basis, qCols);
    q.set(basis, index * m * qCols);
  }
  return {
    Q: { data: q, shape: [...batchShape, m, qCols] },
    R: { data: r, shape: [...batchShape, rRows, n] },
  };
}

/** Columns per panel: the panel is factored recursively, the columns to its right by GEMM. */
const PANEL = 32;
/** Below this many columns a panel is factored column by column. */
const LEAF = 8;

/**
 * Householder QR in place on the transpose: `at` is Aᵀ, row-major n×m, so column j of A is the
 * contiguous row j of `at`. Afterwards R[i][j] = at[j·m + i] for i ≤ j, and row j of `at` holds
 * reflector j's tail after its diagonal (for `applyReflectors` with shift 0). Returns the
 * k = min(m, n) factors τⱼ.
 *
 * Blocked as LAPACK's dgeqrf: each panel of PANEL columns is factored (recursively, halves
 * updated by GEMM, down to LEAF columns done one reflector at a time), then the columns to its
 * right take the panel's reflectors at once, A₂ ← (I − V·T·Vᵀ)ᵀ·A₂, by GEMM.
 */
export function householderQR(at: Float64Array, m: number, n: number): Float64Array {
  const k = Math.min(m, n);
  const taus = new Float64Array(k);
  for (let j0 = 0; j0 < k; j0 += PANEL) {
    const panelEnd = Math.min(k, j0 + PANEL);
    factorPanel(at, m, j0, panelEnd, taus);
    reflectColumns(at, m, j0, panelEnd, taus, panelEnd, n);
  }
  return taus;
}

/** Factors columns j0 … j1 − 1 only, leaving the columns after them untouched. */
function factorPanel(
  at: Float64Array,
  m: number,
  j0: number,
  j1: number,
  taus: Float64Array,
): void {
  if (j1 - j0 <= LEAF) {
    for (let j = j0; j < j1; j++) reflectColumn(at, m, j, j1, taus);
    return;
  }
  const mid = j0 + ((j1 - j0) >> 1);
  factorPanel(at, m, j0, mid, taus);
  reflectColumns(at, m, j0, mid, taus, mid, j1);
  factorPanel(at, m, mid, j1, taus);
}

/**
 * Columns c0 … c1 − 1 ← (H_{j0}···H_{j1−1})ᵀ applied to them: with H = I − V·T·Vᵀ and the
 * columns as rows of `at`, Cᵀ −= (Cᵀ·V)·T·Vᵀ, three GEMMs.
 */
function reflectColumns(
  at: Float64Array,
  m: number,
  j0: number,
  j1: number,
  taus: Float64Array,
  c0: number,
  c1: number,
): void {
  if (c1 <= c0) return;
  const { b, first, rows, vt, t } = blockReflector(at, m, m, j0, j1 - j0, taus, 0);
  const columns = c1 - c0;
  const offset = c0 * m + first;
  const w = new Float64Array(columns * b);
  gemm(columns, b, rows, at, offset, m, 1, vt, 0, 1, rows, w, 0, b);
  const wt = new Float64Array(columns * b);
  gemm(columns, b, b, w, 0, b, 1, t, 0, b, 1, wt, 0, b);
  subtractProduct(columns, rows, b, wt, 0, b, 1, vt, 0, rows, 1, at, offset, m);
}

/** Reflector j from column j (row j of `at`), applied to columns j + 1 … end − 1. */
function reflectColumn(at: Float64Array, m: number, j: number, end: number, taus: Float64Array) {
  const reflector = j * m;
  const tau = makeReflector(at, reflector + j, m - j);
  taus[j] = tau;
  if (tau === 0) return;
  for (let c = j + 1; c < end; c++) {
    const column = c * m;
    let dot = at[column + j];
    for (let i = j + 1; i < m; i++) dot += at[reflector + i] * at[column + i];
    dot *= tau;
    if (dot === 0) continue;
    at[column + j] -= dot;
    for (let i = j + 1; i < m; i++) at[column + i] -= dot * at[reflector + i];
  }
}
