import { ShapeError } from "./errors";
import { unaryInto } from "./elementwise/core";
import { Unary } from "./elementwise/codes";
import { sameShape } from "./broadcast";
import { type Dense, sizeOf, type Strided, toContiguous, uninitialized } from "./strided";
import { formatShape } from "../protocol";
import { type NestedArray, Tensor, type TensorLike } from "./tensor";
import { recorded } from "./trace-hook";
import { normalizeAxis, resolveShape } from "./view";

/** A shape given as one size (`3` means `[3]`) or as an array of sizes. */
export type ShapeLike = number | readonly number[];

/**
 * The tensor an op works on, without copying when it can: a Tensor is returned as is, a Strided
 * view or Float64Array is wrapped (ops never write into their inputs), a number becomes a 0-d
 * tensor, nested arrays and Int32Arrays are converted. `op` names the caller in errors.
 */
export function asTensor(value: TensorLike, op = "tensor"): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number") return new Tensor(Float64Array.of(value), []);
  if (value instanceof Float64Array) return new Tensor(value, [value.length]);
  if (value instanceof Int32Array) return new Tensor(Float64Array.from(value), [value.length]);
  if (Array.isArray(value)) return fromNested(value as NestedArray, op);
  if (isStorage(value)) {
    const strided = "strides" in value ? value : undefined;
    return new Tensor(value.data, value.shape, strided?.strides, strided?.offset ?? 0);
  }
  throw new TypeError(
    `${op}: expected a Tensor, a number, nested arrays of numbers or a Float64Array, got ${describe(value)}`,
  );
}

/** Holds a plain-number operand, one slot per side so that `add(1, 2)` keeps both. */
const scalarSlots: readonly Strided[] = [0, 1].map(() => ({
  data: new Float64Array(1),
  shape: [],
  strides: [],
  offset: 0,
}));

/**
 * An elementwise op's operand: a plain number goes into the 0-d scalar slot of its `side`
 * (valid until the next op), so `x.mul(2)` builds no tensor for the 2; anything else goes
 * through `asTensor` (errors name `op`).
 */
export function operand(value: TensorLike, op: string, side: 0 | 1 = 0): Strided {
  if (typeof value !== "number") return asTensor(value, op);
  const slot = scalarSlots[side];
  slot.data[0] = value;
  return slot;
}

/** A kernel's fresh result as a Tensor, without copying (the kernel handed over its buffer). */
export function fromDense(result: Dense): Tensor {
  return new Tensor(result.data, result.shape);
}

/**
 * A new tensor holding a copy of `data`: nested arrays (`[[1, 2], [3, 4]]` has shape [2, 2]),
 * a number (0-d), a flat array or typed array (1-D, or `shape` if given; one size may be -1),
 * or another tensor. The result never shares memory with `data`.
 */
export function tensor(data: TensorLike, shape?: ShapeLike): Tensor {
  const source = asTensor(data, "tensor");
  // Nested arrays, numbers and Int32Arrays were converted into a fresh buffer already.
  const shared = data instanceof Float64Array || (typeof data === "object" && "data" in data);
  const values = shared ? toContiguous(source) : source.data;
  const target =
    shape === undefined
      ? source.shape
      : resolveShape("tensor", source.shape, typeof shape === "number" ? [shape] : shape);
  return recorded("tensor", [], new Tensor(values, target));
}

/** A tensor of zeros with the given shape. */
export function zeros(shape: ShapeLike): Tensor {
  return created("zeros", toShape("zeros", shape), 0);
}

/** A tensor of ones with the given shape. */
export function ones(shape: ShapeLike): Tensor {
  return created("ones", toShape("ones", shape), 1);
}

/** A tensor with every element equal to `value`. */
export function full(shape: ShapeLike, value: number): Tensor {
  return created("full", toShape("full", shape), value);
}

/** Zeros with the shape of `like`. */
export function zerosLike(like: TensorLike): Tensor {
  return created("zerosLike", asTensor(like, "zerosLike").shape, 0);
}

/** Ones with the shape of `like`. */
export function onesLike(like: TensorLike): Tensor {
  return created("onesLike", asTensor(like, "onesLike").shape, 1);
}

