import type { LabelledView } from "./view";

/**
 * The stride of the single axis that a group of labels forms when read in `order` (outermost
 * first), or null when they do not walk memory as one axis: each label's stride must be the
 * next one's stride times the next one's size. An empty group is one index and gets stride 0.
 * This is what lets a GEMM read [batch, free, contracted] straight from a permuted view.
 */
export function mergedStride(view: LabelledView, order: readonly number[]): number | null {
  if (order.length === 0) return 0;
  let stride = 0;
  for (let t = 0; t < order.length; t++) {
    const at = view.labels.indexOf(order[t]);
    if (t > 0 && stride !== view.strides[at] * view.shape[at]) return null;
    stride = view.strides[at];
  }
  return stride;
}

/**
 * The labels of `group` ordered by decreasing |stride| in `view` (ties keep the view's axis
 * order): the one order in which they can merge, if any does.
 */
export function memoryOrder(view: LabelledView, group: readonly number[]): number[] {
  const position = (label: number) => view.labels.indexOf(label);
  const stride = (label: number) => Math.abs(view.strides[position(label)]);
  return [...group].sort((x, y) => stride(y) - stride(x) || position(x) - position(y));
}

/** `group` in the order its labels have in `view`. */
export function viewOrder(view: LabelledView, group: readonly number[]): number[] {
  return view.labels.filter((label) => group.includes(label));
}
