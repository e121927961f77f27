import { formatNumber, fromJsonNumber, type JsonNumber } from "gradbook/protocol";

/** `formatNumber` of a value read straight from a bundle (NaN and ±Infinity travel as strings). */
export function formatJsonNumber(value: JsonNumber | null | undefined, digits = 4): string {
  return formatNumber(fromJsonNumber(value), digits);
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
