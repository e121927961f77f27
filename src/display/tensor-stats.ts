import type { TensorStats } from "../protocol";
import { sizeOf, type Strided } from "../tensor/strided";
import { runs } from "../tensor/walk";

/**
 * Calls `visit(start, stride, length)` for every run of the innermost axis of `view` (one call
 * for a contiguous view), so per-element loops stay tight whatever the layout.
 */
export function forEachRun(
  view: Strided,
  visit: (start: number, stride: number, length: number) => void,
): void {
  const { length, steps, outer } = runs(view.shape, [view.strides], [view.offset]);
  if (length === 0) return;
  for (let run = 0; run < outer.count; run++, outer.next()) visit(outer.at[0], steps[0], length);
}

/** Min, max, sum and count of the finite entries, and the NaN and ±Infinity counts. */
export interface ValueScan {
  finite: number;
  sum: number;
  min: number;
  max: number;
  nanCount: number;
  infCount: number;
}

/** One pass over `view` collecting a `ValueScan`. */
export function scanValues(view: Strided): ValueScan {
  // [finite, sum, min, max, nanCount, infCount], updated run by run in scanRun's locals:
  // accumulating in variables captured by the callback would be several times slower.
  const totals = Float64Array.of(0, 0, Infinity, -Infinity, 0, 0);
  forEachRun(view, (start, stride, length) => scanRun(view.data, start, stride, length, totals));
  const [finite, sum, min, max, nanCount, infCount] = totals;
  return { finite, sum, min, max, nanCount, infCount };
}

function scanRun(
  data: Float64Array,
  start: number,
  stride: number,
  length: number,
  totals: Float64Array,
): void {
  let finite = 0;
  let sum = 0;
  let min = totals[2];
  let max = totals[3];
  let nonFinite = 0;
  let nanCount = 0;
  for (let i = 0, p = start; i < length; i++, p += stride) {
    const value = data[p];
    if (value - value === 0) {
      finite++;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    } else {
      nonFinite++;
      if (value !== value) nanCount++;
    }
  }
  totals[0] += finite;
  totals[1] += sum;
  totals[2] = min;
  totals[3] = max;
  totals[4] += nanCount;
  totals[5] += nonFinite - nanCount;
}

/**
 * min, max, mean and (population) standard deviation over the finite entries of `view`, with
 * the counts of NaN and ±Infinity entries; null for an empty tensor. Two passes: the mean, then
 * Σ(x − mean)², which keeps the standard deviation accurate when |mean| ≫ std.
 */
export function tensorStats(view: Strided): TensorStats | null {
  if (sizeOf(view.shape) === 0) return null;
  const scan = scanValues(view);
  const { nanCount, infCount } = scan;
  if (scan.finite === 0) {
    return { min: null, max: null, mean: null, std: null, nanCount, infCount };
  }
  const mean = scan.sum / scan.finite;
  const squares = Float64Array.of(0);
  forEachRun(view, (start, stride, length) => {
    squares[0] += squaredDeviations(view.data, start, stride, length, mean);
  });
  return {
    min: scan.min,
    max: scan.max,
    mean,
    std: Math.sqrt(squares[0] / scan.finite),
    nanCount,
    infCount,
  };
}

function squaredDeviations(
  data: Float64Array,
  start: number,
  stride: number,
  length: number,
  mean: number,
): number {
  let squares = 0;
  for (let i = 0, p = start; i < length; i++, p += stride) {
    const deviation = data[p] - mean;
    if (deviation - deviation === 0) squares += deviation * deviation;
  }
  return squares;
}
