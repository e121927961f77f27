import fc from "fast-check";
import seedrandom from "seedrandom";

/** A rows × cols matrix seen through (offset, rowStride, colStride) in a larger buffer. */
export interface StridedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** How a test matrix is laid out in its buffer: every way a Tensor view can reach a kernel. */
export const LAYOUTS = [
  "row-major",
  "column-major", // a transposed view
  "padded-rows", // a column slice: row stride larger than the row
  "every-other-column", // a step-2 slice
  "reversed", // negative strides (a flipped view)
  "broadcast-row", // row stride 0: every row is the same buffer row
] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Element (i, j) of a strided matrix. */
export function at(x: StridedMatrix, i: number, j: number): number {
  return x.data[x.offset + i * x.rowStride + j * x.colStride];
}

/** Values drawn by `special` with this probability replace random ones (NaN, ±Inf, 0). */
const SPECIAL_RATE = 0.02;
const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0];

/**
 * A matrix in the given layout, `lead` unused slots before it, filled with uniform values in
 * [-1, 1) from `seed` (and, when `special`, the odd NaN / ±Inf / 0). Unused buffer slots hold
 * a sentinel so a kernel reading outside the view shows up as a wrong result.
 */
export function stridedMatrix(
  rows: number,
  cols: number,
  layout: Layout,
  lead: number,
  seed: number,
  special = false,
): StridedMatrix {
  let rowStride: number;
  let colStride: number;
  let extent: number; // buffer slots spanned by the view
  switch (layout) {
    case "row-major":
      [rowStride, colStride, extent] = [cols, 1, rows * cols];
      break;
    case "column-major":
      [rowStride, colStride, extent] = [1, rows, rows * cols];
      break;
    case "padded-rows":
      [rowStride, colStride, extent] = [cols + 3, 1, rows * (cols + 3)];
      break;
    case "every-other-column":
      [rowStride, colStride, extent] = [2 * cols, 2, rows * 2 * cols];
      break;
    case "reversed":
      [rowStride, colStride, extent] = [-cols, -1, rows * cols];
      break;
    case "broadcast-row":
      [rowStride, colStride, extent] = [0, 1, cols];
      break;
  }
  const data = new Float64Array(lead + extent + 2).fill(1e300);
  const offset = layout === "reversed" ? lead + extent - 1 : lead;
  const random = seedrandom(String(seed));
  const x = { rows, cols, data, offset, rowStride, colStride };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const value =
        special && random() < SPECIAL_RATE
          ? SPECIALS[Math.floor(random() * SPECIALS.length)]
          : 2 * random() - 1;
      data[offset + i * rowStride + j * colStride] = value;
    }
  }
  return x;
}

/** fast-check arbitrary for a layout name. */
export const layoutArbitrary = fc.constantFrom(...LAYOUTS);

/**
 * Checks `actual` against the reference sum `expected` whose terms' absolute values add up to
 * `magnitude`: NaN where the reference is NaN, the same infinity, else within the rounding
 * bound of a `terms`-term dot product (with or without fused multiply-add).
 */
export function closeToReference(
  actual: number,
  expected: number,
  magnitude: number,
  terms: number,
): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 2 * (terms + 1) * Number.EPSILON * magnitude + 1e-300;
}
