/**
 * gradbook's `linalg` namespace: numpy.linalg's functions on Tensors, in float64, with numpy's
 * conventions. Each accepts a Tensor (any view: transposed, sliced) or nested arrays and returns
 * new Tensors; inputs are never modified. Failures throw LinAlgError (singular, not positive
 * definite, not square, not a matrix) or ShapeError (operands that do not fit together).
 *
 * Wired in as `export * as linalg from "./linalg"`, so notebooks call `linalg.solve(A, b)`.
 */
import { asTensor, fromDense } from "../create";
import { type Tensor, type TensorLike } from "../tensor";
import { recorded } from "../trace-hook";
import { cholesky as choleskyKernel } from "./cholesky";
import { det as detKernel, slogdet as slogdetKernel } from "./det";
import { type EighOptions, eigh as eighKernel, eigvalsh as eigvalshKernel } from "./eigh";
import { type LstsqOptions, lstsqFull as lstsqKernel } from "./lstsq";
import { type NormOptions, type NormOrder, norm as normKernel } from "./norm";
import { type PinvOptions, pinv as pinvKernel } from "./pinv";
import { qr as qrKernel } from "./qr";
import { inv as invKernel, solve as solveKernel } from "./solve";
import { svd as svdKernel, svdvals as svdvalsKernel } from "./svd";

export type { EighOptions, LstsqOptions, NormOptions, NormOrder, PinvOptions };

/**
 * x with A·x = b (numpy.linalg.solve), by LU with partial pivoting. A: [n, n] (or a stack
 * [..., n, n]); b: [n] → x: [n], or b: [n, k] → x: [n, k]. LinAlgError if A is singular.
 */
export function solve(A: TensorLike, b: TensorLike): Tensor {
  const a = asTensor(A, "linalg.solve");
  const rhs = asTensor(b, "linalg.solve");
  return recorded("linalg.solve", [a, rhs], fromDense(solveKernel(a, rhs)));
}

/** A⁻¹ (numpy.linalg.inv). A: [n, n] or [..., n, n]. LinAlgError if A is singular. */
export function inv(A: TensorLike): Tensor {
  const a = asTensor(A, "linalg.inv");
  return recorded("linalg.inv", [a], fromDense(invKernel(a)));
}

/**
 * det(A) (numpy.linalg.det) via LU: a 0-d Tensor for one matrix (`.item()` gives the number),
 * shape [...] for a stack [..., n, n].
 */
export function det(A: TensorLike): Tensor {
  const a = asTensor(A, "linalg.det");
  return recorded("linalg.det", [a], fromDense(detKernel(a)));
}

/** sign(det A) and log|det A| (numpy.linalg.slogdet), for determinants beyond float64's range. */
export function slogdet(A: TensorLike): { sign: Tensor; logAbsDet: Tensor } {
  const a = asTensor(A, "linalg.slogdet");
  const { sign, logAbsDet } = slogdetKernel(a);
  return {
    sign: recorded("linalg.slogdet", [a], fromDense(sign)),
    logAbsDet: fromDense(logAbsDet),
  };
}

/**
 * The lower Cholesky factor L, A = L·Lᵀ (numpy.linalg.cholesky); `{ upper: true }` gives Lᵀ.
 * Reads A's lower triangle. LinAlgError naming the first leading minor that is not positive
 * definite.
 */
export function cholesky(A: TensorLike, options: { upper?: boolean } = {}): Tensor {
  const a = asTensor(A, "linalg.cholesky");
  return recorded("linalg.cholesky", [a], fromDense(choleskyKernel(a, options)));
}

/**
 * A = Q·R by Householder reflections (numpy.linalg.qr): reduced Q [m, k], R [k, n] with
 * k = min(m, n); `{ mode: "complete" }` gives Q [m, m], R [m, n]. Signs as numpy's (LAPACK's).
 */
