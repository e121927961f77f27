import { gemm } from "../gemm";
import { type Dense, type Strided } from "../strided";
import { matrixStack } from "./matrix";
import { decompose } from "./svd";

/** The cutoff for small singular values (numpy's `rcond`). */
export interface PinvOptions {
  /**
   * Singular values ≤ rcond·σ_max are treated as zero. Default 1e-15: what numpy 2.4's pinv
   * uses when neither `rcond` nor `rtol` is given (its Array-API `rtol=None` would instead mean
   * max(m, n)·ε).
   */
  readonly rcond?: number;
}

/**
 * The Moore–Penrose pseudo-inverse A⁺ = V·Σ⁺·Uᵀ (numpy.linalg.pinv), Σ⁺ inverting the singular
 * values above rcond·σ_max and zeroing the rest. A: [m, n] → A⁺: [n, m], or a stack
 * [..., m, n] → [..., n, m]. A·A⁺·A = A; for full column rank A⁺ = (AᵀA)⁻¹Aᵀ, the matrix
 * of the normal equation.
 */
export function pinv(a: Strided, options: PinvOptions = {}): Dense {
  const rcond = options.rcond ?? 1e-15;
  const stack = matrixStack("linalg.pinv", a);
  const { rows: m, cols: n, count, batchShape } = stack;
  const k = Math.min(m, n);
  const out = new Float64Array(count * n * m);
  for (let index = 0; index < count; index++) {
    const { s, u, vt } = decompose("linalg.pinv", stack, index);
    const cutoff = rcond * (k > 0 ? s[0] : 0);
    let rank = 0;
    while (rank < k && s[rank] > cutoff) rank++;
    // V·Σ⁺ (n × rank) times Uᵀ (rank × m, read through U's strides).
    const scaled = new Float64Array(n * rank);
    for (let i = 0; i < rank; i++) {
      const inverse = 1 / s[i];
      for (let j = 0; j < n; j++) scaled[j * rank + i] = vt[i * n + j] * inverse;
    }
    gemm(n, m, rank, scaled, 0, rank, 1, u, 0, 1, k, out, index * n * m, m);
  }
  return { data: out, shape: [...batchShape, n, m] };
}
