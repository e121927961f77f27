/**
 * Packs rows × depth of a matrix M (element (i, p) at `src[offset + i·rowStride + p·colStride]`)
 * into `dest` as consecutive 4-row panels, the layout the 4 × 4 micro-kernels read: panel q
 * holds, for p = 0..depth−1, the values M[4q, p], M[4q+1, p], M[4q+2, p], M[4q+3, p]. Rows past
 * `rows` are zeros. A's row panels pack A itself; B's column panels pack Bᵀ (swap B's strides).
 *
 * This is where transposed, sliced and offset views are absorbed, so no kernel ever needs a
 * strided load and no view is ever copied whole.
 */
export function packPanels4(
  src: Float64Array,
  offset: number,
  rowStride: number,
  colStride: number,
  rows: number,
  depth: number,
  dest: Float64Array,
): void {
  const full = rows - (rows % 4);
  if (rowStride === 1) {
    // Rows adjacent in memory (A transposed, B row-major): one contiguous run per p.
    const panelSize = depth * 4;
    for (let p = 0; p < depth; p++) {
      let s = offset + p * colStride;
      let d = p * 4;
      for (let panel = 0; panel < full; panel += 4, s += 4, d += panelSize) {
        dest[d] = src[s];
        dest[d + 1] = src[s + 1];
        dest[d + 2] = src[s + 2];
        dest[d + 3] = src[s + 3];
      }
    }
  } else {
    // Four sequential streams, one per row of the panel.
    const r1 = rowStride;
    const r2 = 2 * rowStride;
    const r3 = 3 * rowStride;
    for (let panel = 0; panel < full; panel += 4) {
      let s = offset + panel * rowStride;
      let d = panel * depth;
      for (let p = 0; p < depth; p++, s += colStride, d += 4) {
        dest[d] = src[s];
        dest[d + 1] = src[s + r1];
        dest[d + 2] = src[s + r2];
        dest[d + 3] = src[s + r3];
      }
    }
  }
  if (full < rows) packTail(src, offset, rowStride, colStride, full, rows, depth, dest);
}

/** The last, partial panel: rows first..rows−1, zero-padded to 4. */
function packTail(
  src: Float64Array,
  offset: number,
  rowStride: number,
  colStride: number,
  first: number,
  rows: number,
  depth: number,
  dest: Float64Array,
): void {
  const live = rows - first;
  let s = offset + first * rowStride;
  let d = first * depth;
  for (let p = 0; p < depth; p++, s += colStride, d += 4) {
    for (let r = 0; r < 4; r++) dest[d + r] = r < live ? src[s + r * rowStride] : 0;
  }
}
