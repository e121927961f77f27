/**
 * Assertions for test cells, with messages a student can act on. `assertClose` is numpy's
 * `assert_allclose`: |actual − expected| ≤ atol + rtol·|expected| element by element (rtol 1e-7,
 * atol 0 by default), NaN equal to NaN, ±Infinity equal to itself. `assertShape` checks a shape,
 * with `null` for "any size" on an axis.
 *
 * Both read their arguments once, into a copy, before comparing: a value whose getters answer
 * differently on each read, or a function under test that keeps a reference, cannot change the
 * verdict halfway. They compute only with JavaScript's built-ins, which the grader freezes
 * (src/preload/kernel-guard.ts), and never with tensor operations a student could influence.
 */
import { formatShape } from "../protocol";
import { nonNegativeNumber } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import type { Strided } from "../tensor/strided";

/** A failed assertion; its message says what differs and where. */
export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

/** Tolerances of `assertClose`. */
export interface CloseTolerance {
  /** Relative tolerance (default 1e-7, numpy's `assert_allclose`). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
}

/** A value read once: its shape and its elements in C order. */
interface Snapshot {
  shape: number[];
  values: Float64Array;
}

const MAX_LISTED = 5;

function describeValue(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  return typeof value === "object" ? "an object that is not a tensor" : `a ${typeof value}`;
}

function isIndexList(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((entry) => Number.isInteger(entry) && (entry as number) >= 0)
  );
}

// A Strided view (a gradbook Tensor), read element by element through its strides.
function readStrided(view: Strided): Snapshot | undefined {
  const data = view.data;
  const shape = view.shape;
  const strides = view.strides;
  const offset = view.offset;
  if (
    !(data instanceof Float64Array) ||
    !isIndexList(shape) ||
    !Array.isArray(strides) ||
    strides.length !== shape.length ||
    !Number.isInteger(offset)
  ) {
    return undefined;
  }
  const dims = [...shape];
  const steps = [...strides];
  const size = dims.reduce((product, dim) => product * dim, 1);
  const values = new Float64Array(size);
  const index = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < size; i++) {
    let position = offset;
    for (let axis = 0; axis < dims.length; axis++) {
      position += index[axis] * steps[axis];
    }
    if (!(position >= 0 && position < data.length)) {
      return undefined;
    }
    values[i] = data[position];
    for (let axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] += 1;
      if (index[axis] < dims[axis]) {
        break;
      }
      index[axis] = 0;
    }
  }
  return { shape: dims, values };
}

function shapeOfNested(value: unknown, role: string, where: number[]): number[] {
  if (!Array.isArray(value)) {
    if (typeof value !== "number") {
      const at = where.length > 0 ? ` at ${formatShape(where)}` : "";
      throw new AssertionError(`${role} holds ${describeValue(value)}${at}, not a number`);
    }
    return [];
  }
  const inner = value.length > 0 ? shapeOfNested(value[0], role, [...where, 0]) : [];
  for (let i = 1; i < value.length; i++) {
    const other = shapeOfNested(value[i], role, [...where, i]);
    if (other.length !== inner.length || other.some((dim, axis) => dim !== inner[axis])) {
      throw new AssertionError(
        `${role} is a ragged array: entry ${formatShape([...where, i])} has shape ` +
          `${formatShape(other)} but entry ${formatShape([...where, 0])} has ${formatShape(inner)}`,
      );
    }
  }
  return [value.length, ...inner];
}

function readNested(value: readonly unknown[], role: string): Snapshot {
  const shape = shapeOfNested(value, role, []);
  const flat: number[] = [];
  const walk = (entry: unknown): void => {
    if (Array.isArray(entry)) {
      entry.forEach(walk);
    } else {
      flat.push(entry as number);
    }
  };
  walk(value);
  return { shape, values: Float64Array.from(flat) };
}

function snapshot(value: unknown, role: string): Snapshot {
  if (typeof value === "number") {
    return { shape: [], values: Float64Array.of(value) };
  }
  if (Array.isArray(value)) {
    return readNested(value, role);
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const values = Float64Array.from(value as unknown as ArrayLike<number>);
    return { shape: [values.length], values };
  }
  if (typeof value === "object" && value !== null) {
    const view = readStrided(value as Strided);
    if (view !== undefined) {
      return view;
    }
    const toArray = (value as { toArray?: unknown }).toArray;
    if (typeof toArray === "function") {
      const nested: unknown = toArray.call(value);
      return typeof nested === "number"
        ? snapshot(nested, role)
        : readNested(nested as unknown[], role);
    }
  }
  throw new AssertionError(
    `${role} is ${describeValue(value)}; expected a number, an array of numbers or a Tensor`,
  );
}

