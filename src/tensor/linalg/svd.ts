import { LinAlgError } from "../errors";
import { type Dense, type Strided } from "../strided";
import { applyReflectors } from "./apply-reflectors";
import { bidiagonalize } from "./bidiagonal";
import { bidiagonalSVD } from "./bidiagonal-svd";
import { type MatrixStack, matrixStack, readMatrix } from "./matrix";
import { orientColumns } from "./orientation";
import { householderQR } from "./qr";

/** numpy.linalg.svd's answer with full_matrices=False: A = U·diag(S)·Vt. */
export interface SVDResult {
  /** Orthonormal columns, [..., m, k] with k = min(m, n). */
  readonly U: Dense;
  /** Singular values, non-negative and descending: [..., k]. */
  readonly S: Dense;
  /** Orthonormal rows, [..., k, n]. */
  readonly Vt: Dense;
}

/**
 * The thin singular value decomposition A = U·diag(S)·Vt (numpy.linalg.svd with
 * full_matrices=False). A: [m, n] or a stack [..., m, n], any m and n, rank-deficient included.
 * Golub–Kahan bidiagonalisation (after a QR step when m ≥ 1.6·n, or of Aᵀ when m < n), then
 * implicit-shift QR on the bidiagonal. Each left singular vector (column of U) has its
 * largest-magnitude entry positive, its right partner (row of Vt) flipped with it; numpy's
 * signs are LAPACK's and may differ.
 */
export function svd(a: Strided): SVDResult {
  const stack = matrixStack("linalg.svd", a);
  const { rows: m, cols: n, count, batchShape } = stack;
  const k = Math.min(m, n);
  const u = new Float64Array(count * m * k);
  const s = new Float64Array(count * k);
  const vt = new Float64Array(count * k * n);
  for (let index = 0; index < count; index++) {
    const factors = decompose("linalg.svd", stack, index);
    u.set(factors.u, index * m * k);
    s.set(factors.s, index * k);
    vt.set(factors.vt, index * k * n);
  }
  return {
    U: { data: u, shape: [...batchShape, m, k] },
    S: { data: s, shape: [...batchShape, k] },
    Vt: { data: vt, shape: [...batchShape, k, n] },
  };
}

/**
 * The singular values alone, descending (numpy.linalg.svdvals): [m, n] → [min(m, n)], or a
 * stack [..., m, n] → [..., min(m, n)]. No singular vectors are accumulated.
 */
export function svdvals(a: Strided): Dense {
  const stack = matrixStack("linalg.svdvals", a);
  const k = Math.min(stack.rows, stack.cols);
  const s = new Float64Array(stack.count * k);
  for (let index = 0; index < stack.count; index++) {
    s.set(singularValues("linalg.svdvals", stack, index), index * k);
  }
  return { data: s, shape: [...stack.batchShape, k] };
}

/** One matrix's SVD: u (m×k) and vt (k×n) row-major, s descending. */
export interface SingularFactors {
  readonly s: Float64Array;
  readonly u: Float64Array;
  readonly vt: Float64Array;
}

interface MaybeVectors {
  readonly s: Float64Array;
  readonly u?: Float64Array;
  readonly vt?: Float64Array;
}

/** The SVD of matrix `index` of the stack, the shared core of svd, lstsq and pinv. */
export function decompose(op: string, stack: MatrixStack, index: number): SingularFactors {
  const { rows: m, cols: n } = stack;
  if (m >= n) {
    const { s, u, vt } = tallSVD(op, readMatrix(stack, index, true), m, n, true);
    orientColumns(u as Float64Array, 0, m, n, { rows: vt as Float64Array, length: n });
    return { s, u: u as Float64Array, vt: vt as Float64Array };
  }
  // A = Mᵀ with M = Aᵀ tall: M = U_M·S·V_Mᵀ gives A = V_M·S·U_Mᵀ.
  const factors = tallSVD(op, readMatrix(stack, index, false), n, m, true);
  const u = transpose(factors.vt as Float64Array, m, m);
  const vt = transpose(factors.u as Float64Array, n, m);
  orientColumns(u, 0, m, m, { rows: vt, length: n });
  return { s: factors.s, u, vt };
}