/** `value` everywhere, with the shape of `like`. */
export function fullLike(like: TensorLike, value: number): Tensor {
  return created("fullLike", asTensor(like, "fullLike").shape, value);
}

/**
 * The identity-like [n, m] matrix with ones on diagonal `k` (0 the main diagonal, positive
 * above it, negative below), as numpy's `eye(n, m, k)`.
 */
export function eye(n: number, m = n, k = 0): Tensor {
  const shape = toShape("eye", [n, m]);
  const data = new Float64Array(n * m);
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) data[i * m + i + k] = 1;
  return recorded("eye", [], new Tensor(data, shape));
}

/**
 * Evenly spaced values in [start, stop) with `step`, as numpy's `arange`: `arange(n)` is
 * 0, 1, …, n−1; the length is ⌈(stop − start)/step⌉ and value i is start + i·step.
 */
export function arange(stop: number): Tensor;
export function arange(start: number, stop: number, step?: number): Tensor;
export function arange(first: number, second?: number, step = 1): Tensor {
  const [start, stop] = second === undefined ? [0, first] : [first, second];
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be a finite non-zero number, got ${step}`);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const data = uninitialized(length);
  // numpy steps by the difference of the first two values, which may differ from `step` in the
  // last bit; doing the same keeps every value bit-identical to numpy's.
  const delta = start + step - start;
  for (let i = 0; i < length; i++) data[i] = start + i * delta;
  return recorded("arange", [], new Tensor(data, [length]));
}

/**
 * `num` evenly spaced values from `start` to `stop` (included unless `endpoint` is false), as
 * numpy's `linspace`: value i is start + i·(stop − start)/(num − 1), the last one exactly `stop`.
 */
export function linspace(start: number, stop: number, num = 50, endpoint = true): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const divisions = endpoint ? num - 1 : num;
  const step = divisions > 0 ? (stop - start) / divisions : 0;
  const data = uninitialized(num);
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (endpoint && num > 1) data[num - 1] = stop;
  return recorded("linspace", [], new Tensor(data, [num]));
}

/**
 * Joins tensors of one shape along a new axis: k tensors of shape [m, n] stacked on axis 0 give
 * [k, m, n] (negative `axis` counts on the result).
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  const parts = tensors.map((part) => asTensor(part, "stack"));
  const shapes = parts.map((part) => part.shape);
  if (parts.length === 0) throw new ShapeError("stack", [], "needs at least one tensor");
  for (let i = 1; i < parts.length; i++) {
    if (!sameShape(shapes[i], shapes[0])) {
      throw new ShapeError(
        "stack",
        shapes,
        `every tensor must have the same shape, but operand ${i} has ${formatShape(shapes[i])} and operand 0 has ${formatShape(shapes[0])}`,
        { operand: i },
      );
    }
  }
  const at = normalizeAxis("stack", shapes[0], axis, 1);
  const shape = [...shapes[0]];
  shape.splice(at, 0, parts.length);
  return joined("stack", parts, shape, at, (i) => [i, i + 1], true);
}

/**
 * Joins tensors along an existing axis: [m₁, n] and [m₂, n] on axis 0 give [m₁ + m₂, n]. Every
 * other axis must match.
 */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  const parts = tensors.map((part) => asTensor(part, "concat"));
  const shapes = parts.map((part) => part.shape);
  if (parts.length === 0) throw new ShapeError("concat", [], "needs at least one tensor");
  const first = shapes[0];
  if (first.length === 0)
    throw new ShapeError("concat", shapes, "0-d tensors have no axis to join along (use stack)", {
      operand: 0,
    });
  const at = normalizeAxis("concat", first, axis);
  const starts: number[] = [];
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const shape = shapes[i];
    if (shape.length !== first.length) {
      throw new ShapeError(
        "concat",
        shapes,
        `operand ${i} has ${shape.length} axes but operand 0 has ${first.length}`,
        { operand: i },
      );
    }
    for (let a = 0; a < shape.length; a++) {
      if (a !== at && shape[a] !== first[a]) {
        throw new ShapeError(
          "concat",
          shapes,
          `joining along axis ${at}, every other axis must match, but axis ${a} of operand ${i} is ${shape[a]} and of operand 0 is ${first[a]}`,
          { operand: i, axis: a },
        );
      }
    }
    starts.push(total);
    total += shape[at];
  }
  const shape = [...first];
  shape[at] = total;
  return joined("concat", parts, shape, at, (i) => [starts[i], starts[i] + shapes[i][at]], false);
}

/** Copies each part into its block of a new tensor of `shape` along `axis`. */
function joined(
  op: string,
  parts: readonly Tensor[],
  shape: number[],
  axis: number,
  range: (i: number) => [number, number],
  newAxis: boolean,
): Tensor {
  // The parts cover the result, so it needs no zero-filling.
  const result = new Tensor(uninitialized(sizeOf(shape)), shape);
  for (let i = 0; i < parts.length; i++) {
    const [start, stop] = range(i);
    const blockShape = [...shape];
    blockShape[axis] = stop - start;
    const block = {
      data: result.data,
      shape: blockShape,
      strides: result.strides,
      offset: start * result.strides[axis],
    };
    const part = parts[i];
    const partStrides = [...part.strides];
    if (newAxis) partStrides.splice(axis, 0, 0);
    const source = {
      data: part.data,
      shape: blockShape,
      strides: partStrides,
      offset: part.offset,
    };
    unaryInto(Unary.Copy, block, source);
  }
  return recorded(op, parts, result, () => ({ detail: { axis } }));
}

/** Validates a shape argument and returns it as a fresh array. */
export function toShape(op: string, shape: ShapeLike): number[] {
  const sizes = typeof shape === "number" ? [shape] : [...shape];
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(`${op}: shape ${formatShape(sizes)} must hold non-negative integers`);
    }
  }
  return sizes;
}

function created(op: string, shape: readonly number[], value: number): Tensor {
  // zeros keeps the zero-filled array; any other value overwrites every element.
  const data =
    value === 0 ? new Float64Array(sizeOf(shape)) : uninitialized(sizeOf(shape)).fill(value);
  return recorded(op, [], new Tensor(data, shape));
}

/** Converts nested arrays of numbers, checking that they are rectangular. */
function fromNested(nested: NestedArray, op: string): Tensor {
  const shape: number[] = [];
  let level: NestedArray | number = nested;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = (level as NestedArray)[0];
  }
  const data = uninitialized(sizeOf(shape));
  fill(nested, shape, 0, data, 0, op, []);
  return new Tensor(data, shape);
}

function fill(
  level: NestedArray,
  shape: readonly number[],
  depth: number,
  out: Float64Array,
  start: number,
  op: string,
  path: number[],
): number {
  if (level.length !== shape[depth]) {
    throw new ShapeError(
      op,
      [shape],
      `ragged nested array: element ${pathText(path)} has length ${level.length}, but the first element at that depth has length ${shape[depth]}`,
    );
  }
  let position = start;
  const leaf = depth === shape.length - 1;
  for (let i = 0; i < level.length; i++) {
    const item = level[i];
    if (leaf) {
      if (Array.isArray(item)) {
        throw new ShapeError(
          op,
          [shape],
          `ragged nested array: element ${pathText([...path, i])} is an array, but the first element at that depth is a number`,
        );
      }
      if (typeof item !== "number")
        throw new TypeError(
          `${op}: element ${pathText([...path, i])} is ${describe(item)}, expected a number`,
        );
      out[position++] = item;
    } else {
      if (!Array.isArray(item)) {
        throw new ShapeError(
          op,
          [shape],
          `ragged nested array: element ${pathText([...path, i])} is ${describe(item)}, expected an array of length ${shape[depth + 1]}`,
        );
      }
      path.push(i);
      position = fill(item as NestedArray, shape, depth + 1, out, position, op, path);
      path.pop();
    }
  }
  return position;
}

function pathText(path: readonly number[]): string {
  return path.length === 0 ? "(the outer array)" : path.map((i) => `[${i}]`).join("");
}

/** A Strided view or a Dense kernel result (C order, offset 0), e.g. from einsum or linalg. */
function isStorage(value: unknown): value is Strided | Dense {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Strided>;
  return candidate.data instanceof Float64Array && Array.isArray(candidate.shape);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `a ${(value as object).constructor?.name ?? "object"}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