export function qr(
  A: TensorLike,
  options: { mode?: "reduced" | "complete" } = {},
): { Q: Tensor; R: Tensor } {
  const a = asTensor(A, "linalg.qr");
  const { Q, R } = qrKernel(a, options);
  return { Q: fromDense(Q), R: recorded("linalg.qr", [a], fromDense(R)) };
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix
 * (numpy.linalg.eigh): A = vectors·diag(values)·vectorsᵀ. Reads the lower triangle (`uplo: "U"`
 * for the upper). Each eigenvector's largest-magnitude entry is positive.
 */
export function eigh(
  A: TensorLike,
  options: EighOptions = {},
): { values: Tensor; vectors: Tensor } {
  const a = asTensor(A, "linalg.eigh");
  const { values, vectors } = eighKernel(a, options);
  return { values: recorded("linalg.eigh", [a], fromDense(values)), vectors: fromDense(vectors) };
}

/** The eigenvalues alone of a symmetric matrix, ascending (numpy.linalg.eigvalsh). */
export function eigvalsh(A: TensorLike, options: EighOptions = {}): Tensor {
  const a = asTensor(A, "linalg.eigvalsh");
  return recorded("linalg.eigvalsh", [a], fromDense(eigvalshKernel(a, options)));
}

/**
 * The thin SVD A = U·diag(S)·Vt (numpy.linalg.svd, full_matrices=False): U [m, k], S [k]
 * descending, Vt [k, n], k = min(m, n). Each column of U has its largest-magnitude entry
 * positive.
 */
export function svd(A: TensorLike): { U: Tensor; S: Tensor; Vt: Tensor } {
  const a = asTensor(A, "linalg.svd");
  const { U, S, Vt } = svdKernel(a);
  return { U: fromDense(U), S: recorded("linalg.svd", [a], fromDense(S)), Vt: fromDense(Vt) };
}

/** The singular values alone, descending (numpy.linalg.svdvals). */
export function svdvals(A: TensorLike): Tensor {
  const a = asTensor(A, "linalg.svdvals");
  return recorded("linalg.svdvals", [a], fromDense(svdvalsKernel(a)));
}

/**
 * The minimum-norm least-squares solution of A·x ≈ b (numpy.linalg.lstsq's x): x = A⁺·b,
 * singular values ≤ rcond·σ_max (default ε·max(m, n)) treated as zero. A: [m, n]; b: [m] →
 * x: [n], or b: [m, k] → x: [n, k].
 */
export function lstsq(A: TensorLike, b: TensorLike, options: LstsqOptions = {}): Tensor {
  return lstsqFull(A, b, options).solution;
}

/** lstsq with numpy's other results: residuals, rank and singular values. */
export function lstsqFull(
  A: TensorLike,
  b: TensorLike,
  options: LstsqOptions = {},
): { solution: Tensor; residuals: Tensor; rank: number; singularValues: Tensor } {
  const a = asTensor(A, "linalg.lstsq");
  const rhs = asTensor(b, "linalg.lstsq");
  const result = lstsqKernel(a, rhs, options);
  return {
    solution: recorded("linalg.lstsq", [a, rhs], fromDense(result.solution)),
    residuals: fromDense(result.residuals),
    rank: result.rank,
    singularValues: fromDense(result.singularValues),
  };
}

/**
 * The Moore–Penrose pseudo-inverse A⁺ (numpy.linalg.pinv) via the SVD, singular values
 * ≤ rcond·σ_max (default 1e-15, numpy 2.4's) treated as zero. A: [m, n] → [n, m].
 */
export function pinv(A: TensorLike, options: PinvOptions = {}): Tensor {
  const a = asTensor(A, "linalg.pinv");
  return recorded("linalg.pinv", [a], fromDense(pinvKernel(a, options)));
}

/**
 * Vector and matrix norms (numpy.linalg.norm): `norm(x)` is the 2-norm of all entries
 * (Frobenius for a matrix), a 0-d Tensor; `ord` picks another norm and `{ axis, keepdims }`
 * norms along one axis (vectors) or two (matrices).
 */
export function norm(x: TensorLike, ord?: NormOrder, options: NormOptions = {}): Tensor {
  const a = asTensor(x, "linalg.norm");
  return recorded("linalg.norm", [a], fromDense(normKernel(a, ord, options)));
}
