/**
 * Householder reflectors H = I − τ·v·vᵀ (v₀ = 1), the building block of QR,
 * tridiagonalisation and bidiagonalisation.
 */

/**
 * Builds the reflector that maps x = data[offset .. offset + length) (unit stride) onto β·e₀,
 * following LAPACK's dlarfg so that R's signs match numpy: β = −sign(x₀)·‖x‖,
 * τ = (β − x₀)/β, v = x/(x₀ − β) after its leading 1. Overwrites x₀ with β and the tail of x
 * with the tail of v; returns τ. When the tail is already zero, τ = 0 (H = I) and x is kept.
 */
export function makeReflector(data: Float64Array, offset: number, length: number): number {
  if (length <= 1) return 0;
  const end = offset + length;
  let scale = 0;
  for (let i = offset + 1; i < end; i++) scale = Math.max(scale, Math.abs(data[i]));
  if (scale === 0) return 0;
  const alpha = data[offset];
  // The tail's norm is summed in units of its largest entry so that squares neither overflow
  // nor underflow.
  const inverseScale = 1 / scale;
  let sumSquares = 0;
  for (let i = offset + 1; i < end; i++) {
    const scaled = data[i] * inverseScale;
    sumSquares += scaled * scaled;
  }
  const norm = Math.hypot(alpha, scale * Math.sqrt(sumSquares));
  const beta = alpha >= 0 ? -norm : norm;
  const tau = (beta - alpha) / beta;
  const factor = 1 / (alpha - beta);
  for (let i = offset + 1; i < end; i++) data[i] *= factor;
  data[offset] = beta;
  return tau;
}
