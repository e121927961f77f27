import { makeReflector } from "./householder";

/**
 * A = U_b·B·V_bᵀ with B upper bidiagonal (n×n), U_b = H₀···H_{n−1} (left reflectors, their
 * tails in the rows of the transposed input, shift 0) and V_b = G₀···G_{n−3} (right
 * reflectors, tails in the rows of `rightStore`, shift 1), as `applyReflectors` reads them.
 */
export interface Bidiagonalization {
  /** B's diagonal, length n. */
  readonly diagonal: Float64Array;
  /** B's superdiagonal, length max(n − 1, 0): superDiagonal[i] = B[i, i+1]. */
  readonly superDiagonal: Float64Array;
  readonly leftTaus: Float64Array;
  readonly rightTaus: Float64Array;
  /** Row-major n×n; row j holds right reflector j's tail at columns j + 2 … n − 1. */
  readonly rightStore: Float64Array;
}

/**
 * Golub–Kahan bidiagonalisation of a tall A (m×n, m ≥ n) given as its transpose `at`
 * (row-major n×m: column j of A is the contiguous row j), overwritten with the left reflectors.
 * Step j reflects column j onto its diagonal (from the left), then row j right of the
 * superdiagonal onto it (from the right). In this layout both updates are sequences of
 * unit-stride dot products and axpys over the rows of `at`.
 */
export function bidiagonalize(at: Float64Array, m: number, n: number): Bidiagonalization {
  const diagonal = new Float64Array(n);
  const superDiagonal = new Float64Array(Math.max(n - 1, 0));
  const leftTaus = new Float64Array(n);
  const rightTaus = new Float64Array(Math.max(n - 2, 0));
  const rightStore = new Float64Array(n * n);
  const v = new Float64Array(n);
  const w = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const reflector = j * m;
    const tau = makeReflector(at, reflector + j, m - j);
    leftTaus[j] = tau;
    diagonal[j] = at[reflector + j];
    if (tau !== 0) {
      for (let c = j + 1; c < n; c++) {
        const column = c * m;
        let dot = at[column + j];
        for (let i = j + 1; i < m; i++) dot += at[reflector + i] * at[column + i];
        dot *= tau;
        if (dot === 0) continue;
        at[column + j] -= dot;
        for (let i = j + 1; i < m; i++) at[column + i] -= dot * at[reflector + i];
      }
    }
    if (j + 2 < n) {
      reflectRow(at, m, n, j, v, w, rightTaus, rightStore, superDiagonal);
    } else if (j + 1 < n) {
      superDiagonal[j] = at[(j + 1) * m + j];
    }
  }
  return { diagonal, superDiagonal, leftTaus, rightTaus, rightStore };
}

/**
 * The right reflector of step j: maps A[j, j+1:] onto its first entry and applies it to the
 * rows below, A[j+1:, j+1:] −= τ·(A·v)·vᵀ, accumulating A·v in `w` one column (row of `at`) at
 * a time.
 */
function reflectRow(
  at: Float64Array,
  m: number,
  n: number,
  j: number,
  v: Float64Array,
  w: Float64Array,
  rightTaus: Float64Array,
  rightStore: Float64Array,
  superDiagonal: Float64Array,
): void {
  const length = n - j - 1;
  for (let c = 0; c < length; c++) v[c] = at[(j + 1 + c) * m + j];
  const tau = makeReflector(v, 0, length);
  rightTaus[j] = tau;
  superDiagonal[j] = v[0];
  v[0] = 1;
  for (let c = 1; c < length; c++) rightStore[j * n + j + 1 + c] = v[c];
  if (tau === 0) return;
  w.fill(0, j + 1, m);
  for (let c = 0; c < length; c++) {
    const column = (j + 1 + c) * m;
    const vc = v[c];
    for (let i = j + 1; i < m; i++) w[i] += vc * at[column + i];
  }
  for (let c = 0; c < length; c++) {
    const column = (j + 1 + c) * m;
    const factor = tau * v[c];
    for (let i = j + 1; i < m; i++) at[column + i] -= factor * w[i];
  }
}
