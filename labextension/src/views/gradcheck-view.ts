import {
  formatNumber,
  formatShape,
  fromJsonNumber,
  GRADCHECK_VERDICTS,
  type GradcheckBundle,
  type GradcheckParamReport,
  type GradcheckVerdict,
  type JsonNumber,
} from "gradbook/protocol";
import { el, setChildren } from "../dom";
import { formatJsonNumber } from "../format";
import { renderHeatmap } from "./heatmap";

/** The bands from best to worst, each with the sentence a student reads next to the colour. */
export const VERDICTS: Record<GradcheckVerdict, { label: string; meaning: string; tone: string }> =
  {
    exact: {
      label: "exact",
      meaning: "analytic and numerical gradients agree to rounding error",
      tone: "good",
    },
    fine: {
      label: "fine",
      meaning: "agreement within what finite differences can resolve",
      tone: "good",
    },
    suspicious: {
      label: "suspicious",
      meaning: "larger differences than finite differences explain; look at the worst entries",
      tone: "warn",
    },
    wrong: {
      label: "wrong",
      meaning: "the analytic gradient disagrees with the numerical one",
      tone: "bad",
    },
  };

function verdictOf(value: string): GradcheckVerdict {
  return (GRADCHECK_VERDICTS as readonly string[]).includes(value)
    ? (value as GradcheckVerdict)
    : "wrong";
}

/** The four bands in a row with the current one marked: colour for a glance, text for everyone. */
function bandScale(verdict: GradcheckVerdict): HTMLElement {
  return el(
    "ol",
    { className: "gradbook-bands", attrs: { "aria-label": `verdict: ${verdict}` } },
    ...GRADCHECK_VERDICTS.map((band) =>
      el("li", {
        className: `gradbook-band is-${VERDICTS[band].tone}${band === verdict ? " is-current" : ""}`,
        text: VERDICTS[band].label,
        attrs: band === verdict ? { "aria-current": "true" } : {},
      }),
    ),
  );
}

function verdictBadge(verdict: GradcheckVerdict, ok: boolean): HTMLElement {
  return el("span", {
    className: `gradbook-badge is-${ok ? "pass" : "fail"}`,
    text: `${ok ? "✓ pass" : "✗ fail"} · ${VERDICTS[verdict].label}`,
  });
}

function numberCell(value: JsonNumber): HTMLElement {
  const decoded = fromJsonNumber(value);
  return el("td", {
    className: Number.isFinite(decoded) ? "gradbook-value" : "gradbook-value is-nonfinite",
    text: formatNumber(decoded, 6),
  });
}

function worstTable(name: string, report: GradcheckParamReport): HTMLElement | null {
  if (report.worst.length === 0) return null;
  return el(
    "table",
    { className: "gradbook-worst" },
    el("caption", { text: `Worst entries of ${name}` }),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...["index", "analytic", "numerical", "rel. error"].map((text) =>
          el("th", { text, attrs: { scope: "col" } }),
        ),
      ),
    ),
    el(
      "tbody",
      {},
      ...report.worst.map((entry) =>
        el(
          "tr",
          {},
          el("th", { text: formatShape(entry.index), attrs: { scope: "row" } }),
          numberCell(entry.analytic),
          numberCell(entry.numeric),
          numberCell(entry.relError),
        ),
      ),
    ),
  );
}

/** Relative errors on a log scale from 1e-12 (no colour) to 1 (full error colour); NaN is full. */
function errorIntensity(relError: number): number {
  if (Number.isNaN(relError)) return 1;
  if (relError <= 0) return 0;
  return (Math.log10(relError) + 12) / 12;
}

