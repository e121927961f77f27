/**
 * General matrix multiply on strided float64 storage:
 *
 *   C[m×n] = A[m×k] · B[k×n]          (accumulate = false)
 *   C[m×n] += A[m×k] · B[k×n]         (accumulate = true)
 *
 * A and B are read through (offset, rowStride, colStride), so transposed or sliced views need
 * no copy. C is written row-major at cOffset with row stride ldc (column stride 1).
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: Float64Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
  accumulate = false,
): void {
  for (let i = 0; i < m; i++) {
    const cRow = cOffset + i * ldc;
    if (!accumulate) c.fill(0, cRow, cRow + n);
    for (let p = 0; p < k; p++) {
      const aip = a[aOffset + i * aRowStride + p * aColStride];
      const bRow = bOffset + p * bRowStride;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j * bColStride];
    }
  }
}
