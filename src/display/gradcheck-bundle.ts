import {
  type EntryCheck,
  formatGradcheckReport,
  type GradcheckReport,
  type ParamCheck,
} from "../check/gradcheck-report";
import { htmlParagraph, htmlTable } from "./html";
import type { MimeBundle } from "./mime-output";
import {
  formatNumber,
  formatShape,
  type GradcheckBundle,
  type GradcheckEntry,
  type GradcheckParamReport,
  MIME,
  SCHEMA_VERSION,
  toJsonNumber,
} from "../protocol";

/**
 * The `application/vnd.gradbook.gradcheck+json` bundle of a report, with every float encoded
 * as a JsonNumber (NaN and ±Infinity as strings).
 */
export function gradcheckBundle(report: GradcheckReport): GradcheckBundle {
  const params: Record<string, GradcheckParamReport> = {};
  for (const [name, check] of Object.entries(report.params)) params[name] = paramBundle(check);
  return {
    version: SCHEMA_VERSION,
    ok: report.ok,
    verdict: report.verdict,
    thresholds: { ...report.thresholds },
    params,
    warnings: [...report.warnings],
  };
}

function paramBundle(check: ParamCheck): GradcheckParamReport {
  const bundle: GradcheckParamReport = {
    ok: check.ok,
    verdict: check.verdict,
    shape: [...check.shape],
    maxRelError: toJsonNumber(check.maxRelError),
    normRelError: toJsonNumber(check.normRelError),
    checked: check.checked,
    total: check.total,
    worst: check.worst.map(entryBundle),
  };
  if (check.directional) {
    const { analytic, numeric, relError } = check.directional;
    bundle.directional = {
      analytic: toJsonNumber(analytic),
      numeric: toJsonNumber(numeric),
      relError: toJsonNumber(relError),
    };
  }
  if (check.relErrorMap) {
    const { rows, cols, values } = check.relErrorMap;
    bundle.relErrorMap = {
      rows,
      cols,
      values: values.map((value) => (value === null ? null : toJsonNumber(value))),
    };
  }
  return bundle;
}

function entryBundle(entry: EntryCheck): GradcheckEntry {
  return {
    index: [...entry.index],
    analytic: toJsonNumber(entry.analytic),
    numeric: toJsonNumber(entry.numeric),
    relError: toJsonNumber(entry.relError),
  };
}

/** What `show(report)` publishes: the gradcheck JSON, the text report and HTML tables. */
export function gradcheckMime(report: GradcheckReport): MimeBundle {
  return {
    "text/plain": formatGradcheckReport(report),
    "text/html": gradcheckHtml(report),
    [MIME.gradcheck]: gradcheckBundle(report),
  };
}

function gradcheckHtml(report: GradcheckReport): string {
  const { eps, rtol, atol } = report.thresholds;
  const rows = Object.entries(report.params).map(([name, check]) => [
    name,
    formatShape(check.shape),
    `${check.ok ? "✓ pass" : "✗ fail"}`,
    check.verdict,
    formatNumber(check.maxRelError, 2),
    formatNumber(check.normRelError, 2),
    check.checked === check.total ? `all ${check.total}` : `${check.checked} of ${check.total}`,
  ]);
  const parts = [
    htmlTable(rows, {
      caption: `Gradient check ${report.ok ? "passed" : "FAILED"} (${report.verdict}): eps ${formatNumber(eps)}, rtol ${formatNumber(rtol)}, atol ${formatNumber(atol)}`,
      header: [
        "param",
        "shape",
        "result",
        "verdict",
        "max rel. error",
        "‖g−g̃‖/(‖g‖+‖g̃‖)",
        "entries",
      ],
    }),
  ];
  for (const [name, check] of Object.entries(report.params)) {
    if (check.ok) continue;
    const worst = check.worst.map((entry) => [
      formatShape(entry.index),
      formatNumber(entry.analytic, 6),
      formatNumber(entry.numeric, 6),
      formatNumber(entry.relError, 2),
    ]);
    parts.push(
      htmlTable(worst, {
        caption: `Worst entries of ${name}`,
        header: ["index", "analytic", "numerical", "rel. error"],
      }),
    );
  }
  for (const warning of report.warnings) parts.push(htmlParagraph(`⚠ ${warning}`));
  return parts.join("");
}