function errorHeatmap(name: string, report: GradcheckParamReport): HTMLElement | null {
  const map = report.relErrorMap;
  if (!map) return null;
  const values = map.values.map((value) => (value === null ? null : fromJsonNumber(value)));
  const grid = renderHeatmap({
    rows: map.rows,
    cols: map.cols,
    values,
    palette: "error",
    intensity: errorIntensity,
    cellTitle: (row, col, value) =>
      `${name}[${row}, ${col}]: ${value === null ? "not checked" : `relative error ${formatNumber(value)}`}`,
    label: `Relative error of each checked entry of ${name}, ${map.rows} × ${map.cols}, on a log scale`,
    legend: { low: "≤1e-12", high: "1", empty: "not checked" },
  });
  return el(
    "figure",
    { className: "gradbook-error-heatmap" },
    grid,
    el("figcaption", { text: `Relative error per entry of ${name} (log scale)` }),
  );
}

function paramSection(name: string, report: GradcheckParamReport): HTMLElement {
  const verdict = verdictOf(report.verdict);
  const facts = [
    `max rel. error ${formatJsonNumber(report.maxRelError)}`,
    `‖g − g̃‖/(‖g‖ + ‖g̃‖) = ${formatJsonNumber(report.normRelError)}`,
    report.checked === report.total
      ? `all ${report.total} entries checked`
      : `${report.checked} of ${report.total} entries checked (random sample)`,
  ];
  if (report.directional)
    facts.push(
      `random direction: analytic ${formatJsonNumber(report.directional.analytic, 6)}, numerical ${formatJsonNumber(report.directional.numeric, 6)} (rel. error ${formatJsonNumber(report.directional.relError)})`,
    );
  return el(
    "section",
    {
      className: `gradbook-param is-${report.ok ? "pass" : "fail"}`,
      attrs: { "data-gradbook-param": name, "aria-label": `parameter ${name}` },
    },
    el(
      "div",
      { className: "gradbook-header" },
      el("span", { className: "gradbook-name", text: name }),
      el("span", { className: "gradbook-shape-badge", text: formatShape(report.shape) }),
      verdictBadge(verdict, report.ok),
    ),
    el("ul", { className: "gradbook-facts" }, ...facts.map((text) => el("li", { text }))),
    el(
      "div",
      { className: "gradbook-param-body" },
      worstTable(name, report),
      errorHeatmap(name, report),
    ),
  );
}

/**
 * Renders a gradient-check report into `host`: a pass/fail badge, the banded verdict in colour
 * and words, the thresholds used, warnings, and per parameter its worst entries and (for
 * matrices) a heatmap of relative errors. Hooks: class `gradbook-gradcheck`,
 * `data-gradbook-status="pass|fail"`.
 */
export function renderGradcheck(host: HTMLElement, bundle: GradcheckBundle): void {
  const verdict = verdictOf(bundle.verdict);
  host.classList.add("gradbook-gradcheck");
  host.dataset.gradbookStatus = bundle.ok ? "pass" : "fail";
  const { eps, rtol, atol } = bundle.thresholds ?? { eps: NaN, rtol: NaN, atol: NaN };
  const failing = Object.entries(bundle.params)
    .filter(([, report]) => !report.ok)
    .map(([name]) => name);
  const summary = bundle.ok
    ? `Gradient check passed: ${VERDICTS[verdict].meaning}.`
    : `Gradient check failed for ${failing.join(", ") || "the report"}: ${VERDICTS[verdict].meaning}.`;
  setChildren(
    host,
    el(
      "div",
      { className: "gradbook-header" },
      el("span", { className: "gradbook-title", text: "Gradient check" }),
      verdictBadge(verdict, bundle.ok),
      bandScale(verdict),
    ),
    el("p", { className: "gradbook-summary", text: summary }),
    el("p", {
      className: "gradbook-note",
      text: `central differences with eps ${formatNumber(eps)}; tolerances rtol ${formatNumber(rtol)}, atol ${formatNumber(atol)}`,
    }),
    bundle.warnings.length > 0
      ? el(
          "ul",
          { className: "gradbook-warnings", attrs: { "aria-label": "warnings" } },
          ...bundle.warnings.map((text) =>
            el("li", { className: "gradbook-warning", text: `⚠ ${text}` }),
          ),
        )
      : null,
    ...Object.entries(bundle.params).map(([name, report]) => paramSection(name, report)),
  );
}
