import type { Strided } from "../../../src/tensor/strided";

/**
 * The einsum oracle for the property tests: a deliberately naive implementation, written
 * straight from numpy's documentation with no code shared with src/tensor/einsum. It parses the
 * spec on its own, then loops over every combination of every label and adds the product of
 * the operands' elements to the output. It also returns the same sum over absolute values, so
 * a comparison can scale its tolerance to the terms actually added (cancellation-proof).
 */
export function naiveEinsum(
  spec: string,
  operands: readonly Strided[],
): { data: Float64Array; absolute: Float64Array; shape: number[] } {
  const text = spec.replace(/ /g, "");
  const [lhs, rhs] = text.includes("->") ? text.split("->") : [text, undefined];
  const terms = lhs.split(",");
  const ellipsisWidth = (term: string, ndim: number) =>
    term.includes("...") ? ndim - term.replace("...", "").length : 0;
  const width = Math.max(
    0,
    ...terms.map((term, i) => ellipsisWidth(term, operands[i].shape.length)),
  );
  const broadcastNames = (count: number) =>
    Array.from({ length: count }, (_, d) => `#${width - count + d}`);
  const expand = (term: string, count: number): string[] => {
    const [before, after] = term.includes("...") ? term.split("...") : [term, ""];
    return [...before, ...(term.includes("...") ? broadcastNames(count) : []), ...after];
  };
  const inputs = terms.map((term, i) =>
    expand(term, ellipsisWidth(term, operands[i].shape.length)),
  );
  let output: string[];
  if (rhs === undefined) {
    const all = inputs.flat().filter((name) => !name.startsWith("#"));
    const once = [...new Set(all)].filter((name) => all.indexOf(name) === all.lastIndexOf(name));
    output = [...broadcastNames(width), ...once.sort()];
  } else {
    output = expand(rhs, width);
  }
  const sizes = new Map<string, number>();
  // numpy's broadcasting: a size of 1 gives way to any other size, 0 included.
  inputs.forEach((names, i) =>
    names.forEach((name, axis) => {
      const known = sizes.get(name);
      if (known === undefined || known === 1) sizes.set(name, operands[i].shape[axis]);
    }),
  );
  const labels = [...sizes.keys()];
  const shape = output.map((name) => sizes.get(name) as number);
  const outSize = shape.reduce((p, d) => p * d, 1);
  const data = new Float64Array(outSize);
  const absolute = new Float64Array(outSize);
  const total = labels.reduce((p, name) => p * (sizes.get(name) as number), 1);
  const value = new Map<string, number>();
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    for (let l = labels.length - 1; l >= 0; l--) {
      const size = sizes.get(labels[l]) as number;
      value.set(labels[l], rest % size);
      rest = Math.floor(rest / size);
    }
    let product = 1;
    inputs.forEach((names, i) => {
      const operand = operands[i];
      let at = operand.offset;
      // A size-1 axis broadcasts: it is read at index 0 whatever the label's value.
      names.forEach((name, axis) => {
        if (operand.shape[axis] !== 1) at += (value.get(name) as number) * operand.strides[axis];
      });
      product *= operand.data[at];
    });
    let out = 0;
    output.forEach((name) => {
      out = out * (sizes.get(name) as number) + (value.get(name) as number);
    });
    data[out] += product;
    absolute[out] += Math.abs(product);
  }
  return { data, absolute, shape };
}

/** How to lay an operand out in memory: axis order, gaps between elements, reversed axes. */
export interface Layout {
  /** Physical order of the logical axes, outermost first (a permutation). */
  readonly order: readonly number[];
  /** Every element sits `step` slots after the previous one (1 = dense). */
  readonly step: number;
  /** Logical axes stored back to front (negative strides). */
  readonly flipped: readonly boolean[];
  /** Unused slots before the first element. */
  readonly lead: number;
}

/**
 * A Strided view whose logical C-order elements are `values` but whose memory is laid out as
 * `layout` says: transposed, strided with gaps, reversed and offset — as Tensor views are.
 */
export function stridedView(
  values: ArrayLike<number>,
  shape: readonly number[],
  layout: Layout,
): Strided {
  const ndim = shape.length;
  const strides = new Array<number>(ndim).fill(0);
  let step = layout.step;
  for (let p = ndim - 1; p >= 0; p--) {
    strides[layout.order[p]] = step;
    step *= Math.max(shape[layout.order[p]], 1);
  }
  let offset = layout.lead;
  for (let axis = 0; axis < ndim; axis++) {
    if (layout.flipped[axis] && shape[axis] > 0) {
      offset += (shape[axis] - 1) * strides[axis];
      strides[axis] = -strides[axis];
    }
  }
  const data = new Float64Array(layout.lead + step + 1).fill(Number.NaN);
  const index = new Array<number>(ndim).fill(0);
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    for (let axis = ndim - 1; axis >= 0; axis--) {
      index[axis] = rest % shape[axis];
      rest = Math.floor(rest / shape[axis]);
    }
    let at = offset;
    for (let axis = 0; axis < ndim; axis++) at += index[axis] * strides[axis];
    data[at] = values[flat];
  }
  return { data, shape: [...shape], strides, offset };
}

/** A C-contiguous Strided over `values`. */
export function dense(values: ArrayLike<number>, shape: readonly number[]): Strided {
  return stridedView(values, shape, {
    order: shape.map((_, axis) => axis),
    step: 1,
    flipped: shape.map(() => false),
    lead: 0,
  });
}
