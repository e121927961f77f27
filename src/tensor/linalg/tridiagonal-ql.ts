import { LinAlgError } from "../errors";

const EPS = Number.EPSILON;
/** QL sweeps allowed per eigenvalue, on average, before giving up (as LAPACK's dsteqr). */
const MAX_SWEEPS = 30;

/**
 * Eigenvalues (and optionally eigenvectors) of the symmetric tridiagonal matrix T with diagonal
 * `d` and off-diagonal `e` (e[i] = T[i, i+1]), by the implicit QL algorithm with Wilkinson
 * shifts. On return `d` holds the eigenvalues, unsorted.
 *
 * Each sweep chases a bulge from the bottom of an unreduced block up to its top with plane
 * rotations G_i in the (i, i+1) plane; eigenvectors accumulate as Z ← Z·G_i. `zt` is Zᵀ
 * (row-major n×n, started at the identity for T's own eigenvectors), so every rotation mixes
 * two contiguous rows. T is scaled to unit max-norm while it is solved; an off-diagonal entry
 * counts as zero once |e[i]| ≤ ε·(|d[i]| + |d[i+1]|), or ≤ ε·‖T‖: below that, rotations from
 * the large entries leave noise of that size on the small ones, and relative convergence could
 * wait for the noise to cancel. Either way eigenvalues stay within a few ε·‖T‖, the accuracy
 * the Householder reduction before allows.
 */
export function tridiagonalQL(
  op: string,
  d: Float64Array,
  e: Float64Array,
  zt: Float64Array | undefined,
): void {
  const n = d.length;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]), Math.abs(e[i] ?? 0));
  if (scale === 0) return;
  if (!Number.isFinite(scale)) {
    throw new LinAlgError(`${op}: the matrix contains NaN or Infinity; eigenvalues are undefined`);
  }
  for (let i = 0; i < n; i++) d[i] /= scale;
  // One slot past the end lets a sweep write the (negligible) entry below its block.
  const off = new Float64Array(n + 1);
  for (let i = 0; i + 1 < n; i++) off[i] = e[i] / scale;
  let sweeps = 0;
  for (let l = 0; l < n; l++) {
    for (;;) {
      let m = l;
      while (m < n - 1 && !negligible(d, off, m)) m++;
      if (m === l) break;
      if (++sweeps > MAX_SWEEPS * n) {
        throw new LinAlgError(
          `${op}: Eigenvalues did not converge: ${MAX_SWEEPS * n} QL sweeps found only ${l} ` +
            `of ${n} eigenvalues`,
        );
      }
      qlSweep(d, off, zt, n, l, m);
    }
  }
  for (let i = 0; i < n; i++) d[i] *= scale;
  for (let i = 0; i < e.length; i++) e[i] = off[i] * scale;
}

/** Whether off[m] counts as zero in T scaled to unit max-norm. */
function negligible(d: Float64Array, off: Float64Array, m: number): boolean {
  const magnitude = Math.abs(off[m]);
  return magnitude <= EPS * (Math.abs(d[m]) + Math.abs(d[m + 1])) || magnitude <= EPS;
}

/**
 * One implicit QL step on the unreduced block l..m. The shift is the eigenvalue of the block's
 * leading 2×2 nearest d[l]; `g` carries (d[m] − shift) up the block, and the running rotation
 * (c, s) with the accumulated diagonal correction `p` implements T ← Gᵀ·T·G without forming G.
 */
function qlSweep(
  d: Float64Array,
  off: Float64Array,
  zt: Float64Array | undefined,
  n: number,
  l: number,
  m: number,
): void {
  const ratio = (d[l + 1] - d[l]) / (2 * off[l]);
  const radius = Math.hypot(ratio, 1);
  let g = d[m] - d[l] + off[l] / (ratio + (ratio >= 0 ? radius : -radius));
  let s = 1;
  let c = 1;
  let p = 0;
  for (let i = m - 1; i >= l; i--) {
    const f = s * off[i];
    const b = c * off[i];
    let r = Math.hypot(f, g);
    off[i + 1] = r;
    if (r === 0) {
      // The rotation underflowed: the block has split at i + 1; undo the pending shift there
      // and let the caller search for the new block.
      d[i + 1] -= p;
      off[m] = 0;
      return;
    }
    s = f / r;
    c = g / r;
    g = d[i + 1] - p;
    r = (d[i] - g) * s + 2 * c * b;
    p = s * r;
    d[i + 1] = g + p;
    g = c * r - b;
    if (zt) rotateRows(zt, n, i, c, s);
  }
  d[l] -= p;
  off[l] = g;
  off[m] = 0;
}

/** Rows (i, i+1) of Zᵀ ← the rotation of columns (i, i+1) of Z by (c, s). */
function rotateRows(zt: Float64Array, n: number, i: number, c: number, s: number): void {
  const upper = i * n;
  const lower = upper + n;
  for (let k = 0; k < n; k++) {
    const x = zt[upper + k];
    const y = zt[lower + k];
    zt[lower + k] = s * x + c * y;
    zt[upper + k] = c * x - s * y;
  }
}
