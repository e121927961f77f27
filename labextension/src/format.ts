import type { JsonNumber } from "gradbook/dist/display/schema";

/**
 * Decodes a bundle's JsonNumber ("NaN", "Infinity", "-Infinity" travel as strings because JSON
 * has no such numbers). Anything else that is not a number decodes to NaN rather than throwing,
 * so a malformed entry shows as NaN instead of breaking the whole output.
 */
export function decodeNumber(value: JsonNumber | null | undefined): number {
  if (typeof value === "number") return value;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return NaN;
}

function trimMantissa(text: string): string {
  const [mantissa, exponent] = text.split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/**
 * A float64 for people: `digits` significant digits, trailing zeros dropped, scientific notation
 * outside [1e-3, 1e5) the way numpy switches, integers below 1e5 as integers, and "NaN", "Inf",
 * "-Inf" for the non-finite values.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Inf";
  if (value === -Infinity) return "-Inf";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e5) return String(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return trimMantissa(value.toExponential(digits - 1));
  return trimMantissa(value.toPrecision(digits));
}

/** `formatNumber` of a JsonNumber, for values read straight from a bundle. */
export function formatJsonNumber(value: JsonNumber | null | undefined, digits = 4): string {
  return formatNumber(decodeNumber(value), digits);
}

/** A shape as people write it: "150 × 4"; "scalar" for a 0-d tensor. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? "scalar" : shape.join(" × ");
}

/** A shape as the stable `data-gradbook-shape` hook: comma-separated, no spaces, "" for 0-d. */
export function shapeAttribute(shape: readonly number[]): string {
  return shape.join(",");
}

/** A byte count with a binary unit: "4.7 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
