import { accumulateProducts } from "./direct";
import { sizeOf } from "../strided";
import { denseView, type LabelledView, sizeOfLabel, strideOf } from "./view";

// A broadcast 1 lets the one-operand case reuse the product loop: a·1 is exactly a.
const ONE = Float64Array.of(1);

/**
 * One-operand einsum into zeroed storage: out[kept labels] = Σ over the other labels of
 * view[all labels]. With every label kept it is a permutation ('ij->ji'), with none a full sum
 * ('ij->'); diagonals and traces ('ii->i', 'ii') arrive here already folded into the view's
 * strides. Labels of `out` the view lacks (size-1 axes) are skipped.
 */
export function sumInto(view: LabelledView, out: LabelledView): void {
  const zeros = new Array<number>(view.labels.length).fill(0);
  const one = { data: ONE, shape: view.shape, strides: zeros, offset: 0 };
  const outStrides = view.labels.map((label) => strideOf(out, label));
  accumulateProducts(view, one, {
    data: out.data,
    shape: view.shape,
    strides: outStrides,
    offset: out.offset,
  });
}

/**
 * The view summed over every label not in `order` and laid out C-contiguously in that order
 * (labels of `order` the view lacks are skipped): the fresh intermediate a contraction needs
 * when a label belongs to one operand only, or when a layout does not merge.
 */
export function sumToDense(view: LabelledView, order: readonly number[]): LabelledView {
  const labels = order.filter((label) => view.labels.includes(label));
  const shape = labels.map((label) => sizeOfLabel(view, label));
  const dense = denseView(new Float64Array(sizeOf(shape)), labels, shape);
  sumInto(view, dense);
  return dense;
}
