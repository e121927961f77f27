import { type Dense, type Strided } from "../strided";
import { luFactor } from "./lu";
import { readMatrix, squareStack } from "./matrix";

/** numpy.linalg.slogdet's answer: det(A) = sign · exp(logAbsDet), without overflow. */
export interface SignLogDet {
  /** +1, −1, or 0 for a singular matrix; shape [] for one matrix, the batch shape for a stack. */
  readonly sign: Dense;
  /** log|det A| (−Infinity when singular); same shape as `sign`. */
  readonly logAbsDet: Dense;
}

/**
 * det(A) = sign(P) · ∏ᵢ Uᵢᵢ from P·A = L·U with partial pivoting (numpy.linalg.det); exactly +0
 * when a pivot vanishes. A: [n, n] → shape [], or a stack [..., n, n] → [...].
 */
export function det(a: Strided): Dense {
  const stack = squareStack("linalg.det", a);
  const n = stack.rows;
  const out = new Float64Array(stack.count);
  for (let index = 0; index < stack.count; index++) {
    const { lu, permutationSign, zeroPivot } = luFactor(readMatrix(stack, index), n);
    if (zeroPivot >= 0) continue;
    let product = permutationSign;
    for (let i = 0; i < n; i++) product *= lu[i * n + i];
    out[index] = product;
  }
  return { data: out, shape: stack.batchShape };
}

/**
 * sign(det A) and log|det A| = Σᵢ log|Uᵢᵢ| from the same LU (numpy.linalg.slogdet), for
 * determinants that would overflow or underflow a float64 (e.g. log-likelihoods of Gaussians).
 */
export function slogdet(a: Strided): SignLogDet {
  const stack = squareStack("linalg.slogdet", a);
  const n = stack.rows;
  const sign = new Float64Array(stack.count);
  const logAbsDet = new Float64Array(stack.count);
  for (let index = 0; index < stack.count; index++) {
    const { lu, permutationSign, zeroPivot } = luFactor(readMatrix(stack, index), n);
    if (zeroPivot >= 0) {
      sign[index] = 0;
      logAbsDet[index] = -Infinity;
      continue;
    }
    let s = permutationSign;
    let logSum = 0;
    for (let i = 0; i < n; i++) {
      const u = lu[i * n + i];
      if (u < 0) s = -s;
      logSum += Math.log(Math.abs(u));
    }
    sign[index] = s;
    logAbsDet[index] = logSum;
  }
  return {
    sign: { data: sign, shape: stack.batchShape },
    logAbsDet: { data: logAbsDet, shape: stack.batchShape },
  };
}
