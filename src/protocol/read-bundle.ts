/**
 * The reading side of the contract: before a renderer touches a bundle, its version and the
 * fields the renderer relies on are checked here, next to the bundle types they come from, so
 * the extension lists nothing by hand and the library's tests hold its bundles to the same
 * checks.
 */
import { SCHEMA_VERSION } from "./mime";

/** The bundle kinds the extension renders (the plotly figure is not ours and has no version). */
export type BundleKind = "tensor" | "shapes" | "gradcheck" | "inspector";

/** A bundle that passed the checks, or the reason it cannot be rendered. */
export type BundleCheck<T> =
  { bundle: T; problem?: undefined } | { bundle?: undefined; problem: string };

type Field = "array" | "object" | "string" | "number" | "boolean";

/** The fields a renderer reads without further checks, per kind (see bundles.ts). */
const REQUIRED: Record<BundleKind, Record<string, Field>> = {
  tensor: { shape: "array", size: "number", edgeItems: "number" },
  shapes: { ops: "array", droppedOps: "number" },
  gradcheck: { ok: "boolean", verdict: "string", params: "object", warnings: "array" },
  inspector: { tensors: "array", elapsedMs: "number" },
};

function fieldType(value: unknown): Field | "other" {
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return typeof value as Field;
  return "other";
}

/**
 * Checks a bundle's version and the fields its renderer relies on. A bundle from a newer (or
 * older) library gets a sentence a student can act on instead of a broken widget.
 */
export function readBundle<T>(data: unknown, kind: BundleKind): BundleCheck<T> {
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { problem: `The ${kind} output is not a JSON object, so it cannot be shown.` };
  const record = data as Record<string, unknown>;
  if (record.version !== SCHEMA_VERSION) {
    const found = typeof record.version === "number" ? `version ${record.version}` : "no version";
    return {
      problem:
        `This ${kind} output has ${found}; this gradbook extension reads version ` +
        `${SCHEMA_VERSION}. Rebuild the extension and the library from the same gradbook ` +
        `release (npm start does both) and run the cell again.`,
    };
  }
  for (const [name, expected] of Object.entries(REQUIRED[kind])) {
    const found = fieldType(record[name]);
    if (found !== expected)
      return {
        problem: `This ${kind} output is malformed: "${name}" should be ${expected === "array" || expected === "object" ? "an" : "a"} ${expected}, found ${found === "other" ? String(record[name]) : found}.`,
      };
  }
  return { bundle: data as T };
}
