/**
 * Number and table formatting shared by the text renderings of reports, traces and tensors
 * (the `text/plain` of every bundle), so they all read the same.
 */

/**
 * A number in at most `digits` significant digits: integers below 1e8 as they are, very small or
 * large magnitudes in scientific notation (`3.2e-9`), NaN and ±Infinity by name.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e8) return String(value);
  if (magnitude < 1e-4 || magnitude >= 1e8) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  // toPrecision switches to exponents at 10^digits; whole units read better there.
  if (magnitude >= 10 ** digits) return String(Math.round(value));
  return trimZeros(value.toPrecision(digits));
}

/** `[150, 4]`; `[]` for a scalar. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Rows of cells as a left-aligned, space-padded text table (no trailing spaces). */
export function textTable(rows: readonly (readonly string[])[], indent = ""): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, [...cell].length);
    });
  }
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, column) =>
            column === row.length - 1 ? cell : cell + " ".repeat(widths[column] - [...cell].length),
          )
          .join("  ")
          .trimEnd(),
    )
    .join("\n");
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
