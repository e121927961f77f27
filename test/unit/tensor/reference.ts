/*
 * Naive reference implementations for the tensor property tests: plain nested arrays and
 * multi-index loops, sharing no code with src/tensor (no strides, no coalescing).
 */
import fc from "fast-check";

export type Values = number | Values[];

/** Every multi-index of `shape`, in C order. */
export function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const size of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < size; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

export function at(values: Values, index: readonly number[]): number {
  let v = values;
  for (const i of index) v = (v as Values[])[i];
  return v as number;
}

/** Nested arrays of `shape` whose element at `index` is f(index). */
export function build(
  shape: readonly number[],
  f: (index: number[]) => number,
  prefix: number[] = [],
): Values {
  if (prefix.length === shape.length) return f(prefix);
  const out: Values[] = [];
  for (let i = 0; i < shape[prefix.length]; i++) out.push(build(shape, f, [...prefix, i]));
  return out;
}

export function flat(values: Values): number[] {
  return Array.isArray(values) ? values.flatMap(flat) : [values];
}

/** numpy broadcasting, or null when the shapes do not broadcast. */
export function refBroadcast(shapes: readonly (readonly number[])[]): number[] | null {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let k = 0; k < ndim; k++) {
    const sizes = shapes.map((s) => (k - (ndim - s.length) >= 0 ? s[k - (ndim - s.length)] : 1));
    const big = sizes.filter((s) => s !== 1);
    if (big.some((s) => s !== big[0])) return null;
    out.push(big.length > 0 ? big[0] : 1);
  }
  return out;
}

/** Element of `values` (shape `shape`) seen through broadcasting at output index `index`. */
export function broadcastAt(
  values: Values,
  shape: readonly number[],
  index: readonly number[],
): number {
  const lead = index.length - shape.length;
  return at(
    values,
    shape.map((size, k) => (size === 1 ? 0 : index[lead + k])),
  );
}

/** A shape of up to `maxDims` axes with sizes 0..maxSize (size 0 and 1 included). */
export function arbShape(maxDims = 3, maxSize = 3): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: maxSize }), { maxLength: maxDims });
}

/** Small values with a few exact repeats (ties) and sign changes. */
export function arbValue(): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -10, max: 10, noNaN: true }));
}

/** Two shapes that broadcast together: a common shape with some axes set to 1 or dropped. */
export function arbBroadcastPair(): fc.Arbitrary<[number[], number[]]> {
  return arbShape(4, 3).chain((shape) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.nat(shape.length),
        fc.nat(shape.length),
      )
      .map(([onesA, onesB, dropA, dropB]) => {
        const a = shape.map((s, k) => (onesA[k] ? 1 : s)).slice(Math.min(dropA, shape.length));
        const b = shape.map((s, k) => (onesB[k] ? 1 : s)).slice(Math.min(dropB, shape.length));
        return [a, b] as [number[], number[]];
      }),
  );
}

/** Arbitrary nested values for a shape. */
export function arbValues(shape: readonly number[]): fc.Arbitrary<Values> {
  const size = shape.reduce((p, s) => p * s, 1);
  return fc.array(arbValue(), { minLength: size, maxLength: size }).map((list) => {
    let next = 0;
    return build(shape, () => list[next++]);
  });
}

/** How a test tensor is laid out in memory: contiguous, transposed, reversed or strided. */
export type Layout = "contiguous" | "transposed" | "reversed" | "strided";
export const arbLayout: fc.Arbitrary<Layout> = fc.constantFrom(
  "contiguous",
  "transposed",
  "reversed",
  "strided",
);

function cStrides(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let step = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = step;
    step *= shape[k];
  }
  return strides;
}

/**
 * Storage for a tensor of `shape` holding `values`, laid out as `layout` with junk (999) in
 * every slot the view must not read. Built by index arithmetic here, not by src's view code.
 */
export function layoutOf(
  values: Values,
  shape: readonly number[],
  layout: Layout,
): { data: Float64Array; strides: number[]; offset: number } {
  const ndim = shape.length;
  const size = shape.reduce((p, s) => p * s, 1);
  if (layout === "contiguous" || size === 0) {
    const data = new Float64Array(size);
    indices(shape).forEach((index, k) => (data[k] = at(values, index)));
    return { data, strides: cStrides(shape), offset: 0 };
  }
  if (layout === "transposed") {
    const physical = [...shape].reverse();
    const ps = cStrides(physical);
    const data = new Float64Array(size);
    indices(physical).forEach((index, k) => (data[k] = at(values, [...index].reverse())));
    return { data, strides: shape.map((_, k) => ps[ndim - 1 - k]), offset: 0 };
  }
  if (layout === "reversed") {
    const cs = cStrides(shape);
    const data = new Float64Array(size);
    indices(shape).forEach(
      (index, k) =>
        (data[k] = at(
          values,
          index.map((i, axis) => shape[axis] - 1 - i),
        )),
    );
    const offset = shape.reduce((sum, s, k) => sum + (s - 1) * cs[k], 0);
    return { data, strides: cs.map((s) => -s), offset };
  }
  const physical = shape.map((s) => 2 * s);
  const ps = cStrides(physical);
  const pad = 3;
  const data = new Float64Array(pad + physical.reduce((p, s) => p * s, 1)).fill(999);
  for (const index of indices(shape)) {
    data[pad + index.reduce((sum, i, k) => sum + 2 * i * ps[k], 0)] = at(values, index);
  }
  return { data, strides: ps.map((s) => 2 * s), offset: pad };
}
