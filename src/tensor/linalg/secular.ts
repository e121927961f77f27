/**
 * The rank-one eigenproblem at the heart of divide and conquer: the eigenvalues λ and
 * eigenvectors of D + ρ·z·zᵀ, D = diag(d) with d strictly ascending, every zᵢ ≠ 0, ρ > 0.
 *
 * The eigenvalues are the roots of the secular equation
 *
 *   f(λ) = 1 + ρ·Σᵢ zᵢ² / (dᵢ − λ) = 0,
 *
 * one in each gap (dⱼ, dⱼ₊₁) and the last in (d_{k−1}, d_{k−1} + ρ‖z‖²]. Each root is found
 * relative to its nearer pole (λ = d_origin + τ) so every difference dᵢ − λ = (dᵢ − d_origin) − τ
 * is computed without cancellation. The eigenvectors use Gu and Eisenstat's recomputed ẑ
 * (Löwner's formula), for which the computed λ are exact eigenvalues, so the vectors
 * ẑᵢ/(dᵢ − λⱼ) come out orthogonal to working precision.
 */

const EPS = Number.EPSILON;
const MAX_ITERATIONS = 100;

/** λ ascending and W (k×k row-major; column j is the unit eigenvector of λⱼ). */
export interface RankOneEigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of D + ρ·z·zᵀ for d (length k) strictly ascending, zᵢ ≠ 0 and ρ > 0:
 * O(k²) work, a handful of iterations per root.
 */
export function rankOneEigen(d: Float64Array, z: Float64Array, rho: number): RankOneEigen {
  const k = d.length;
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  if (k === 1) {
    values[0] = d[0] + rho * z[0] * z[0];
    vectors[0] = 1;
    return { values, vectors };
  }
  // differences[j·k + i] = dᵢ − λⱼ, accurate to a few ulps of itself.
  const differences = new Float64Array(k * k);
  const shifted = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const origin = chooseOrigin(d, z, rho, j);
    for (let i = 0; i < k; i++) shifted[i] = d[i] - d[origin];
    const tau = secularRoot(shifted, z, rho, j, origin);
    values[j] = d[origin] + tau;
    const row = j * k;
    for (let i = 0; i < k; i++) differences[row + i] = shifted[i] - tau;
  }
  const zHat = loewnerWeights(d, z, rho, differences);
  for (let j = 0; j < k; j++) {
    const row = j * k;
    let sumSquares = 0;
    for (let i = 0; i < k; i++) {
      const u = zHat[i] / differences[row + i];
      sumSquares += u * u;
    }
    const inverseNorm = 1 / Math.sqrt(sumSquares);
    for (let i = 0; i < k; i++) vectors[i * k + j] = (zHat[i] / differences[row + i]) * inverseNorm;
  }
  return { values, vectors };
}

/**
 * The pole the j-th root is measured from: dⱼ if the root lies in the lower half of its gap
 * (f at the midpoint is ≥ 0, f being increasing), else dⱼ₊₁. The last root uses d_{k−1}.
 */
function chooseOrigin(d: Float64Array, z: Float64Array, rho: number, j: number): number {
  const k = d.length;
  if (j === k - 1) return j;
  const half = (d[j + 1] - d[j]) / 2;
  let f = 1;
  for (let i = 0; i < k; i++) f += (rho * z[i] * z[i]) / (d[i] - d[j] - half);
  return f >= 0 ? j : j + 1;
}

/**
 * τ with f(d_origin + τ) = 0 for the j-th root, given the shifted poles δᵢ = dᵢ − d_origin.
 * Each step models the poles left of the root (i ≤ j) by one pole at δⱼ and the rest by one at
 * δⱼ₊₁, both matched in value and slope at τ, and solves that two-pole model exactly (the
 * "fixed weight" iteration of Bunch, Nielsen and Sorensen). The root stays bracketed; a step
 * that leaves the bracket is replaced by bisection.
 */