function headline(name: string, message: string | undefined): string {
  return message ? `${name} failed: ${message}` : `${name} failed`;
}

function indexOf(flat: number, shape: readonly number[]): string {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return formatShape(index);
}

function isClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    return true;
  }
  // An infinity is close only to itself (Infinity ≤ Infinity would say otherwise).
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) {
    return false;
  }
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Throw `AssertionError` unless `actual` and `expected` (numbers, nested arrays, typed arrays or
 * Tensors) have the same shape and every pair of elements satisfies
 * |actual − expected| ≤ atol + rtol·|expected| (NaN matches NaN). A plain number on either side
 * is compared with every element of the other. The message gives the count of differing
 * elements, the largest difference and the first few positions.
 */
export function assertClose(
  actual: unknown,
  expected: unknown,
  tolerances: CloseTolerance = {},
  message?: string,
): void {
  const { rtol, atol } = readOptions("assertClose", tolerances, {
    rtol: nonNegativeNumber(1e-7),
    atol: nonNegativeNumber(0),
  });
  const got = snapshot(actual, "the actual value");
  const want = snapshot(expected, "the expected value");
  const title = headline("assertClose", message);
  const scalarWant = want.shape.length === 0;
  const scalarGot = got.shape.length === 0;
  const sameShape =
    got.shape.length === want.shape.length &&
    got.shape.every((dim, axis) => dim === want.shape[axis]);
  if (!sameShape && !scalarWant && !scalarGot) {
    const sizeHint =
      got.values.length === want.values.length
        ? " (the same number of values: check the axes)"
        : "";
    throw new AssertionError(
      `${title}: shapes differ: got ${formatShape(got.shape)}, expected ${formatShape(want.shape)}${sizeHint}`,
    );
  }
  const shape = scalarGot ? want.shape : got.shape;
  const size = Math.max(got.values.length, want.values.length);
  const differing: number[] = [];
  let worst = -1;
  let worstDifference = -1;
  for (let i = 0; i < size; i++) {
    const a = got.values[scalarGot ? 0 : i];
    const e = want.values[scalarWant ? 0 : i];
    if (isClose(a, e, rtol, atol)) {
      continue;
    }
    differing.push(i);
    const difference = Math.abs(a - e);
    if (Number.isFinite(difference) && difference > worstDifference) {
      worstDifference = difference;
      worst = i;
    }
  }
  if (differing.length === 0) {
    return;
  }
  const pair = (i: number): string =>
    `got ${got.values[scalarGot ? 0 : i]}, expected ${want.values[scalarWant ? 0 : i]}`;
  const lines = [
    `${title}: ${differing.length} of ${size} value${size === 1 ? "" : "s"} differ ` +
      `(rtol ${rtol}, atol ${atol})`,
  ];
  if (worst >= 0) {
    const allowed = atol + rtol * Math.abs(want.values[scalarWant ? 0 : worst]);
    lines.push(
      `  largest difference at ${indexOf(worst, shape)}: ${pair(worst)} ` +
        `(difference ${worstDifference}, allowed ${allowed})`,
    );
  }
  const listed = differing.slice(0, MAX_LISTED).map((i) => `    ${indexOf(i, shape)}: ${pair(i)}`);
  const more =
    differing.length > MAX_LISTED ? [`    … and ${differing.length - MAX_LISTED} more`] : [];
  lines.push("  first differences:", ...listed, ...more);
  throw new AssertionError(lines.join("\n"));
}

/**
 * Throw `AssertionError` unless `value` (a Tensor, nested array, typed array or number) has
 * shape `shape`; an entry `null` accepts any size on that axis. Example: `assertShape(w, [n, 1])`.
 */
export function assertShape(
  value: unknown,
  shape: readonly (number | null)[],
  message?: string,
): void {
  const valid =
    Array.isArray(shape) &&
    shape.every((dim) => dim === null || (Number.isInteger(dim) && (dim as number) >= 0));
  if (!valid) {
    throw new TypeError(
      `assertShape: the expected shape must be a list of sizes (integers ≥ 0, or null for any ` +
        `size), got ${JSON.stringify(shape)}`,
    );
  }
  const got = snapshot(value, "the value").shape;
  const matches =
    got.length === shape.length && shape.every((dim, axis) => dim === null || dim === got[axis]);
  if (!matches) {
    const wanted = `[${shape.map((dim) => (dim === null ? "any" : String(dim))).join(", ")}]`;
    throw new AssertionError(
      `${headline("assertShape", message)}: expected shape ${wanted}, got ${formatShape(got)}`,
    );
  }
}
