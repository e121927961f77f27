import { subtractProduct } from "./update";

/** P·A = L·U of a square matrix, as LAPACK's dgetrf leaves it (0-based pivots). */
export interface LUFactors {
  /** Row-major n×n: L strictly below the diagonal (its unit diagonal implied), U on and above. */
  readonly lu: Float64Array;
  readonly n: number;
  /** At step k, row k was swapped with row `pivots[k]` (≥ k). */
  readonly pivots: Int32Array;
  /** The sign of the permutation P: +1 or −1. */
  readonly permutationSign: number;
  /** The first step whose pivot was exactly 0 (A is singular), or −1. */
  readonly zeroPivot: number;
}

/** Columns per panel: the panel (n × 32 doubles) stays in L2 while the trailing update is GEMM. */
const PANEL = 32;

/**
 * Factors the row-major n×n matrix `a` in place with partial pivoting: at each step the row
 * with the largest |entry| in the pivot column (the first on ties) is swapped up, as dgetrf does.
 *
 * Blocked, right-looking: a panel of columns is factored with rank-1 updates, the block row of U
 * to its right is a unit-lower triangular solve, and the trailing matrix takes one GEMM,
 * A₂₂ −= L₂₁·U₁₂, which carries almost all of the (2/3)n³ flops. A zero pivot does not stop the
 * factorisation (det needs the rest of U); it is recorded in `zeroPivot`.
 */
export function luFactor(a: Float64Array, n: number): LUFactors {
  const pivots = new Int32Array(n);
  let permutationSign = 1;
  let zeroPivot = -1;
  for (let j0 = 0; j0 < n; j0 += PANEL) {
    const jb = Math.min(PANEL, n - j0);
    const panelEnd = j0 + jb;
    for (let c = j0; c < panelEnd; c++) {
      let best = c;
      let bestAbs = Math.abs(a[c * n + c]);
      for (let i = c + 1; i < n; i++) {
        const value = Math.abs(a[i * n + c]);
        if (value > bestAbs) {
          best = i;
          bestAbs = value;
        }
      }
      pivots[c] = best;
      if (best !== c) {
        swapRows(a, n, c, best);
        permutationSign = -permutationSign;
      }
      const pivot = a[c * n + c];
      if (pivot === 0) {
        if (zeroPivot < 0) zeroPivot = c;
        continue;
      }
      const pivotRow = c * n;
      for (let i = c + 1; i < n; i++) {
        const row = i * n;
        const l = (a[row + c] /= pivot);
        if (l === 0) continue;
        for (let q = c + 1; q < panelEnd; q++) a[row + q] -= l * a[pivotRow + q];
      }
    }
    if (panelEnd === n) break;
    for (let r = j0 + 1; r < panelEnd; r++) {
      const row = r * n;
      for (let p = j0; p < r; p++) {
        const l = a[row + p];
        if (l === 0) continue;
        const source = p * n;
        for (let q = panelEnd; q < n; q++) a[row + q] -= l * a[source + q];
      }
    }
    const rest = n - panelEnd;
    // prettier-ignore
    subtractProduct(rest, rest, jb, a, panelEnd * n + j0, n, 1, a, j0 * n + panelEnd, n, 1, a, panelEnd * n + panelEnd, n);
  }
  return { lu: a, n, pivots, permutationSign, zeroPivot };
}

/**
 * Overwrites the row-major n×k right-hand side `b` with the solution x of A·x = b, given A's
 * factors (which must have no zero pivot): x = U⁻¹ L⁻¹ P b, by blocked triangular solves.
 */
export function luSolveInPlace(factors: LUFactors, b: Float64Array, k: number): void {
  const { lu, n, pivots } = factors;
  for (let c = 0; c < n; c++) {
    if (pivots[c] !== c) swapRows(b, k, c, pivots[c]);
  }
  forwardUnitLower(lu, n, b, k);
  backwardUpper(lu, n, b, k);
}

/** Rows per block of the triangular solves; below this many right-hand sides, no blocking. */
const SOLVE_BLOCK = 64;
const BLOCKED_MIN_RHS = 8;

/** b ← L⁻¹ b with L the unit lower triangle of `lu` (row-major n×n), b row-major n×k. */
function forwardUnitLower(lu: Float64Array, n: number, b: Float64Array, k: number): void {
  const block = k >= BLOCKED_MIN_RHS ? SOLVE_BLOCK : n;
  for (let r0 = 0; r0 < n; r0 += block) {
    const r1 = Math.min(n, r0 + block);
    subtractProduct(r1 - r0, k, r0, lu, r0 * n, n, 1, b, 0, k, 1, b, r0 * k, k);
    for (let r = r0 + 1; r < r1; r++) {
      const target = r * k;
      for (let p = r0; p < r; p++) {
        const l = lu[r * n + p];
        if (l === 0) continue;
        const source = p * k;
        for (let q = 0; q < k; q++) b[target + q] -= l * b[source + q];
      }
    }
  }
}

/** b ← U⁻¹ b with U the upper triangle of `lu` (row-major n×n), b row-major n×k. */
function backwardUpper(lu: Float64Array, n: number, b: Float64Array, k: number): void {
  const block = k >= BLOCKED_MIN_RHS ? SOLVE_BLOCK : n;
  for (let r1 = n; r1 > 0; r1 -= block) {
    const r0 = Math.max(0, r1 - block);
    subtractProduct(r1 - r0, k, n - r1, lu, r0 * n + r1, n, 1, b, r1 * k, k, 1, b, r0 * k, k);
    for (let r = r1 - 1; r >= r0; r--) {
      const target = r * k;
      for (let p = r + 1; p < r1; p++) {
        const u = lu[r * n + p];
        if (u === 0) continue;
        const source = p * k;
        for (let q = 0; q < k; q++) b[target + q] -= u * b[source + q];
      }
      const diagonal = lu[r * n + r];
      for (let q = 0; q < k; q++) b[target + q] /= diagonal;
    }
  }
}

function swapRows(a: Float64Array, width: number, i: number, j: number): void {
  const rowI = i * width;
  const rowJ = j * width;
  for (let q = 0; q < width; q++) {
    const t = a[rowI + q];
    a[rowI + q] = a[rowJ + q];
    a[rowJ + q] = t;
  }
}
