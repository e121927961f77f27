import { random } from "../tensor";

/**
 * `count` distinct flat indices out of `total`, drawn uniformly with a seeded generator and
 * returned in increasing order (Floyd's algorithm: `count` draws, no array of size `total`).
 * All indices when `count ≥ total`.
 */
export function sampleIndices(total: number, count: number, seed: number | string): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  const rng = random(seed);
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const pick = Math.floor(rng.float() * (j + 1));
    chosen.add(chosen.has(pick) ? j : pick);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** A unit vector in a seeded random direction (normal entries, normalized), of length `size`. */
export function randomDirection(size: number, seed: number | string): Float64Array {
  const rng = random(seed);
  const direction = new Float64Array(size);
  let norm = 0;
  for (let i = 0; i < size; i++) {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const radius = Math.sqrt(-2 * Math.log(1 - rng.float()));
    direction[i] = radius * Math.cos(2 * Math.PI * rng.float());
    norm += direction[i] ** 2;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < size; i++) direction[i] /= norm;
  return direction;
}

/** The multi-index of flat C-order position `flat` in `shape`: 5 in [2, 3] is [1, 2]. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}
