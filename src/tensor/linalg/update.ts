import { gemm } from "../gemm";

/**
 * The trailing update of every blocked factorisation here: C[m×n] −= A[m×k] · B[k×n].
 *
 * gemm only adds, so −A is copied into a contiguous m×k scratch first; that copy is O(mk)
 * against the O(mnk) product, and it gives gemm a unit-stride left operand. A and B are read
 * through (offset, rowStride, colStride) like gemm's operands; C is row-major with row stride
 * `ldc`. C must not overlap A or B.
 */
export function subtractProduct(
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
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const negated = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const from = aOffset + i * aRowStride;
    const to = i * k;
    for (let p = 0; p < k; p++) negated[to + p] = -a[from + p * aColStride];
  }
  gemm(m, n, k, negated, 0, k, 1, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, true);
}
