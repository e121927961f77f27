/**
 * Text tables for the `text/plain` of reports, traces and the inspector's session list, so they
 * all line up the same way. Numbers and shapes in the cells come from src/protocol's formatters.
 */

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
