import { LinAlgError } from "../errors";
import { type Dense, type Strided } from "../strided";
import { formatShape } from "../../protocol";
import { readMatrix, squareStack, unravel } from "./matrix";
import { subtractProduct } from "./update";

/** Columns per block: the diagonal block and its panel are scalar code, the rest is GEMM. */
const BLOCK = 48;
/** Rows per GEMM call of the triangular trailing update (only the lower part is computed). */
const UPDATE_ROWS = 96;

/**
 * The lower Cholesky factor L of a symmetric positive-definite A = L·Lᵀ
 * (numpy.linalg.cholesky). Like numpy (LAPACK dpotrf with 'L'), only the lower triangle of A is
 * read. A: [n, n] or a stack [..., n, n]; L has the same shape, zeros above the diagonal.
 * `upper: true` returns Lᵀ instead (numpy 2's `upper=True`). The regularized normal equation
 * (XᵀX + λL) is the course's positive-definite matrix.
 *
 * Throws LinAlgError naming the first leading minor that is not positive definite.
 */
export function cholesky(a: Strided, options: { upper?: boolean } = {}): Dense {
  const stack = squareStack("linalg.cholesky", a);
  const n = stack.rows;
  const out = new Float64Array(stack.count * n * n);
  for (let index = 0; index < stack.count; index++) {
    const work = readMatrix(stack, index);
    const failure = choleskyInPlace(work, n);
    if (failure) {
      const where =
        stack.batchShape.length > 0
          ? `matrix ${formatShape(unravel(index, stack.batchShape))} of A ${formatShape(a.shape)}`
          : `A ${formatShape(a.shape)}`;
      const order = failure.step + 1;
      throw new LinAlgError(
        `linalg.cholesky: Matrix is not positive definite: ${where} has a leading minor ` +
          `A[:${order}, :${order}] that is not positive definite (pivot ${order} of ${n} is ` +
          `${failure.pivot}, must be > 0)`,
      );
    }
    const base = index * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        if (options.upper) out[base + j * n + i] = work[i * n + j];
        else out[base + i * n + j] = work[i * n + j];
      }
    }
  }
  return { data: out, shape: a.shape.slice() };
}

/** Where the factorisation broke down: the 0-based step and its pivot (≤ 0 or NaN). */
export interface CholeskyFailure {
  readonly step: number;
  readonly pivot: number;
}

/**
 * Factors the row-major n×n `a` in place: its lower triangle becomes L (the strict upper
 * triangle is left holding scratch values). Blocked right-looking: factor a diagonal block,
 * solve the panel below it (L₂₁ = A₂₁·L₁₁⁻ᵀ, row by row), then A₂₂ −= L₂₁·L₂₁ᵀ on the lower
 * triangle only, in GEMM calls of UPDATE_ROWS rows. Returns undefined on success.
 */
export function choleskyInPlace(a: Float64Array, n: number): CholeskyFailure | undefined {
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK);
    for (let c = j0; c < j1; c++) {
      const rowC = c * n;
      let pivot = a[rowC + c];
      for (let p = j0; p < c; p++) pivot -= a[rowC + p] * a[rowC + p];
      if (!(pivot > 0)) return { step: c, pivot };
      const diagonal = Math.sqrt(pivot);
      a[rowC + c] = diagonal;
      for (let i = c + 1; i < n; i++) {
        const rowI = i * n;
        let sum = a[rowI + c];
        for (let p = j0; p < c; p++) sum -= a[rowI + p] * a[rowC + p];
        a[rowI + c] = sum / diagonal;
      }
    }
    for (let r0 = j1; r0 < n; r0 += UPDATE_ROWS) {
      const r1 = Math.min(n, r0 + UPDATE_ROWS);
      // prettier-ignore
      subtractProduct(r1 - r0, r1 - j1, j1 - j0, a, r0 * n + j0, n, 1, a, j1 * n + j0, 1, n, a, r0 * n + j1, n);
    }
  }
  return undefined;
}
