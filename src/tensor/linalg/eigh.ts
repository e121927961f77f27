import { type Dense, type Strided } from "../strided";
import { applyReflectors } from "./apply-reflectors";
import { type MatrixStack, readMatrix, squareStack } from "./matrix";
import { orientColumns } from "./orientation";
import { tridiagonalize } from "./tridiagonal";
import { tridiagonalEigen } from "./tridiagonal-dc";
import { tridiagonalQL } from "./tridiagonal-ql";

/** numpy.linalg.eigh's answer: A = V·diag(values)·Vᵀ. */
export interface EighResult {
  /** Eigenvalues in ascending order: [..., n]. */
  readonly values: Dense;
  /** Orthonormal eigenvectors as columns, vectors[:, i] for values[i]: [..., n, n]. */
  readonly vectors: Dense;
}

/** Which triangle of A is read (numpy's UPLO); the other is ignored, as in numpy. */
export interface EighOptions {
  readonly uplo?: "L" | "U";
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix (numpy.linalg.eigh): Householder
 * tridiagonalisation A = Q·T·Qᵀ, divide and conquer on T = Y·Λ·Yᵀ (as numpy's LAPACK dsyevd),
 * and the eigenvectors Q·Y by applying the reflectors in blocks (GEMM). A: [n, n] or a stack [..., n, n]; only the lower triangle is read (the
 * upper with `uplo: "U"`). Values ascend; each eigenvector's largest-magnitude entry is positive
 * (numpy's signs are LAPACK's and may differ). Lesson 002 reads the eigen-shrinkage factors
 * λᵢ/(λᵢ + α) of the Hessian XᵀX from these.
 */
export function eigh(a: Strided, options: EighOptions = {}): EighResult {
  const stack = squareStack("linalg.eigh", a);
  const n = stack.rows;
  const values = new Float64Array(stack.count * n);
  const vectors = new Float64Array(stack.count * n * n);
  for (let index = 0; index < stack.count; index++) {
    const { diagonal, offDiagonal, taus, reflectors } = tridiagonalize(
      readSymmetric(stack, index, options),
      n,
    );
    const y = tridiagonalEigen("linalg.eigh", diagonal, offDiagonal);
    applyReflectors(reflectors, n, n, taus.length, taus, 1, y, n);
    values.set(diagonal, index * n);
    const base = index * n * n;
    vectors.set(y, base);
    orientColumns(vectors, base, n, n);
  }
  return {
    values: { data: values, shape: [...stack.batchShape, n] },
    vectors: { data: vectors, shape: [...stack.batchShape, n, n] },
  };
}

/**
 * The eigenvalues of a real symmetric matrix alone, ascending (numpy.linalg.eigvalsh): the
 * same reduction without accumulating eigenvectors, O(n³) with a far smaller constant.
 */
export function eigvalsh(a: Strided, options: EighOptions = {}): Dense {
  const stack = squareStack("linalg.eigvalsh", a);
  const n = stack.rows;
  const values = new Float64Array(stack.count * n);
  for (let index = 0; index < stack.count; index++) {
    const { diagonal, offDiagonal } = tridiagonalize(readSymmetric(stack, index, options), n);
    tridiagonalQL("linalg.eigvalsh", diagonal, offDiagonal, undefined);
    diagonal.sort();
    values.set(diagonal, index * n);
  }
  return { data: values, shape: [...stack.batchShape, n] };
}

/**
 * Matrix `index` with the triangle numpy reads (lower, or upper for "U") mirrored onto the other.
 * Like numpy, `uplo` may be given in either case; anything else is a RangeError.
 */
function readSymmetric(stack: MatrixStack, index: number, options: EighOptions): Float64Array {
  const uplo = (options.uplo ?? "L").toUpperCase();
  if (uplo !== "L" && uplo !== "U") {
    throw new RangeError(
      `linalg.eigh: uplo must be "L" or "U", got ${JSON.stringify(options.uplo)}`,
    );
  }
  const n = stack.rows;
  const a = readMatrix(stack, index, uplo === "U");
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return a;
}
