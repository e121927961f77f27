import { gramBlocked } from "./gemm/blocked";
import { defaultGemmBackend } from "./gemm/select";

/**
 * Gram matrix C[n×n] = AᵀA of A[m×n], e.g. XᵀX in the normal equation (XᵀX)w = Xᵀy.
 *
 * A is read through (aOffset, aRowStride, aColStride); C is written row-major at cOffset with
 * row stride ldc. Only the upper triangle is computed (half the multiply-adds of a general
 * product) and then mirrored, so C is exactly symmetric. NaN and ±Inf propagate as in AᵀA.
 */
export function gram(
  m: number,
  n: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
): void {
  if (n === 0) return;
  // Measured: the blocked kernel wins from about 5×5 up, and even for 100000×2.
  if (m * n * n <= 256) {
    gramSmall(m, n, a, aOffset, aRowStride, aColStride, c, cOffset, ldc);
  } else {
    gramBlocked(defaultGemmBackend(), m, n, a, aOffset, aRowStride, aColStride, c, cOffset, ldc);
  }
  mirrorUpper(n, c, cOffset, ldc);
}

/** Upper triangle of AᵀA as a sum of rank-one updates, one row of A at a time. */
function gramSmall(
  m: number,
  n: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
): void {
  for (let i = 0; i < n; i++) c.fill(0, cOffset + i * ldc + i, cOffset + i * ldc + n);
  for (let p = 0; p < m; p++) {
    const rowOfA = aOffset + p * aRowStride;
    for (let i = 0; i < n; i++) {
      const api = a[rowOfA + i * aColStride];
      const rowOfC = cOffset + i * ldc;
      for (let j = i; j < n; j++) c[rowOfC + j] += api * a[rowOfA + j * aColStride];
    }
  }
}

/** C[j][i] = C[i][j] for i < j: copies the upper triangle onto the lower. */
function mirrorUpper(n: number, c: Float64Array, cOffset: number, ldc: number): void {
  for (let i = 1; i < n; i++) {
    const row = cOffset + i * ldc;
    for (let j = 0; j < i; j++) c[row + j] = c[cOffset + j * ldc + i];
  }
}
