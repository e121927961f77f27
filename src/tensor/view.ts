import { ShapeError } from "./errors";
import { contiguousStrides, sizeOf, type Strided } from "./strided";
import { formatShape } from "../protocol";

/*
 * The layouts of views: each function takes a Strided and returns the Strided that sees the
 * same data another way (new shape, strides and offset), copying nothing.
 */

/**
 * One axis of a `slice` spec, numpy style: a number picks one index and drops the axis;
 * `[start, stop?, step?]` is `start:stop:step` (negative values count from the end, omitted or
 * null ones take numpy's defaults); null or undefined keeps the whole axis.
 */
export type SliceSpec = number | readonly (number | null | undefined)[] | null | undefined;

/** Normalises an axis that may be negative (`-1` is the last); throws if out of range. */
export function normalizeAxis(
  op: string,
  shape: readonly number[],
  axis: number,
  extra = 0,
): number {
  const ndim = shape.length + extra;
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    const range = ndim === 0 ? "there are no axes" : `valid axes are ${-ndim}..${ndim - 1}`;
    throw new ShapeError(op, [shape], `axis ${axis} is out of range (${range})`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Resolves a reshape target: at most one -1, inferred from the size. Throws a ShapeError when
 * the sizes do not match.
 */
export function resolveShape(
  op: string,
  from: readonly number[],
  target: readonly number[],
): number[] {
  const size = sizeOf(from);
  let known = 1;
  let free = -1;
  for (let axis = 0; axis < target.length; axis++) {
    const dim = target[axis];
    if (dim === -1 && free === -1) {
      free = axis;
      continue;
    }
    if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(
        op,
        [from],
        `cannot reshape to ${formatShape(target)}: sizes must be non-negative integers (one may be -1)`,
      );
    }
    known *= dim;
  }
  const shape = [...target];
  if (free >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(
        op,
        [from],
        `cannot reshape ${size} elements to ${formatShape(target)}: no size for the -1 axis fits`,
      );
    }
    shape[free] = size / known;
  } else if (known !== size) {
    throw new ShapeError(
      op,
      [from],
      `cannot reshape ${size} elements to ${formatShape(target)} (${known} elements)`,
    );
  }
  return shape;
}

/**
 * Strides that let the same buffer be read with `newShape`, or null when the layout does not
 * allow it (then reshape must copy). Groups of old and new axes with equal products are matched;
 * each old group must be internally contiguous, and the new group gets strides derived from the
 * group's innermost stride. Size-1 axes never constrain anything.
 */
export function reshapeStrides(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  if (sizeOf(newShape) === 0) return contiguousStrides(newShape);
  const oldSizes: number[] = [];
  const oldStrides: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) continue;
    oldSizes.push(shape[axis]);
    oldStrides.push(strides[axis]);
  }
  const newAxes: number[] = [];
  for (let axis = 0; axis < newShape.length; axis++) if (newShape[axis] !== 1) newAxes.push(axis);
  const result = new Array<number>(newShape.length).fill(0);
  let i = 0;
  let j = 0;
  while (i < oldSizes.length && j < newAxes.length) {
    let oldProduct = oldSizes[i];
    let newProduct = newShape[newAxes[j]];
    let iEnd = i + 1;
    let jEnd = j + 1;
    while (oldProduct !== newProduct) {
      if (oldProduct < newProduct) oldProduct *= oldSizes[iEnd++];
      else newProduct *= newShape[newAxes[jEnd++]];
    }
    for (let k = i; k < iEnd - 1; k++)
      if (oldStrides[k] !== oldSizes[k + 1] * oldStrides[k + 1]) return null;
    result[newAxes[jEnd - 1]] = oldStrides[iEnd - 1];
    for (let k = jEnd - 2; k >= j; k--)
      result[newAxes[k]] = result[newAxes[k + 1]] * newShape[newAxes[k + 1]];
    i = iEnd;
    j = jEnd;
  }
  // Size-1 axes get the stride a contiguous layout would give them; any value would index right.
  for (let axis = newShape.length - 1; axis >= 0; axis--) {
    if (newShape[axis] !== 1) continue;
    result[axis] = axis + 1 < newShape.length ? result[axis + 1] * newShape[axis + 1] : 1;
  }
  return result;
}

/** The layout of `transpose(axes)`; `axes` defaults to reversing them (numpy's `.T`). */
export function transposeLayout(op: string, layout: Strided, axes?: readonly number[]): Strided {
  const ndim = layout.shape.length;
  const order =
    axes === undefined ? reversed(ndim) : axes.map((axis) => (axis < 0 ? axis + ndim : axis));
  if (!isPermutation(order, ndim)) {
    throw new ShapeError(
      op,
      [layout.shape],
      `axes ${formatShape(axes ?? [])} must list each of the ${ndim} axes exactly once`,
    );
  }
  return {
    data: layout.data,
    shape: order.map((axis) => layout.shape[axis]),
    strides: order.map((axis) => layout.strides[axis]),
    offset: layout.offset,
  };
}

