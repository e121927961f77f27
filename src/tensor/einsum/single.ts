import { sizeOf } from "../strided";
import { accumulateProducts, type Walk } from "./direct";
import { denseView, type LabelledView } from "./view";

// A broadcast 1 lets the one-operand case reuse the product loop: a·1 is exactly a.
const ONE = Float64Array.of(1);

/**
 * One-operand einsum into zeroed storage: out[kept labels] = Σ over the other labels of
 * view[all labels]. With every label kept it is a permutation ('ij->ji'), with none a full sum
 * ('ij->'); diagonals and traces ('ii->i', 'ii') arrive here already folded into the view's
 * strides. `outStrides[t]` is where `outLabels[t]` steps in `out`; labels of `outLabels` the
 * view lacks (size-1 axes) are skipped.
 */
export function sumInto(
  view: LabelledView,
  out: Float64Array,
  outOffset: number,
  outLabels: readonly number[],
  outStrides: readonly number[],
): void {
  const cStrides = view.labels.map((label) => {
    const at = outLabels.indexOf(label);
    return at === -1 ? 0 : outStrides[at];
  });
  const one: Walk = {
    data: ONE,
    offset: 0,
    strides: new Array<number>(view.labels.length).fill(0),
  };
  accumulateProducts(view.sizes, view, one, { data: out, offset: outOffset, strides: cStrides });
}

/**
 * The view summed over every label not in `order` and laid out C-contiguously in that order
 * (labels of `order` the view lacks are skipped): the fresh intermediate a contraction needs
 * when a label belongs to one operand only, or when a layout does not merge.
 */
export function sumToDense(view: LabelledView, order: readonly number[]): LabelledView {
  const labels = order.filter((label) => view.labels.includes(label));
  const sizes = labels.map((label) => view.sizes[view.labels.indexOf(label)]);
  let size = 1;
  for (const dim of sizes) size *= dim;
  const dense = denseView(new Float64Array(size), labels, sizes);
  sumInto(view, dense.data, 0, dense.labels, dense.strides);
  return dense;
}

/** Sets every element `view` addresses to 0 (`out` of an einsum into existing storage). */
export function zeroFill(view: LabelledView): void {
  const { data, sizes, strides } = view;
  const ndim = sizes.length;
  if (ndim === 0) {
    data[view.offset] = 0;
    return;
  }
  // A C-contiguous view (the usual `out`) is one run: walking it row by row cost 1 ms for the
  // seed's [100000, 2] output, as much as the einsum itself.
  let run = 1;
  for (let axis = ndim - 1; axis >= 0 && strides[axis] === run; axis--) run *= sizes[axis];
  if (run === sizeOf(sizes)) {
    data.fill(0, view.offset, view.offset + run);
    return;
  }
  const inner = sizes[ndim - 1];
  const step = strides[ndim - 1];
  const index = new Array<number>(ndim - 1).fill(0);
  let rows = 1;
  for (let axis = 0; axis < ndim - 1; axis++) rows *= sizes[axis];
  let start = view.offset;
  for (let row = 0; row < rows; row++) {
    for (let i = 0, at = start; i < inner; i++, at += step) data[at] = 0;
    for (let axis = ndim - 2; axis >= 0; axis--) {
      start += strides[axis];
      if (++index[axis] < sizes[axis]) break;
      start -= strides[axis] * sizes[axis];
      index[axis] = 0;
    }
  }
}