/** The singular values of matrix `index` of the stack, descending (for svdvals and norm). */
export function singularValues(op: string, stack: MatrixStack, index: number): Float64Array {
  const { rows: m, cols: n } = stack;
  const transposed = m >= n;
  return tallSVD(op, readMatrix(stack, index, transposed), Math.max(m, n), Math.min(m, n), false).s;
}

/**
 * SVD of a tall M (m×n, m ≥ n) given as Mᵀ (`mt`, row-major n×m, overwritten): s descending,
 * u (m×n) and vt (n×n) row-major. M is scaled to unit max-norm while it is decomposed.
 */
function tallSVD(
  op: string,
  mt: Float64Array,
  m: number,
  n: number,
  wantVectors: boolean,
): MaybeVectors {
  let scale = 0;
  for (let i = 0; i < mt.length; i++) scale = Math.max(scale, Math.abs(mt[i]));
  if (!Number.isFinite(scale)) {
    throw new LinAlgError(`${op}: SVD did not converge: the matrix contains NaN or Infinity`);
  }
  if (scale === 0) {
    const s = new Float64Array(n);
    return wantVectors ? { s, u: identityRows(m, n), vt: identityRows(n, n) } : { s };
  }
  for (let i = 0; i < mt.length; i++) mt[i] /= scale;
  let factors: MaybeVectors;
  if (m >= 1.6 * n && n > 0) {
    // A QR first leaves only the n×n triangle R = U_R·S·Vᵀ to bidiagonalise; U = Q·U_R.
    const taus = householderQR(mt, m, n);
    const rt = new Float64Array(n * n);
    for (let c = 0; c < n; c++) {
      for (let i = 0; i <= c; i++) rt[c * n + i] = mt[c * m + i];
    }
    const inner = bidiagonalSVDOf(op, rt, n, n, wantVectors);
    factors = inner;
    if (wantVectors) {
      const u = new Float64Array(m * n);
      u.set(inner.u as Float64Array);
      applyReflectors(mt, m, m, n, taus, 0, u, n);
      factors = { s: inner.s, u, vt: inner.vt };
    }
  } else {
    factors = bidiagonalSVDOf(op, mt, m, n, wantVectors);
  }
  for (let i = 0; i < n; i++) factors.s[i] *= scale;
  return factors;
}

/** Bidiagonalise the tall M given as Mᵀ, diagonalise B, and carry the reflectors back. */
function bidiagonalSVDOf(
  op: string,
  mt: Float64Array,
  m: number,
  n: number,
  wantVectors: boolean,
): MaybeVectors {
  const reduction = bidiagonalize(mt, m, n);
  const s = reduction.diagonal;
  if (!wantVectors) {
    bidiagonalSVD(op, s, reduction.superDiagonal, undefined, undefined);
    return { s };
  }
  const ut = identityRows(n, n);
  const vtB = identityRows(n, n);
  bidiagonalSVD(op, s, reduction.superDiagonal, ut, vtB);
  // U = U_b·U_B with U_B = utᵀ padded to m rows; V = V_b·V_B with V_B = vtBᵀ.
  const u = new Float64Array(m * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u[i * n + j] = ut[j * n + i];
  applyReflectors(mt, m, m, n, reduction.leftTaus, 0, u, n);
  const v = transpose(vtB, n, n);
  applyReflectors(reduction.rightStore, n, n, reduction.rightTaus.length, reduction.rightTaus, 1, v, n); // prettier-ignore
  return { s, u, vt: transpose(v, n, n) };
}

function identityRows(rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = 1;
  return out;
}

/** The transpose of a row-major rows×cols matrix, as a new row-major cols×rows one. */
function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}