function isPermutation(order: readonly number[], ndim: number): boolean {
  if (order.length !== ndim) return false;
  const seen = new Array<boolean>(ndim).fill(false);
  for (const axis of order) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= ndim || seen[axis]) return false;
    seen[axis] = true;
  }
  return true;
}

function reversed(ndim: number): number[] {
  const order = new Array<number>(ndim);
  for (let axis = 0; axis < ndim; axis++) order[axis] = ndim - 1 - axis;
  return order;
}

/** The layout of a numpy-style basic slice (see `SliceSpec`); always a view. */
export function sliceLayout(layout: Strided, specs: readonly SliceSpec[]): Strided {
  const { shape, strides } = layout;
  if (specs.length > shape.length) {
    throw new ShapeError(
      "slice",
      [shape],
      `${specs.length} axis specs given but the tensor has ${shape.length} axes`,
    );
  }
  let offset = layout.offset;
  const outShape: number[] = [];
  const outStrides: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const spec = axis < specs.length ? specs[axis] : null;
    const size = shape[axis];
    if (spec === null || spec === undefined) {
      outShape.push(size);
      outStrides.push(strides[axis]);
    } else if (typeof spec === "number") {
      offset += checkIndex("slice", shape, axis, spec) * strides[axis];
    } else {
      const [start, length, step] = sliceRange(shape, axis, spec);
      if (length > 0) offset += start * strides[axis];
      outShape.push(length);
      outStrides.push(strides[axis] * step);
    }
  }
  return { data: layout.data, shape: outShape, strides: outStrides, offset };
}

/** Validates one integer index (negative counts from the end) and returns it non-negative. */
export function checkIndex(
  op: string,
  shape: readonly number[],
  axis: number,
  index: number,
): number {
  const size = shape[axis];
  if (!Number.isInteger(index))
    throw new RangeError(`${op}: index ${index} on axis ${axis} must be an integer`);
  if (index < -size || index >= size) {
    throw new RangeError(
      `${op}: index ${index} is out of bounds for axis ${axis} with size ${size} (shape ${formatShape(shape)})`,
    );
  }
  return index < 0 ? index + size : index;
}

/** [start, length, step] of `start:stop:step` on an axis, with Python's clamping rules. */
function sliceRange(
  shape: readonly number[],
  axis: number,
  spec: readonly (number | null | undefined)[],
): [number, number, number] {
  const size = shape[axis];
  if (spec.length > 3)
    throw new RangeError(
      `slice: axis ${axis}: [${spec.join(", ")}] has more than [start, stop, step]`,
    );
  const step = spec[2] ?? 1;
  for (const bound of [spec[0], spec[1], step]) {
    if (bound !== null && bound !== undefined && !Number.isInteger(bound)) {
      throw new RangeError(`slice: axis ${axis}: [${spec.join(", ")}] must hold integers`);
    }
  }
  if (step === 0) throw new RangeError(`slice: axis ${axis}: step must not be zero`);
  const clamp = (bound: number | null | undefined, fallback: number): number => {
    if (bound === null || bound === undefined) return fallback;
    if (bound < 0) return Math.max(bound + size, step < 0 ? -1 : 0);
    return Math.min(bound, step < 0 ? size - 1 : size);
  };
  const start = clamp(spec[0], step < 0 ? size - 1 : 0);
  const stop = clamp(spec[1], step < 0 ? -1 : size);
  const length =
    step < 0
      ? stop < start
        ? Math.floor((start - stop - 1) / -step) + 1
        : 0
      : start < stop
        ? Math.floor((stop - start - 1) / step) + 1
        : 0;
  return [start, length, step];
}

/** The view with a new size-1 axis inserted at `axis` (may be negative, counted on the result). */
export function expandDimsLayout(layout: Strided, axis: number): Strided {
  const at = normalizeAxis("expandDims", layout.shape, axis, 1);
  const shape = [...layout.shape];
  const strides = [...layout.strides];
  shape.splice(at, 0, 1);
  strides.splice(at, 0, at < layout.strides.length ? layout.strides[at] * layout.shape[at] : 1);
  return { data: layout.data, shape, strides, offset: layout.offset };
}

/** The view without the given size-1 axes (all size-1 axes when `axis` is undefined). */
export function squeezeLayout(layout: Strided, axis?: number | readonly number[]): Strided {
  const { shape, strides } = layout;
  const drop = new Array<boolean>(shape.length).fill(false);
  if (axis === undefined) {
    for (let a = 0; a < shape.length; a++) drop[a] = shape[a] === 1;
  } else {
    for (const given of typeof axis === "number" ? [axis] : axis) {
      const a = normalizeAxis("squeeze", shape, given);
      if (shape[a] !== 1)
        throw new ShapeError(
          "squeeze",
          [shape],
          `axis ${a} has size ${shape[a]}, only size-1 axes can be squeezed`,
          { operand: 0, axis: a },
        );
      drop[a] = true;
    }
  }
  return {
    data: layout.data,
    shape: shape.filter((_, a) => !drop[a]),
    strides: strides.filter((_, a) => !drop[a]),
    offset: layout.offset,
  };
}
