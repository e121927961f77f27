import { LinAlgError } from "../errors";

const EPS = Number.EPSILON;

/**
 * The SVD of an upper bidiagonal B (diagonal `d`, superdiagonal `e`) by the implicit-shift QR
 * iteration of Golub and Kahan: B = U_B·diag(d)·V_Bᵀ. On return `d` holds the singular values,
 * non-negative and descending, and the optional `ut` = U_Bᵀ and `vt` = V_Bᵀ (row-major n×n, to
 * be started at the identity) have been rotated along (rows are singular vectors, so every
 * rotation mixes two contiguous rows).
 *
 * Each sweep on an unreduced block lo..hi is QR on BᵀB shifted by the eigenvalue of its trailing
 * 2×2 nearer the end (Wilkinson), done implicitly by chasing a bulge down B with alternating
 * right and left rotations. A superdiagonal entry counts as zero once
 * |eᵢ| ≤ ε·(|dᵢ| + |dᵢ₊₁|) or |eᵢ| ≤ ε·‖B‖ (the noise level the rotations leave on small
 * entries); a diagonal entry once |dᵢ| ≤ ε·‖B‖, after which its row's superdiagonal is rotated
 * away so the block splits.
 */
export function bidiagonalSVD(
  op: string,
  d: Float64Array,
  e: Float64Array,
  ut: Float64Array | undefined,
  vt: Float64Array | undefined,
): void {
  const n = d.length;
  const rotations: Rotations = { n, ut, vt };
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i] ?? 0));
  const maxSweeps = 6 * n * n;
  let sweeps = 0;
  let hi = n - 1;
  while (hi > 0) {
    if (negligible(d, e, hi - 1, norm)) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(d, e, lo - 1, norm)) lo--;
    if (lo > 0) e[lo - 1] = 0;
    let zero = -1;
    for (let k = lo; k <= hi && zero < 0; k++) if (Math.abs(d[k]) <= EPS * norm) zero = k;
    if (zero >= 0) {
      d[zero] = 0;
      if (zero < hi) chaseRowRight(d, e, rotations, zero, hi);
      else chaseColumnUp(d, e, rotations, lo, hi);
      continue;
    }
    if (++sweeps > maxSweeps) {
      throw new LinAlgError(
        `${op}: SVD did not converge: ${maxSweeps} QR sweeps were not enough (is the input finite?)`,
      );
    }
    shiftedSweep(d, e, rotations, lo, hi);
  }
  for (let i = 0; i < n; i++) {
    if (d[i] < 0) {
      d[i] = -d[i];
      if (vt) for (let k = 0; k < n; k++) vt[i * n + k] = -vt[i * n + k];
    }
  }
  for (let i = 0; i < n; i++) {
    let largest = i;
    for (let j = i + 1; j < n; j++) if (d[j] > d[largest]) largest = j;
    if (largest === i) continue;
    const t = d[i];
    d[i] = d[largest];
    d[largest] = t;
    if (ut) swapRows(ut, i, largest, n);
    if (vt) swapRows(vt, i, largest, n);
  }
}

interface Rotations {
  readonly n: number;
  readonly ut: Float64Array | undefined;
  readonly vt: Float64Array | undefined;
}

function negligible(d: Float64Array, e: Float64Array, i: number, norm: number): boolean {
  const magnitude = Math.abs(e[i]);
  return magnitude <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1])) || magnitude <= EPS * norm;
}

