import { formatNumber, formatShape, type GradcheckVerdict } from "../protocol";
import { textTable } from "./text-table";

/** One compared entry of a parameter's gradient. */
export interface EntryCheck {
  /** The entry's index, one number per axis. */
  index: number[];
  analytic: number;
  numeric: number;
  /** |a − n| / max(|a| + |n|, atol) (see `relativeError`). */
  relError: number;
  /** Passed torch's test |a − n| ≤ atol + rtol·|n|. */
  passes: boolean;
}

/** The random-direction check of a sampled parameter: the directional derivative along a unit v. */
export interface DirectionalCheck {
  /** Σᵢ aᵢ·vᵢ, the analytic gradient projected on v. */
  analytic: number;
  /** (f(θ + eps·v) − f(θ − eps·v)) / 2eps. */
  numeric: number;
  relError: number;
  passes: boolean;
}

/** The verdict on one parameter. */
export interface ParamCheck {
  ok: boolean;
  verdict: GradcheckVerdict;
  shape: number[];
  /** Largest `relError` over the checked entries (NaN when one is NaN). */
  maxRelError: number;
  /** ‖a − n‖ / (‖a‖ + ‖n‖) over the checked entries (Ng's course flags values above 2e-7). */
  normRelError: number;
  /** Entries compared by finite differences, out of `total`. */
  checked: number;
  total: number;
  /** The worst entries, worst first: failing ones, then by relative error. */
  worst: EntryCheck[];
  /** Done when only a sample of the entries was checked. */
  directional?: DirectionalCheck;
  /** For matrices: each entry's relative error, row-major, null where not checked. */
  relErrorMap?: { rows: number; cols: number; values: (number | null)[] };
}

/** The tolerances a check ran with. */
export interface GradcheckThresholds {
  eps: number;
  rtol: number;
  atol: number;
}

/** Key Node's `util.inspect` (and so tslab's display of a cell's last value) looks for. */
const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * What `gradcheck` found: `ok` (every parameter passed), the worst `verdict`, one `ParamCheck`
 * per parameter and `warnings` (non-deterministic f, kinks, a vanishing gradient). `show(report)`
 * renders it as a widget; as a cell's last value it prints as a text table.
 */
export class GradcheckReport {
  constructor(
    readonly ok: boolean,
    readonly verdict: GradcheckVerdict,
    readonly thresholds: GradcheckThresholds,
    readonly params: Record<string, ParamCheck>,
    readonly warnings: string[],
  ) {}

  /** The names of the parameters that failed. */
  get failing(): string[] {
    return Object.keys(this.params).filter((name) => !this.params[name].ok);
  }

  /** The report as a text table (what `text/plain` shows). */
  toString(): string {
    return formatGradcheckReport(this);
  }

  [inspectSymbol](): string {
    return formatGradcheckReport(this);
  }
}

/**
 * A report as text:
 *
 *   gradcheck FAILED (wrong) — eps 1e-6, rtol 0.001, atol 1e-5
 *     W  [3, 2]  wrong  max rel. error 0.87  ‖g−g̃‖/(‖g‖+‖g̃‖) 0.42  6 of 6 entries
 *        [1, 0]  analytic 1.5  numeric 0.1  rel. error 0.87  ✗
 */
export function formatGradcheckReport(report: GradcheckReport): string {
  const { eps, rtol, atol } = report.thresholds;
  const lines = [
    `gradcheck ${report.ok ? "passed" : "FAILED"} (${report.verdict}) — eps ${formatNumber(eps)}, rtol ${formatNumber(rtol)}, atol ${formatNumber(atol)}`,
  ];
  for (const [name, check] of Object.entries(report.params)) {
    const coverage =
      check.checked === check.total
        ? `all ${check.total} entries`
        : `${check.checked} of ${check.total} entries (random sample)`;
    lines.push(
      textTable([
        [
          name,
          formatShape(check.shape),
          `${check.ok ? "✓" : "✗"} ${check.verdict}`,
          `max rel. error ${formatNumber(check.maxRelError, 2)}`,
          `‖g−g̃‖/(‖g‖+‖g̃‖) ${formatNumber(check.normRelError, 2)}`,
          coverage,
        ],
      ]),
    );
    const rows = check.worst.map((entry) => [
      formatShape(entry.index),
      `analytic ${formatNumber(entry.analytic, 6)}`,
      `numeric ${formatNumber(entry.numeric, 6)}`,
      `rel. error ${formatNumber(entry.relError, 2)}`,
      entry.passes ? "" : "✗",
    ]);
    if (check.directional) {
      const d = check.directional;
      rows.push([
        "random direction",
        `analytic ${formatNumber(d.analytic, 6)}`,
        `numeric ${formatNumber(d.numeric, 6)}`,
        `rel. error ${formatNumber(d.relError, 2)}`,
        d.passes ? "" : "✗",
      ]);
    }
    if (rows.length > 0) lines.push(textTable(rows, "    "));
  }
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n");
}
