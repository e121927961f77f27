/**
 * Which values of a notebook session the shape inspector lists, and under which name: every
 * Tensor, number, typed array and array of numbers bound to a top-level name, and those inside
 * plain objects and arrays bound to one (`fit.W`, `model.w`, `params[0]`), down to MAX_DEPTH
 * steps. Class instances other than tensors are not opened (their fields are an implementation's),
 * nor are getters read (reading one could run code), nor modules (`gb`).
 */
import type { InspectorDtype } from "../protocol";
import { Tensor } from "../tensor";

/** Steps below a top-level name the inspector looks: `net.layer1.W` is two. */
export const MAX_DEPTH = 2;
/** Entries read from one object or array; the rest are counted as omitted. */
export const MAX_CHILDREN = 100;

/** The array types the inspector lists, by their element type. */
const TYPED_ARRAYS: [new (length: number) => ArrayLike<number>, InspectorDtype][] = [
  [Float64Array, "float64"],
  [Float32Array, "float32"],
  [Int8Array, "int8"],
  [Int16Array, "int16"],
  [Int32Array, "int32"],
  [Uint8Array, "uint8"],
  [Uint8ClampedArray, "uint8"],
  [Uint16Array, "uint16"],
  [Uint32Array, "uint32"],
];

/** A value the inspector lists, and what it is. */
export type ListedValue =
  | { kind: "tensor"; path: string; value: Tensor }
  | { kind: "number"; path: string; value: number }
  | {
      kind: "typed-array" | "array";
      path: string;
      value: ArrayLike<number>;
      dtype: InspectorDtype;
    };

/** tslab's own temporaries: the holder of a cell's last expression value. */
export const TSLAB_TEMPORARY = /^tsLastExpr\d*$/;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A Tensor, also one made by another copy of the library (checked by its storage fields), as a
 * Tensor of this copy.
 */
export function asSessionTensor(value: unknown): Tensor | null {
  if (value instanceof Tensor) return value;
  if (value === null || typeof value !== "object") return null;
  const candidate = value as Partial<Tensor>;
  if (
    candidate.data instanceof Float64Array &&
    Array.isArray(candidate.shape) &&
    Array.isArray(candidate.strides) &&
    typeof candidate.offset === "number"
  ) {
    return new Tensor(candidate.data, candidate.shape, candidate.strides, candidate.offset);
  }
  return null;
}

function typedArrayDtype(value: unknown): InspectorDtype | null {
  for (const [type, dtype] of TYPED_ARRAYS) if (value instanceof type) return dtype;
  return null;
}

/** The value as the inspector lists it under `path`, or null when it is not listed. */
export function listedValue(path: string, value: unknown): ListedValue | null {
  if (typeof value === "number") return { kind: "number", path, value };
  const tensor = asSessionTensor(value);
  if (tensor !== null) return { kind: "tensor", path, value: tensor };
  const dtype = typedArrayDtype(value);
  if (dtype !== null)
    return { kind: "typed-array", path, value: value as ArrayLike<number>, dtype };
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "number"))
    return { kind: "array", path, value, dtype: "number" };
  return null;
}

/** A plain object or an array, whose own data properties the inspector opens. */
function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // A module's exports (`import * as gb`) are a plain object marked by TypeScript's interop.
  return !(value as { __esModule?: unknown }).__esModule;
}

/** `parent.key`, `parent["odd key"]` or `parent[3]`. */
function childPath(parent: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The own data properties of a container (never a getter), at most MAX_CHILDREN of them. */
function children(container: Record<string, unknown> | unknown[]): {
  entries: [string, unknown][];
  omitted: number;
} {
  const keys = Object.keys(container);
  const entries: [string, unknown][] = [];
  for (const key of keys.slice(0, MAX_CHILDREN)) {
    const descriptor = Object.getOwnPropertyDescriptor(container, key);
    if (descriptor !== undefined && "value" in descriptor) entries.push([key, descriptor.value]);
  }
  return { entries, omitted: Math.max(0, keys.length - MAX_CHILDREN) };
}

/**
 * The listed values of `scope` in declaration order, each followed by what its containers hold,
 * with a count of the values left out by MAX_CHILDREN.
 */
export function sessionValues(scope: Record<string, unknown>): {
  values: ListedValue[];
  omitted: number;
} {
  const values: ListedValue[] = [];
  let omitted = 0;
  const visit = (path: string, value: unknown, depth: number) => {
    const listed = listedValue(path, value);
    if (listed !== null) {
      values.push(listed);
      return;
    }
    if (depth >= MAX_DEPTH || !isContainer(value)) return;
    const inside = children(value);
    omitted += inside.omitted;
    const isArray = Array.isArray(value);
    for (const [key, child] of inside.entries)
      visit(childPath(path, key, isArray), child, depth + 1);
  };
  for (const name of Object.keys(scope)) {
    if (!TSLAB_TEMPORARY.test(name)) visit(name, scope[name], 0);
  }
  return { values, omitted };
}

const STEP = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The value at `path` (an entry's name, see `sessionValues`) in `scope`, following own
 * properties only; undefined when any step is missing or the path does not parse.
 */
export function valueAtPath(scope: Record<string, unknown>, path: string): unknown {
  const root = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path);
  if (root === null || TSLAB_TEMPORARY.test(root[0])) return undefined;
  let value: unknown = Object.hasOwn(scope, root[0]) ? scope[root[0]] : undefined;
  STEP.lastIndex = root[0].length;
  while (STEP.lastIndex < path.length) {
    const step = STEP.exec(path);
    if (step === null || value === null || typeof value !== "object") return undefined;
    const key = step[1] ?? step[2] ?? (JSON.parse(step[3]) as string);
    value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