/** One implicit Golub–Kahan QR sweep on the unreduced block lo..hi. */
function shiftedSweep(
  d: Float64Array,
  e: Float64Array,
  rotations: Rotations,
  lo: number,
  hi: number,
): void {
  const shift = wilkinsonShift(d, e, lo, hi);
  let y = d[lo] * d[lo] - shift;
  let z = d[lo] * e[lo];
  for (let k = lo; k < hi; k++) {
    // Right rotation of columns (k, k+1): zeroes the bulge above the diagonal (or, at the top,
    // starts the implicit shift) and drops a new bulge at (k+1, k).
    let [c, s, r] = givens(y, z);
    if (k > lo) e[k - 1] = r;
    const dk = d[k];
    const ek = e[k];
    d[k] = c * dk + s * ek;
    e[k] = -s * dk + c * ek;
    const below = s * d[k + 1];
    d[k + 1] *= c;
    if (rotations.vt) rotateRows(rotations.vt, rotations.n, k, k + 1, c, s);
    // Left rotation of rows (k, k+1): zeroes the bulge below and drops one at (k, k+2).
    [c, s, r] = givens(d[k], below);
    d[k] = r;
    const ek2 = e[k];
    e[k] = c * ek2 + s * d[k + 1];
    d[k + 1] = -s * ek2 + c * d[k + 1];
    if (rotations.ut) rotateRows(rotations.ut, rotations.n, k, k + 1, c, s);
    if (k + 1 < hi) {
      y = e[k];
      z = s * e[k + 1];
      e[k + 1] *= c;
    }
  }
}

/** The eigenvalue of the trailing 2×2 of BᵀB (block lo..hi) nearer its last diagonal entry. */
function wilkinsonShift(d: Float64Array, e: Float64Array, lo: number, hi: number): number {
  const above = hi - 1 > lo ? e[hi - 2] : 0;
  const t11 = d[hi - 1] * d[hi - 1] + above * above;
  const t12 = d[hi - 1] * e[hi - 1];
  const t22 = d[hi] * d[hi] + e[hi - 1] * e[hi - 1];
  const half = (t11 - t22) / 2;
  const denominator = half + (half >= 0 ? 1 : -1) * Math.hypot(half, t12);
  return denominator === 0 ? t22 : t22 - (t12 * t12) / denominator;
}

/**
 * d[k] = 0 with k < hi: rotate row k against rows k+1 … hi (from the left) to push its
 * superdiagonal entry out of the block.
 */
function chaseRowRight(
  d: Float64Array,
  e: Float64Array,
  rotations: Rotations,
  k: number,
  hi: number,
): void {
  let f = e[k];
  e[k] = 0;
  for (let j = k + 1; j <= hi; j++) {
    const [c, s, r] = givens(d[j], f);
    d[j] = r;
    if (rotations.ut) rotateRows(rotations.ut, rotations.n, j, k, c, s);
    if (j < hi) {
      f = -s * e[j];
      e[j] *= c;
    }
  }
}

/**
 * d[hi] = 0: rotate column hi against columns hi−1 … lo (from the right) to push the
 * superdiagonal entry above it out of the block.
 */
function chaseColumnUp(
  d: Float64Array,
  e: Float64Array,
  rotations: Rotations,
  lo: number,
  hi: number,
): void {
  let f = e[hi - 1];
  e[hi - 1] = 0;
  for (let j = hi - 1; j >= lo; j--) {
    const [c, s, r] = givens(d[j], f);
    d[j] = r;
    if (rotations.vt) rotateRows(rotations.vt, rotations.n, j, hi, c, s);
    if (j > lo) {
      f = -s * e[j - 1];
      e[j - 1] *= c;
    }
  }
}

/** (c, s, r) with c·x + s·y = r = hypot(x, y) and −s·x + c·y = 0. */
function givens(x: number, y: number): [number, number, number] {
  const r = Math.hypot(x, y);
  return r === 0 ? [1, 0, 0] : [x / r, y / r, r];
}

/** Rows (i, j) ← (c·rowᵢ + s·rowⱼ, −s·rowᵢ + c·rowⱼ). */
function rotateRows(
  rows: Float64Array,
  n: number,
  i: number,
  j: number,
  c: number,
  s: number,
): void {
  const a = i * n;
  const b = j * n;
  for (let k = 0; k < n; k++) {
    const x = rows[a + k];
    const y = rows[b + k];
    rows[a + k] = c * x + s * y;
    rows[b + k] = -s * x + c * y;
  }
}

/** Swaps rows i and j of the row-major `rows` (rows of length n). */
function swapRows(rows: Float64Array, i: number, j: number, n: number): void {
  const a = i * n;
  const b = j * n;
  for (let k = 0; k < n; k++) {
    const t = rows[a + k];
    rows[a + k] = rows[b + k];
    rows[b + k] = t;
  }
}
