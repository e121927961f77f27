import { ShapeError } from "../errors";
import { gemm } from "../gemm";
import { type Dense, type Strided, toContiguous } from "../strided";
import { applyReflectors } from "./apply-reflectors";
import { type MatrixStack, matrixStack, readMatrix, singleMatrix } from "./matrix";
import { householderQR } from "./qr";
import { type SingularFactors, decompose } from "./svd";

/** The tolerance for lstsq's rank decision (numpy's `rcond`). */
export interface LstsqOptions {
  /**
   * Singular values ≤ rcond·σ_max count as zero. Default: ε·max(m, n), numpy's default since
   * 1.14 (rcond=None). A negative value means ε, as in LAPACK.
   */
  readonly rcond?: number;
}

/** numpy.linalg.lstsq's four results. */
export interface LstsqResult {
  /** The minimum-norm least-squares solution: [n] for b [m], [n, k] for b [m, k]. */
  readonly solution: Dense;
  /**
   * ‖b − A·x‖² per column of b ([1] for a vector b, [k] for a matrix b) when A has full column
   * rank n and m > n; otherwise empty ([0]), as numpy returns it.
   */
  readonly residuals: Dense;
  /** The numerical rank: how many singular values exceed rcond·σ_max. */
  readonly rank: number;
  /** σ of A, descending: [min(m, n)]. */
  readonly singularValues: Dense;
}

/**
 * The minimum-norm least-squares solution x = A⁺·b = V·Σ⁺·Uᵀ·b of A·x ≈ b (numpy.linalg.lstsq's
 * first result): among the x that minimise ‖A·x − b‖₂, the one of least ‖x‖₂. Rank-revealing:
 * singular values ≤ rcond·σ_max are treated as zero, so a rank-deficient design matrix (XᵀX
 * singular) still gets an answer. A: [m, n]; b: [m] → x: [n], or b: [m, k] → x: [n, k].
 * The normal-equation lessons solve their least squares with this.
 */
export function lstsq(a: Strided, b: Strided, options: LstsqOptions = {}): Dense {
  return leastSquares(a, b, options, false).solution;
}

/** lstsq with numpy's other results: residuals, rank and singular values. */
export function lstsqFull(a: Strided, b: Strided, options: LstsqOptions = {}): LstsqResult {
  return leastSquares(a, b, options, true);
}

function leastSquares(
  a: Strided,
  b: Strided,
  options: LstsqOptions,
  withResiduals: boolean,
): LstsqResult {
  const stack = singleMatrix("linalg.lstsq", a);
  const { rows: m, cols: n } = stack;
  const shapes = [a.shape, b.shape];
  if (b.shape.length !== 1 && b.shape.length !== 2) {
    throw new ShapeError(
      "linalg.lstsq",
      shapes,
      `b must be a vector [${m}] or a matrix [${m}, k], got ${b.shape.length}-D`,
      { operand: 1 },
    );
  }
  if (b.shape[0] !== m) {
    throw new ShapeError(
      "linalg.lstsq",
      shapes,
      `b has ${b.shape[0]} rows but A has ${m}: axis 0 of b must equal axis 0 of A`,
      { operand: 1, axis: 0 },
    );
  }
  const vectorB = b.shape.length === 1;
  const nrhs = vectorB ? 1 : b.shape[1];
  const rhs = toContiguous(b);
  const k = Math.min(m, n);
  const rcond = options.rcond === undefined ? Number.EPSILON * Math.max(m, n) : options.rcond;
  const { s, rank, x } = minimumNorm(stack, rhs, nrhs, rcond < 0 ? Number.EPSILON : rcond);
  let residuals: Float64Array = new Float64Array(0);
  if (withResiduals && rank === n && m > n) {
    residuals = residualSquares(toContiguous(a), m, n, x, rhs, nrhs);
  }
  return {
    solution: { data: x, shape: vectorB ? [n] : [n, nrhs] },
    residuals: { data: residuals, shape: [residuals.length] },
    rank,
    singularValues: { data: s, shape: [k] },
  };
}

/**
 * x = V·Σ⁺·Uᵀ·b over the singular values above rcond·σ_max. A tall A (m ≥ 1.6·n) is first
 * reduced to R by QR, so only R = U_R·Σ·Vᵀ is decomposed and Uᵀb = U_Rᵀ·(Qᵀb): Q and U are
 * never formed.
 */
function minimumNorm(
  stack: MatrixStack,
  b: Float64Array,
  nrhs: number,
  rcond: number,
): { s: Float64Array; rank: number; x: Float64Array } {
  const { rows: m, cols: n } = stack;
  let factors: SingularFactors;
  let projected: Float64Array;
  let inner: number;
  if (m >= 1.6 * n && n > 0) {
    const at = readMatrix(stack, 0, true);
    const taus = householderQR(at, m, n);
    const r = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[i * n + j] = at[j * m + i];
    factors = decompose("linalg.lstsq", matrixStack("linalg.lstsq", strided(r, n)), 0);
    projected = b.slice();
    applyReflectors(at, m, m, n, taus, 0, projected, nrhs, true);
    inner = n;
  } else {
    factors = decompose("linalg.lstsq", stack, 0);
    projected = b;
    inner = m;
  }
  const { s, u, vt } = factors;
  const k = s.length;
  let rank = 0;
  while (rank < k && s[rank] > rcond * s[0]) rank++;
  // c = Σ⁺·(Uᵀ·b) on the first `rank` rows (U is inner × k), then x = V·c.
  const c = new Float64Array(rank * nrhs);
  gemm(rank, nrhs, inner, u, 0, 1, k, projected, 0, nrhs, 1, c, 0, nrhs);
  for (let i = 0; i < rank; i++) {
    for (let j = 0; j < nrhs; j++) c[i * nrhs + j] /= s[i];
  }
  const x = new Float64Array(n * nrhs);
  gemm(n, nrhs, rank, vt, 0, 1, n, c, 0, nrhs, 1, x, 0, nrhs);
  return { s, rank, x };
}

/** A C-contiguous n×n Strided view of `data`. */
function strided(data: Float64Array, n: number): Strided {
  return { data, shape: [n, n], strides: [n, 1], offset: 0 };
}

/** ‖b_j − A·x_j‖² for each column j. */
function residualSquares(
  a: Float64Array,
  m: number,
  n: number,
  x: Float64Array,
  b: Float64Array,
  nrhs: number,
): Float64Array {
  const fitted = new Float64Array(m * nrhs);
  gemm(m, nrhs, n, a, 0, n, 1, x, 0, nrhs, 1, fitted, 0, nrhs);
  const out = new Float64Array(nrhs);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < nrhs; j++) {
      const r = b[i * nrhs + j] - fitted[i * nrhs + j];
      out[j] += r * r;
    }
  }
  return out;
}
