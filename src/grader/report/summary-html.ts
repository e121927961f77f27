/**
 * DIR/summary.html, the class overview: how totals spread (a histogram, inline SVG), and for each
 * graded cell its pass rate, mean points and the most common reasons it failed, so that a hidden
 * test that fails everyone for the same reason stands out at once; then the submissions that
 * could not be graded and the problems found in manual.csv. Self-contained, and written from the
 * rows alone, so that the same results give the same page (a merged gradebook equals an
 * unsharded one).
 */
import { formatPoints, type GradebookItem, type TestResult } from "../scoring/results";
import { escapeHtml, page } from "./html";
import type { GradebookRow } from "./rows";

const BINS = 10;
const TOP_FAILURES = 3;

const STYLE = `
.bar { fill: #4c78a8; } .axis { font: 11px system-ui, sans-serif; fill: #444; }
.failures li { margin: 0.2rem 0; } .failures code { white-space: pre-wrap; }
`;

function histogram(rows: readonly GradebookRow[], max: number): string {
  const counts = new Array<number>(BINS).fill(0);
  for (const row of rows) {
    const share = max > 0 ? row.total / max : 0;
    counts[Math.min(BINS - 1, Math.floor(share * BINS))] += 1;
  }
  const width = 600;
  const height = 180;
  const barWidth = width / BINS;
  const tallest = Math.max(1, ...counts);
  const bars = counts.map((count, k) => {
    const barHeight = (count / tallest) * (height - 40);
    const x = k * barWidth;
    const y = height - 20 - barHeight;
    const low = formatPoints((k / BINS) * max);
    const high = formatPoints(((k + 1) / BINS) * max);
    return (
      `<rect class="bar" x="${x + 2}" y="${y}" width="${barWidth - 4}" height="${barHeight}">` +
      `<title>${count} with ${low}–${high} points</title></rect>` +
      `<text class="axis" x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle">${count || ""}</text>` +
      `<text class="axis" x="${x + barWidth / 2}" y="${height - 4}" text-anchor="middle">${low}</text>`
    );
  });
  return (
    `<svg role="img" aria-label="histogram of totals" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">${bars.join("")}</svg>`
  );
}

function firstLine(error: string): string {
  return (error.split("\n").find((line) => line.trim() !== "") ?? "").trim().slice(0, 200);
}

// The most common reasons a test failed: by first line, numbers aside (so "1 of 3 values"
// and "2 of 3 values" count as one reason), each with an example.
function topFailures(tests: readonly TestResult[]): { example: string; count: number }[] {
  const groups = new Map<string, { example: string; count: number }>();
  for (const test of tests.filter((t) => !t.passed)) {
    const example = firstLine(test.error) || test.outcome;
    const group = example.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, "#");
    const entry = groups.get(group) ?? { example, count: 0 };
    entry.count += 1;
    groups.set(group, entry);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, TOP_FAILURES);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`;
}

function itemRow(item: GradebookItem, rows: readonly GradebookRow[]): string {
  const graded = rows.filter((row) => row.result.graded);
  const values = graded.map((row) => row.points.get(item.gradeId) ?? null);
  const scored = values.filter((value): value is number => value !== null);
  const mean = scored.length > 0 ? scored.reduce((a, b) => a + b, 0) / scored.length : 0;
  const meanText =
    scored.length === 0
      ? "–"
      : `${formatPoints(Math.round(mean * 100) / 100)} / ${formatPoints(item.maxPoints)}`;
  if (item.kind !== "test") {
    const pending = values.length - scored.length;
    return (
      `<tr><td><code>${escapeHtml(item.gradeId)}</code></td><td>manual (${item.kind})</td>` +
      `<td>${meanText}</td><td>${scored.length} scored, ${pending} pending</td><td></td></tr>`
    );
  }
  const tests = graded.flatMap((row) => row.result.tests.filter((t) => t.gradeId === item.gradeId));
  const passed = tests.filter((test) => test.passed);
  const partial = passed.filter((test) => test.partial !== undefined).length;
  const failures = topFailures(tests)
    .map(({ example, count }) => `<li>${count}× <code>${escapeHtml(example)}</code></li>`)
    .join("");
  return (
    `<tr><td><code>${escapeHtml(item.gradeId)}</code></td><td>test</td><td>${meanText}</td>` +
    `<td>${percent(passed.length, tests.length)} pass (${passed.length} of ${tests.length}` +
    `${partial > 0 ? `, ${partial} with partial credit` : ""})</td>` +
    `<td><ul class="failures">${failures}</ul></td></tr>`
  );
}

function overview(rows: readonly GradebookRow[], max: number): string {
  const totals = rows.map((row) => row.total).sort((a, b) => a - b);
  const mean = totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  const median =
    totals.length === 0
      ? 0
      : (totals[Math.floor((totals.length - 1) / 2)] + totals[Math.ceil((totals.length - 1) / 2)]) /
        2;
  const ungraded = rows.filter((row) => !row.result.graded).length;
  const late = rows.filter((row) => (row.lateHours ?? 0) > 0).length;
  const pending = rows.reduce(
    (sum, row) => sum + [...row.points.values()].filter((points) => points === null).length,
    0,
  );
  const round = (value: number) => formatPoints(Math.round(value * 100) / 100);
  return (
    `<p>${rows.length} submission${rows.length === 1 ? "" : "s"}; mean ${round(mean)}, median ` +
    `${round(median)} of ${formatPoints(max)} points; ${ungraded} not graded; ${late} late; ` +
    `${pending} manual score${pending === 1 ? "" : "s"} pending.</p>`
  );
}

/** The class overview of `rows` (see the file comment); `problems` are listed at the end. */
export function summaryHtml(
  notebook: string,
  items: readonly GradebookItem[],
  rows: readonly GradebookRow[],
  problems: readonly string[] = [],
): string {
  const max = items.reduce((sum, item) => sum + item.maxPoints, 0);
  const title = `Class overview: ${notebook}`;
  const parts = [
    `<h1>${escapeHtml(title)}</h1>`,
    overview(rows, max),
    `<h2>Totals</h2>`,
    histogram(rows, max),
    `<h2>Graded cells</h2><table><thead><tr><th>cell</th><th>kind</th><th>mean</th>` +
      `<th>result</th><th>most common failures</th></tr></thead><tbody>`,
    ...items.map((item) => itemRow(item, rows)),
    `</tbody></table>`,
  ];
  const ungraded = rows.filter((row) => !row.result.graded);
  if (ungraded.length > 0) {
    parts.push(
      `<h2>Not graded</h2><ul>`,
      ...ungraded.map(
        (row) =>
          `<li><code>${escapeHtml(row.result.submission)}</code>: ${escapeHtml(row.result.reason ?? "")}</li>`,
      ),
      `</ul>`,
    );
  }
  if (problems.length > 0) {
    parts.push(
      `<h2>Problems</h2><ul>`,
      ...problems.map((p) => `<li>${escapeHtml(p)}</li>`),
      `</ul>`,
    );
  }
  return page(title, parts.join("\n"), STYLE);
}
