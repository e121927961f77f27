import { makeReflector } from "./householder";
import { subtractProduct } from "./update";

/** Reflectors per panel: the panel is scalar work, the update after it one GEMM. */
const PANEL = 32;

/**
 * A = Q·T·Qᵀ with T symmetric tridiagonal and Q = H₀·H₁···H_{n−3}, H_j = I − τ_j·v_j·v_jᵀ with
 * v_j zero before index j + 1, 1 there, and its tail in row j of `reflectors` (for
 * `applyReflectors` with shift 1).
 */
export interface Tridiagonalization {
  /** T's diagonal, length n. */
  readonly diagonal: Float64Array;
  /** T's off-diagonal, length max(n − 1, 0): offDiagonal[i] = T[i, i+1] = T[i+1, i]. */
  readonly offDiagonal: Float64Array;
  /** τ of the n − 2 reflectors. */
  readonly taus: Float64Array;
  /** Row-major n×n: row j holds reflector j's tail at columns j + 2 … n − 1. */
  readonly reflectors: Float64Array;
}

/**
 * Householder reduction of the symmetric row-major n×n `a` (both triangles filled; it is
 * overwritten) to tridiagonal form, blocked as LAPACK's dsytrd: reflectors are built a panel
 * at a time (`reducePanel`), and the trailing matrix then takes the whole panel's two-sided
 * update A −= V·Wᵀ + W·Vᵀ as one GEMM. What stays scalar is one symmetric matrix–vector
 * product per column, done as unit-stride row dot products over the full matrix.
 */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonalization {
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  const taus = new Float64Array(Math.max(n - 2, 0));
  const reflectors = new Float64Array(n * n);
  const panel: Panel = {
    a,
    n,
    v: new Float64Array(n * PANEL),
    w: new Float64Array(n * PANEL),
    diagonal,
    offDiagonal,
    taus,
    reflectors,
  };
  for (let k0 = 0; k0 < n - 2; k0 += PANEL) {
    const nb = Math.min(PANEL, n - 2 - k0);
    reducePanel(panel, k0, nb);
    const start = k0 + nb;
    const rest = n - start;
    // A[start:, start:] −= [V W]·[W V]ᵀ over the panel's 2·nb columns; V and W are stored
    // transposed (one row per reflector), so both operands are read through strides.
    const left = new Float64Array(2 * nb * n);
    left.set(panel.v.subarray(0, nb * n));
    left.set(panel.w.subarray(0, nb * n), nb * n);
    const right = new Float64Array(2 * nb * n);
    right.set(panel.w.subarray(0, nb * n));
    right.set(panel.v.subarray(0, nb * n), nb * n);
    // prettier-ignore
    subtractProduct(rest, rest, 2 * nb, left, start, 1, n, right, start, n, 1, a, start * n + start, n);
  }
  if (n >= 2) {
    diagonal[n - 2] = a[(n - 2) * n + n - 2];
    offDiagonal[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) diagonal[n - 1] = a[(n - 1) * n + n - 1];
  return { diagonal, offDiagonal, taus, reflectors };
}

interface Panel {
  readonly a: Float64Array;
  readonly n: number;
  /** Row-major PANEL × n: row i is reflector k0 + i (zero before its leading 1), i.e. Vᵀ. */
  readonly v: Float64Array;
  /** Row-major PANEL × n: row i is w_i (Wᵀ), so that the panel's update is A −= V·Wᵀ + W·Vᵀ. */
  readonly w: Float64Array;
  readonly diagonal: Float64Array;
  readonly offDiagonal: Float64Array;
  readonly taus: Float64Array;
  readonly reflectors: Float64Array;
}

/**
 * Reduces columns k0 … k0 + nb − 1 (LAPACK's dlatrd, lower). The trailing matrix is not updated
 * inside the panel: each column is first brought up to date from the panel's earlier V and W,
 * and each product A₂₂·v is corrected by −V·(Wᵀv) − W·(Vᵀv). Then
 * w = τ·(A₂₂·v) − (τ²/2)(vᵀA₂₂v)·v, which makes H·A₂₂·H = A₂₂ − v·wᵀ − w·vᵀ.
 */
function reducePanel(panel: Panel, k0: number, nb: number): void {
  const { a, n, v, w } = panel;
  v.fill(0);
  w.fill(0);
  const x = new Float64Array(n);
  const column = new Float64Array(n);
  const product = new Float64Array(n);
  for (let i = 0; i < nb; i++) {
    const j = k0 + i;
    // A[j:, j] −= V[j:, :i]·W[j, :i]ᵀ + W[j:, :i]·V[j, :i]ᵀ, accumulated along contiguous rows.
    column.fill(0, j, n);
    for (let p = 0; p < i; p++) {
      const row = p * n;
      axpy(column, v, row, w[row + j], j, n);
      axpy(column, w, row, v[row + j], j, n);
    }
    for (let r = j; r < n; r++) a[r * n + j] -= column[r];
    const length = n - j - 1;
    for (let r = 0; r < length; r++) x[r] = a[(j + 1 + r) * n + j];
    const tau = makeReflector(x, 0, length);
    panel.taus[j] = tau;
    panel.diagonal[j] = a[j * n + j];
    panel.offDiagonal[j] = x[0];
    x[0] = 1;
    for (let r = 1; r < length; r++) panel.reflectors[j * n + j + 1 + r] = x[r];
    v.set(x.subarray(0, length), i * n + j + 1);
    if (tau === 0) continue;
    symmetricProduct(a, n, j + 1, x, product);
    // product −= V·(Wᵀx) + W·(Vᵀx) over the panel's earlier reflectors.
    for (let p = 0; p < i; p++) {
      const row = p * n + j + 1;
      let wx = 0;
      let vx = 0;
      for (let r = 0; r < length; r++) {
        wx += w[row + r] * x[r];
        vx += v[row + r] * x[r];
      }
      for (let r = 0; r < length; r++) product[r] -= v[row + r] * wx + w[row + r] * vx;
    }
    let dot = 0;
    for (let r = 0; r < length; r++) dot += product[r] * x[r];
    const alpha = -0.5 * tau * tau * dot;
    const row = i * n + j + 1;
    for (let r = 0; r < length; r++) w[row + r] = tau * product[r] + alpha * x[r];
  }
}

/** target[from … to) += factor · source[offset + from … offset + to). */
function axpy(
  target: Float64Array,
  source: Float64Array,
  offset: number,
  factor: number,
  from: number,
  to: number,
): void {
  if (factor === 0) return;
  for (let r = from; r < to; r++) target[r] += factor * source[offset + r];
}

/**
 * out[0 … L) = A[start:, start:]·x for the trailing L×L block of the full symmetric `a`: two rows
 * at a time, so each load of x feeds two multiply-adds, with two accumulators per row.
 */
function symmetricProduct(
  a: Float64Array,
  n: number,
  start: number,
  x: Float64Array,
  out: Float64Array,
): void {
  const length = n - start;
  let r = 0;
  for (; r + 1 < length; r += 2) {
    const first = (start + r) * n + start;
    const second = first + n;
    let s0 = 0;
    let s1 = 0;
    let t0 = 0;
    let t1 = 0;
    let c = 0;
    for (; c + 1 < length; c += 2) {
      const x0 = x[c];
      const x1 = x[c + 1];
      s0 += a[first + c] * x0;
      s1 += a[first + c + 1] * x1;
      t0 += a[second + c] * x0;
      t1 += a[second + c + 1] * x1;
    }
    if (c < length) {
      s0 += a[first + c] * x[c];
      t0 += a[second + c] * x[c];
    }
    out[r] = s0 + s1;
    out[r + 1] = t0 + t1;
  }
  if (r < length) {
    const row = (start + r) * n + start;
    let sum = 0;
    for (let c = 0; c < length; c++) sum += a[row + c] * x[c];
    out[r] = sum;
  }
}
