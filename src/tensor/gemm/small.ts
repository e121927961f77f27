/**
 * True when plain loops beat packing for an m×k by k×n product: tiny products (measured: the
 * WebAssembly kernel wins from about 5×5×5 up, 8×8×8 takes 1.3 µs blocked against 3.2 µs in
 * loops) and outputs under 4 × 4 (2×k by k×2), where most of every micro-tile would be
 * padding.
 */
export function preferSmall(m: number, n: number, k: number): boolean {
  return m * n * k <= 512 || (m < 4 && n < 4);
}

/**
 * GEMM by plain loops, C = A·B or C += A·B, for products too small to repay packing (same
 * arguments as `gemm`). Row i of C is built as Σ_p A[i,p]·B[p,:], which walks B and C along rows;
 * a single column of B (matrix × vector) is a dot product per row instead.
 */
export function gemmSmall(
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
  accumulate: boolean,
): void {
  if (n === 1) {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      let s = aOffset + i * aRowStride;
      let t = bOffset;
      for (let p = 0; p < k; p++, s += aColStride, t += bRowStride) sum += a[s] * b[t];
      const target = cOffset + i * ldc;
      c[target] = accumulate ? c[target] + sum : sum;
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    const row = cOffset + i * ldc;
    if (!accumulate) c.fill(0, row, row + n);
    for (let p = 0; p < k; p++) {
      const aip = a[aOffset + i * aRowStride + p * aColStride];
      const bRow = bOffset + p * bRowStride;
      if (bColStride === 1) {
        for (let j = 0; j < n; j++) c[row + j] += aip * b[bRow + j];
      } else {
        for (let j = 0; j < n; j++) c[row + j] += aip * b[bRow + j * bColStride];
      }
    }
  }
}
