/**
 * The JSON number codec of the bundles. JSON has no NaN or Infinity, so a float64 travels as a
 * number when finite and as one of three strings otherwise.
 */

/** A float64 as JSON: finite numbers as numbers, the rest as strings. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** Encodes a float64 for JSON. */
export function toJsonNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/**
 * Decodes a JsonNumber back to a float64. Anything else (a malformed or missing entry) decodes
 * to NaN rather than throwing, so one bad value shows as nan instead of breaking a whole output.
 */
export function fromJsonNumber(value: JsonNumber | null | undefined): number {
  if (typeof value === "number") return value;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return NaN;
}
