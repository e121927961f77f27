/**
 * The sign convention for eigenvectors and singular vectors. A vector is only determined up to
 * sign, and LAPACK's choice (what numpy shows) depends on its algorithm; gradbook fixes it so
 * results are reproducible: each vector's entry of largest magnitude (the first one, on a tie)
 * is made positive.
 */

/** Another matrix whose row j changes sign with column j (Vt, paired with U's columns). */
export interface Partner {
  readonly rows: Float64Array;
  /** Length of each of its rows. */
  readonly length: number;
}

/**
 * Applies the convention to every column of the row-major rows×cols block of `u` starting at
 * `base`, negating row j of `partner` whenever column j is negated.
 */
export function orientColumns(
  u: Float64Array,
  base: number,
  rows: number,
  cols: number,
  partner?: Partner,
): void {
  for (let j = 0; j < cols; j++) {
    let best = 0;
    let bestAbs = -1;
    for (let i = 0; i < rows; i++) {
      const magnitude = Math.abs(u[base + i * cols + j]);
      if (magnitude > bestAbs) {
        bestAbs = magnitude;
        best = i;
      }
    }
    if (rows === 0 || u[base + best * cols + j] >= 0) continue;
    for (let i = 0; i < rows; i++) u[base + i * cols + j] = -u[base + i * cols + j];
    if (partner) {
      const row = j * partner.length;
      for (let k = 0; k < partner.length; k++) partner.rows[row + k] = -partner.rows[row + k];
    }
  }
}
