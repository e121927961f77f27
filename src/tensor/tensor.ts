import { ShapeError } from "./errors";
import { formatTensor } from "./format";
import {
  contiguousStrides,
  type Dense,
  isContiguous,
  sizeOf,
  toContiguous,
  type Strided,
} from "./strided";
import { recorded } from "./trace-hook";
import {
  checkIndex,
  expandDimsLayout,
  reshapeStrides,
  resolveShape,
  type SliceSpec,
  sliceLayout,
  squeezeLayout,
  transposeLayout,
} from "./view";

/** Nested arrays of numbers, as written in a notebook: `[[1, 2], [3, 4]]`. */
export type NestedArray = readonly (number | NestedArray)[];

/** What `toArray()` returns: a number for a 0-d tensor, otherwise nested arrays. */
export type Nested = number | Nested[];

/**
 * Anything an op accepts where a tensor is expected: a Tensor (or any Strided view or Dense
 * kernel result), a plain number (a 0-d scalar), nested arrays, or a flat Float64Array /
 * Int32Array (1-D).
 */
export type TensorLike =
  Tensor | Strided | Dense | number | NestedArray | Float64Array | Int32Array;

/** Key Node's `util.inspect` (and so tslab's display of a cell's last value) looks for. */
const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * An N-d array of float64: a Float64Array read through `shape`, `strides` (in elements, may be
 * negative or zero) and `offset`. `T`, `transpose`, `slice`, `expandDims`, `squeeze` and (when
 * the layout allows) `reshape` return views sharing the buffer; ops never write into their
 * inputs. The arithmetic methods (`add`, `matmul`, `sum`, …) are attached in methods.ts and
 * delegate to the free functions of the same names.
 */
export class Tensor implements Strided {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** Number of elements (1 for a 0-d tensor, 0 when an axis is empty). */
  readonly size: number;

  /**
   * Wraps `data` without copying (use `tensor(...)` to copy from user data). `strides` default
   * to C order; the caller guarantees every index stays inside `data`.
   */
  constructor(
    data: Float64Array,
    shape: readonly number[],
    strides?: readonly number[],
    offset = 0,
  ) {
    this.data = data;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.size = sizeOf(shape);
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The transpose with all axes reversed (numpy's `.T`): `[m, n]` → `[n, m]`. A view. */
  get T(): Tensor {
    return this.transpose();
  }

  /**
   * The same elements with another shape, in C order; one size may be -1 (inferred). A view
   * when the strides allow it (always for contiguous tensors), otherwise a copy.
   */
  reshape(...shape: number[]): Tensor;
  reshape(shape: readonly number[]): Tensor;
  reshape(...args: (number | readonly number[])[]): Tensor {
    const target = resolveShape("reshape", this.shape, shapeArgs(args));
    const strides = reshapeStrides(this.shape, this.strides, target);
    const result =
      strides === null
        ? new Tensor(toContiguous(this), target)
        : new Tensor(this.data, target, strides, this.offset);
    return recorded("reshape", [this], result);
  }

  /**
   * Permutes the axes: result axis i is input axis `axes[i]` (negative allowed); without
   * arguments the axes are reversed. A view.
   */
  transpose(...axes: number[]): Tensor;
  transpose(axes?: readonly number[]): Tensor;
  transpose(...args: (number | readonly number[] | undefined)[]): Tensor {
    const given =
      args.length === 0 || args[0] === undefined
        ? undefined
        : shapeArgs(args as (number | readonly number[])[]);
    return recorded("transpose", [this], this.view(transposeLayout("transpose", this, given)));
  }

  /** A view with a new size-1 axis at `axis` (negative counts from the end of the result). */
  expandDims(axis: number): Tensor {
    return recorded("expandDims", [this], this.view(expandDimsLayout(this, axis)), () => ({
      detail: { axis },
    }));
  }

  /** A view without the given size-1 axes (all of them by default): `[m, n, 1]` → `[m, n]`. */
  squeeze(axis?: number | readonly number[]): Tensor {
    return recorded("squeeze", [this], this.view(squeezeLayout(this, axis)));
  }

  /**
   * numpy basic slicing, one spec per leading axis (missing ones keep the whole axis):
   * a number picks an index and drops the axis, `[start, stop, step]` is `start:stop:step`,
   * null keeps the axis. `X.slice(null, [0, 2])` is `X[:, 0:2]`; `X.slice(3)` is row 3. A view.
   */
  slice(...specs: SliceSpec[]): Tensor {
    return recorded("slice", [this], this.view(sliceLayout(this, specs)), () => ({
      detail: { spec: formatSpecs(specs) },
    }));
  }

  /** The element at `indices` (one per axis; negative counts from the end). */
  get(...indices: number[]): number {
    if (indices.length !== this.shape.length) {
      throw new ShapeError(
        "get",
        [this.shape],
        `${indices.length} indices given but the tensor has ${this.shape.length} axes (use slice for a sub-tensor)`,
      );
    }
    let position = this.offset;
    for (let axis = 0; axis < indices.length; axis++) {
      position += checkIndex("get", this.shape, axis, indices[axis]) * this.strides[axis];
    }
    return this.data[position];
  }

  /** The only element of a size-1 tensor, as a number. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        "item",
        [this.shape],
        `only a tensor with exactly one element converts to a number, this one has ${this.size}`,
      );
    }
    return this.data[this.offset];
  }

  /** The elements as nested arrays (a number for a 0-d tensor). */
  toArray(): Nested {
    return nest(this, 0, this.offset);
  }

  /** A C-contiguous copy that shares nothing with this tensor. */
  clone(): Tensor {
    return new Tensor(toContiguous(this), this.shape);
  }

  /** This tensor if it is already C-contiguous from its offset, otherwise a contiguous copy. */
  contiguous(): Tensor {
    return isContiguous(this) ? this : this.clone();
  }

  /** numpy-like text showing the values and the shape, e.g. `Tensor([1, 2], shape=[2])`. */
  toString(): string {
    return formatTensor(this);
  }

  /** What tslab and `console.log` print: the same text as `toString`. */
  [inspectSymbol](): string {
    return formatTensor(this);
  }

  private view(layout: Strided): Tensor {
    return new Tensor(this.data, layout.shape, layout.strides, layout.offset);
  }
}

/** Accepts both `f(2, 3)` and `f([2, 3])`. */
function shapeArgs(args: readonly (number | readonly number[])[]): readonly number[] {
  if (args.length === 1 && typeof args[0] !== "number") return args[0];
  for (const arg of args) {
    if (typeof arg !== "number")
      throw new TypeError(`expected sizes as numbers or one array, got ${JSON.stringify(args)}`);
  }
  return args as readonly number[];
}

function nest(view: Tensor, axis: number, position: number): Nested {
  if (axis === view.shape.length) return view.data[position];
  const out = new Array<Nested>(view.shape[axis]);
  for (let i = 0; i < out.length; i++)
    out[i] = nest(view, axis + 1, position + i * view.strides[axis]);
  return out;
}

function formatSpecs(specs: readonly SliceSpec[]): string {
  const parts = specs.map((spec) => {
    if (spec === null || spec === undefined) return ":";
    if (typeof spec === "number") return String(spec);
    return spec
      .map((bound) => (bound === null || bound === undefined ? "" : String(bound)))
      .join(":");
  });
  return `[${parts.join(", ")}]`;
}
