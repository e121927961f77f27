import { Tensor } from "../../../src/tensor";
import { type Layout, layoutOf, type Values } from "./reference";

/** A Tensor of `shape` holding `values`, stored with the given layout (a view unless contiguous). */
export function makeTensor(
  values: Values,
  shape: readonly number[],
  layout: Layout = "contiguous",
): Tensor {
  const { data, strides, offset } = layoutOf(values, shape, layout);
  return new Tensor(data, [...shape], strides, offset);
}
