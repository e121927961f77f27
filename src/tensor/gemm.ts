import { gemmBlocked } from "./gemm/blocked";
import { defaultGemmBackend } from "./gemm/select";
import { gemmSmall, preferSmall } from "./gemm/small";
import {
  gemmThinRight,
  gemmThinTransposed,
  prefersThinRight,
  prefersThinTransposed,
} from "./gemm/thin";

/**
 * General matrix multiply on strided float64 storage:
 *
 *   C[m×n] = A[m×k] · B[k×n]          (accumulate = false)
 *   C[m×n] += A[m×k] · B[k×n]         (accumulate = true)
 *
 * A and B are read through (offset, rowStride, colStride), so transposed or sliced views need
 * no copy. C is written row-major at cOffset with row stride ldc (column stride 1). Every
 * product is formed, so NaN and ±Inf propagate as the sums say (0·Inf = NaN included).
 *
 * Large products run cache-blocked on a register-tiled micro-kernel (WebAssembly SIMD when the
 * runtime has it, plain JS otherwise; see gemm/select.ts), small ones on plain loops, and
 * products with a thin right operand (XᵀG, A·W: a linear model's gradient and forward pass) on
 * kernels that copy the wide operand's rows instead of packing them (gemm/thin.ts).
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
  if (m === 0 || n === 0) return;
  if (preferSmall(m, n, k)) {
    // prettier-ignore
    gemmSmall(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate);
    return;
  }
  const backend = defaultGemmBackend();
  const thin = backend.thin;
  if (thin !== undefined && prefersThinTransposed(m, n, aRowStride)) {
    // prettier-ignore
    gemmThinTransposed(thin, m, n, k, a, aOffset, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate);
  } else if (thin !== undefined && prefersThinRight(m, n, k, aColStride)) {
    // prettier-ignore
    gemmThinRight(thin, m, n, k, a, aOffset, aRowStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate);
  } else {
    // prettier-ignore
    gemmBlocked(backend, m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate);
  }
}
