/** One workload's measurements, as printed in the table and in `--json`. */
export interface BenchResult {
  file: string;
  name: string;
  /** Median time of one gradbook run, in milliseconds. */
  gradbookMs: number | null;
  /** Median time of one numpy run, in milliseconds. */
  numpyMs: number | null;
  /** gradbookMs / numpyMs. */
  ratio: number | null;
  gradbookGflops: number | null;
  numpyGflops: number | null;
  /** The target for `ratio` (at most), if it sets one. */
  target: number | null;
  /** ratio ≤ target, or null without a target. */
  met: boolean | null;
  /** max |gradbook − numpy| / max |numpy| over the result, or null when not compared. */
  maxRelError: number | null;
  /** Why the workload failed (a thrown error or a result that differs from numpy's). */
  error: string | null;
  samples: { gradbook: number[]; numpy: number[]; gradbookLoops: number; numpyLoops: number };
}

function significant(value: number | null, digits = 3): string {
  if (value === null) return "—";
  if (value >= 10 ** digits) return value.toFixed(0);
  return value.toPrecision(digits);
}

/** The results as an aligned text table, one row a workload. */
export function formatTable(results: readonly BenchResult[]): string {
  const header = [
    "workload",
    "gradbook ms",
    "numpy ms",
    "ratio",
    "GFLOP/s gb",
    "GFLOP/s np",
    "target",
    "met",
    "rel err",
  ];
  const rows = results.map((r) => [
    r.name,
    significant(r.gradbookMs),
    significant(r.numpyMs),
    r.ratio === null ? "—" : `${r.ratio.toFixed(2)}×`,
    significant(r.gradbookGflops),
    significant(r.numpyGflops),
    // A third (1/3: three times the throughput) shows as 0.33, not 0.3333333333333333.
    r.target === null ? "—" : `≤ ${Number(r.target.toPrecision(2))}×`,
    r.error !== null ? "ERROR" : r.met === null ? "—" : r.met ? "yes" : "no",
    r.maxRelError === null ? "—" : r.maxRelError.toExponential(1),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join("  ");
  const lines = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  for (const r of results) if (r.error !== null) lines.push(`${r.name}: ${r.error}`);
  return lines.join("\n");
}
