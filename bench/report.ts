/** One side's measurements of a workload (bench/sides.ts): plain Node or a tslab kernel. */
export interface SideResult {
  /** Median time of one gradbook run, in milliseconds. */
  ms: number | null;
  /** ms / numpy's ms. */
  ratio: number | null;
  /** max |gradbook − numpy| / max |numpy| over the result, or null when not compared. */
  maxRelError: number | null;
  /** Why this side failed (a thrown error or a result that differs from numpy's). */
  error: string | null;
  samples: number[];
  loops: number;
}

/** One workload's measurements, as printed in the table and in `--json`. */
export interface BenchResult {
  file: string;
  name: string;
  /** Plain Node's median time of one gradbook run, in milliseconds (sides.node.ms). */
  gradbookMs: number | null;
  /** Median time of one numpy run, in milliseconds. */
  numpyMs: number | null;
  /** gradbookMs / numpyMs. */
  ratio: number | null;
  gradbookGflops: number | null;
  numpyGflops: number | null;
  /** The target for `ratio` (at most), if it sets one. */
  target: number | null;
  /** Every side's ratio ≤ target, or null without a target. */
  met: boolean | null;
  /** Plain Node's max relative difference from numpy (sides.node.maxRelError). */
  maxRelError: number | null;
  /** Why the workload failed: numpy's error or the first side's. */
  error: string | null;
  /** Each side's figures by name: "node", and "kernel lab"/"kernel run" for cell workloads. */
  sides: Record<string, SideResult>;
  samples: { numpy: number[]; numpyLoops: number };
}

function significant(value: number | null, digits = 3): string {
  if (value === null) return "—";
  if (value >= 10 ** digits) return value.toFixed(0);
  return value.toPrecision(digits);
}

function ratioText(ratio: number | null): string {
  return ratio === null ? "—" : `${ratio.toFixed(2)}×`;
}

/** The names of the sides that appear in `results`, plain Node first. */
function sideNames(results: readonly BenchResult[]): string[] {
  const names = new Set<string>(["node"]);
  for (const r of results) for (const name of Object.keys(r.sides)) names.add(name);
  return [...names];
}

/** The results as an aligned text table, one row a workload, a column pair per side. */
export function formatTable(results: readonly BenchResult[]): string {
  const sides = sideNames(results);
  const flops = results.some((r) => r.gradbookGflops !== null);
  const header = [
    "workload",
    "numpy ms",
    ...sides.flatMap((side) => [`${side} ms`, "ratio"]),
    ...(flops ? ["GFLOP/s gb", "GFLOP/s np"] : []),
    "target",
    "met",
    "rel err",
  ];
  const rows = results.map((r) => [
    r.name,
    significant(r.numpyMs),
    ...sides.flatMap((side) => [
      significant(r.sides[side]?.ms ?? null),
      ratioText(r.sides[side]?.ratio ?? null),
    ]),
    ...(flops ? [significant(r.gradbookGflops), significant(r.numpyGflops)] : []),
    // A third (1/3: three times the throughput) shows as 0.33, not 0.3333333333333333.
    r.target === null ? "—" : `≤ ${Number(r.target.toPrecision(2))}×`,
    r.error !== null ? "ERROR" : r.met === null ? "—" : r.met ? "yes" : "no",
    worstError(r),
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
  if (results.length > 1) lines.push(...geometricMeans(results, sides));
  for (const r of results) if (r.error !== null) lines.push(`${r.name}: ${r.error}`);
  return lines.join("\n");
}

/** The largest relative error of any side, as the table's last column. */
function worstError(r: BenchResult): string {
  const errors = Object.values(r.sides)
    .map((side) => side.maxRelError)
    .filter((e): e is number => e !== null);
  return errors.length === 0 ? "—" : Math.max(...errors).toExponential(1);
}

/**
 * One line per side: the geometric mean of its ratios to numpy, and the workloads above their
 * target. A mean over the op sweep is how the issue states its goal (≤ 1.5× in a kernel).
 */
function geometricMeans(results: readonly BenchResult[], sides: readonly string[]): string[] {
  return sides.flatMap((side) => {
    const measured = results.filter((r) => r.sides[side]?.ratio != null);
    if (measured.length === 0) return [];
    const logSum = measured.reduce((sum, r) => sum + Math.log(r.sides[side].ratio as number), 0);
    const missed = measured.filter(
      (r) => r.target !== null && (r.sides[side].ratio as number) > r.target,
    );
    const above = missed.length === 0 ? "none" : missed.map((r) => r.name).join(", ");
    return [
      `${side}: geometric mean ${Math.exp(logSum / measured.length).toFixed(2)}× numpy over ${measured.length} workloads; above target: ${above}`,
    ];
  });
}