function secularRoot(
  delta: Float64Array,
  z: Float64Array,
  rho: number,
  j: number,
  origin: number,
): number {
  const k = delta.length;
  const last = j === k - 1;
  let low: number;
  let high: number;
  if (last) {
    let normSquared = 0;
    for (let i = 0; i < k; i++) normSquared += z[i] * z[i];
    low = 0;
    high = rho * normSquared;
  } else if (origin === j) {
    low = 0;
    high = delta[j + 1] / 2;
  } else {
    low = delta[j] / 2;
    high = 0;
  }
  let tau = (low + high) / 2;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let psi = 0;
    let dPsi = 0;
    let phi = 0;
    let dPhi = 0;
    for (let i = 0; i <= j; i++) {
      const weight = (rho * z[i] * z[i]) / (delta[i] - tau);
      psi += weight;
      dPsi += weight / (delta[i] - tau);
    }
    for (let i = j + 1; i < k; i++) {
      const weight = (rho * z[i] * z[i]) / (delta[i] - tau);
      phi += weight;
      dPhi += weight / (delta[i] - tau);
    }
    const f = 1 + psi + phi;
    if (f === 0) return tau;
    if (f < 0) low = tau;
    else high = tau;
    const bound = 8 * EPS * (1 + Math.abs(psi) + Math.abs(phi) + Math.abs(tau) * (dPsi + dPhi));
    if (Math.abs(f) <= bound) return tau;
    const left = delta[j] - tau;
    let step: number;
    if (last) {
      const constant = f - dPsi * left;
      step = constant === 0 ? NaN : left + (dPsi * left * left) / constant;
    } else {
      step = twoPoleStep(f, left, delta[j + 1] - tau, dPsi, dPhi);
    }
    let next = tau + step;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (next === tau || high - low <= 2 * EPS * Math.max(Math.abs(low), Math.abs(high))) {
      return next;
    }
    tau = next;
  }
  return tau;
}

/**
 * The root η of the model C + b/(left − η) + e/(right − η) = 0 between the poles left < 0 <
 * right, where b = ψ'·left², e = φ'·right² and C = f − ψ'·left − φ'·right reproduce f and f′
 * at η = 0. Multiplied out it is the quadratic C·η² − A·η + left·right·f = 0, solved stably.
 */
function twoPoleStep(f: number, left: number, right: number, dPsi: number, dPhi: number): number {
  const b = dPsi * left * left;
  const e = dPhi * right * right;
  const c = f - dPsi * left - dPhi * right;
  const a = c * (left + right) + b + e;
  const constant = left * right * f;
  if (c === 0) return constant / a;
  const discriminant = Math.max(a * a - 4 * c * constant, 0);
  const q = 0.5 * (a + (a >= 0 ? 1 : -1) * Math.sqrt(discriminant));
  const first = q / c;
  const second = q === 0 ? first : constant / q;
  return first > left && first < right ? first : second;
}

/**
 * ẑ with |ẑᵢ|² = ∏ⱼ(λⱼ − dᵢ) / (ρ·∏_{j≠i}(dⱼ − dᵢ)), the weights for which the computed λ are
 * the exact eigenvalues of D + ρ·ẑ·ẑᵀ; signs from z. The product is taken as ratios of
 * interlaced neighbours, each of moderate size, so it neither overflows nor underflows.
 */
function loewnerWeights(
  d: Float64Array,
  z: Float64Array,
  rho: number,
  differences: Float64Array,
): Float64Array {
  const k = d.length;
  const zHat = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let product = -differences[(k - 1) * k + i] / rho;
    for (let j = 0; j < i; j++) product *= -differences[j * k + i] / (d[j] - d[i]);
    for (let j = i; j < k - 1; j++) product *= -differences[j * k + i] / (d[j + 1] - d[i]);
    zHat[i] = (z[i] >= 0 ? 1 : -1) * Math.sqrt(Math.max(product, 0));
  }
  return zHat;
}
