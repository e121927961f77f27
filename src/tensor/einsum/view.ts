import { contiguousStrides, type Strided } from "../strided";

/**
 * An operand as the einsum kernels see it: a strided view plus the label of each axis. Labels
 * are distinct and every size is above 1 — diagonals are folded into one axis and size-1 axes
 * are dropped (they select index 0 and broadcast for free).
 */
export interface LabelledView extends Strided {
  readonly labels: readonly number[];
}

/**
 * Labels an operand's axes, taking diagonals as views: the axes of a repeated label collapse
 * into one whose stride is the sum of theirs (A[i, i] walks A with stride s₀ + s₁), so 'ii->i'
 * and 'iij->ij' copy nothing before their single pass.
 */
export function labelOperand(operand: Strided, labels: readonly number[]): LabelledView {
  const kept: number[] = [];
  const shape: number[] = [];
  const strides: number[] = [];
  labels.forEach((label, axis) => {
    const size = operand.shape[axis];
    if (size === 1) return;
    const at = kept.indexOf(label);
    if (at === -1) {
      kept.push(label);
      shape.push(size);
      strides.push(operand.strides[axis]);
    } else {
      strides[at] += operand.strides[axis];
    }
  });
  return { data: operand.data, shape, strides, offset: operand.offset, labels: kept };
}

/** A fresh C-contiguous buffer seen as a LabelledView with the given labels and shape. */
export function denseView(
  data: Float64Array,
  labels: readonly number[],
  shape: readonly number[],
): LabelledView {
  return { data, shape, strides: contiguousStrides(shape), offset: 0, labels };
}

/** Stride of `label` in `view`, 0 when the view does not have it (it broadcasts). */
export function strideOf(view: LabelledView, label: number): number {
  const at = view.labels.indexOf(label);
  return at === -1 ? 0 : view.strides[at];
}

/** Size of `label` in `view`, 1 when the view does not have it. */
export function sizeOfLabel(view: LabelledView, label: number): number {
  const at = view.labels.indexOf(label);
  return at === -1 ? 1 : view.shape[at];
}
