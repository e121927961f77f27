/**
 * The feedback page a student receives (DIR/<submission>.html): the score (with a late penalty
 * and manual points still to come, if any), a table of every graded cell, then the student's
 * notebook as it ran, cell by cell with its outputs, each graded cell's points and reason beside
 * it, the instructor's comments from manual.csv, and what was restored from the assignment.
 * Hidden tests are never shown (the executed notebook holds only visible test code,
 * scoring/executed.ts; their error messages are shown with hidden lines removed). One
 * self-contained file: no script, no external address (report/html.ts, notebook-html.ts).
 */
import { describeCell, nbgraderMetadata } from "../authoring/markup";
import type { Notebook } from "../../notebook";
import {
  describeOutcome,
  formatPoints,
  type GradebookItem,
  type TestResult,
} from "../scoring/results";
import { escapeHtml, page } from "./html";
import { cellHtml } from "./notebook-html";
import { formatHours, type GradebookRow } from "./rows";

const STYLE = `
.score { font-size: 1.25rem; font-weight: 600; }
.cell { display: grid; grid-template-columns: 3rem 1fr 16rem; gap: 0.5rem; margin: 0.8rem 0; }
.cell.markdown, .cell.raw { grid-template-columns: 3rem 1fr 16rem; }
.count { color: #777; font-family: monospace; padding-top: 0.6rem; }
.cell-body { min-width: 0; grid-column: 2; }
.source { border-left: 3px solid #d0d7de; }
.output.stderr { background: #fff5f5; }
.grade { grid-column: 3; border-left: 3px solid #d0d7de; padding: 0.4rem 0.6rem; font-size: 0.9rem; }
.grade.passed { border-color: #1a7f37; } .grade.failed { border-color: #b42318; }
.grade.partial { border-color: #9a6700; } .grade.pending { border-color: #999; }
img { max-width: 100%; }
`;

interface Verdict {
  status: "passed" | "partial" | "failed" | "pending";
  label: string;
  details: string[];
}

// `withError` is false beside a cell, whose outputs already end with the error.
function testVerdict(
  test: TestResult,
  points: number | null,
  comment: string | undefined,
  withError: boolean,
): Verdict {
  const details: string[] = [];
  if (withError && !test.passed && test.error !== "") {
    details.push(`<pre class="error">${escapeHtml(test.error)}</pre>`);
  }
  for (const message of test.partial?.messages ?? []) {
    details.push(`<div>${escapeHtml(message)}</div>`);
  }
  if (test.hasHiddenTests) {
    details.push(`<div class="note">This test also runs hidden checks (not shown).</div>`);
  }
  if (comment !== undefined) {
    details.push(`<div class="comment">Instructor: ${escapeHtml(comment)}</div>`);
  }
  const changed = points !== null && points !== test.points;
  if (changed) {
    details.push(`<div class="note">Points set by your instructor.</div>`);
  }
  if (!test.passed && !changed) {
    return { status: "failed", label: describeOutcome(test.outcome), details };
  }
  const full = (points ?? 0) >= test.maxPoints;
  return full
    ? { status: "passed", label: test.passed ? "passed" : "points given", details }
    : { status: "partial", label: "partial credit", details };
}

function verdictOf(row: GradebookRow, item: GradebookItem, withError = true): Verdict {
  const points = row.points.get(item.gradeId) ?? null;
  const comment = row.comments.get(item.gradeId);
  const test = row.result.tests.find((t) => t.gradeId === item.gradeId);
  if (test !== undefined) {
    return testVerdict(test, points, comment, withError);
  }
  const details =
    comment === undefined ? [] : [`<div class="comment">${escapeHtml(comment)}</div>`];
  if (points === null) {
    return { status: "pending", label: "graded by your instructor (pending)", details };
  }
  const status = points >= item.maxPoints ? "passed" : points > 0 ? "partial" : "failed";
  return { status, label: "graded by your instructor", details };
}

function pointsText(row: GradebookRow, item: GradebookItem): string {
  const points = row.points.get(item.gradeId);
  const earned = points === null || points === undefined ? "–" : formatPoints(points);
  return `${earned} / ${formatPoints(item.maxPoints)}`;
}

function itemRow(row: GradebookRow, item: GradebookItem): string {
  const verdict = verdictOf(row, item);
  return (
    `<tr><td><code>${escapeHtml(item.gradeId)}</code></td><td>${pointsText(row, item)}</td>` +
    `<td class="${verdict.status}">${escapeHtml(verdict.label)}</td>` +
    `<td>${verdict.details.join("")}</td></tr>`
  );
}

function aside(row: GradebookRow, item: GradebookItem): string {
  const verdict = verdictOf(row, item, false);
  return (
    `<aside class="grade ${verdict.status}"><div><code>${escapeHtml(item.gradeId)}</code> ` +
    `${pointsText(row, item)}</div><div class="${verdict.status}">${escapeHtml(verdict.label)}` +
    `</div>${verdict.details.join("")}</aside>`
  );
}

function scoreLine(row: GradebookRow): string {
  const parts = [`${formatPoints(row.total)} / ${formatPoints(row.max)} points`];
  if (row.penalty > 0) {
    const hours = formatHours(row.lateHours ?? 0);
    parts.push(
      `(${formatPoints(row.raw)} less ${formatPoints(row.penalty)} for handing in ${hours} h late)`,
    );
  }
  const pending = [...row.points.values()].filter((points) => points === null).length;
  if (pending > 0) {
    parts.push(`— ${pending} manually graded cell${pending === 1 ? "" : "s"} still to be scored`);
  }
  return `<p class="score">${escapeHtml(parts.join(" "))}</p>`;
}

function notebookSection(
  row: GradebookRow,
  items: readonly GradebookItem[],
  executed: Notebook,
): string {
  const byId = new Map(items.map((item) => [item.gradeId, item]));
  const cells = executed.cells.map((cell) => {
    const item = byId.get(nbgraderMetadata(cell)?.grade_id ?? "");
    return cellHtml(cell, item ? aside(row, item) : "");
  });
  return `<h2>Your notebook as it was graded</h2>\n${cells.join("\n")}`;
}

function problemsSection(row: GradebookRow): string[] {
  const { problems, notes } = row.result;
  const parts: string[] = [];
  if (problems.length > 0) {
    parts.push(`<h2>Cells that failed</h2><ul>`);
    for (const problem of problems) {
      const which =
        problem.submissionIndex !== undefined
          ? describeCell(problem.submissionIndex, problem.gradeId)
          : `the assignment's cell "${problem.gradeId ?? ""}"`;
      parts.push(
        `<li>${escapeHtml(which)}: ${escapeHtml(describeOutcome(problem.outcome))}` +
          `<pre>${escapeHtml(problem.error)}</pre></li>`,
      );
    }
    parts.push(`</ul>`);
  }
  if (notes.length > 0) {
    parts.push(
      `<h2>Notes</h2><ul>`,
      ...notes.map((note) => `<li>${escapeHtml(note)}</li>`),
      `</ul>`,
    );
  }
  return parts;
}

/**
 * The feedback page of `row` (see the file comment); `executed` is the notebook as it ran
 * (absent for a submission that was not run).
 */
export function feedbackHtml(
  row: GradebookRow,
  items: readonly GradebookItem[],
  executed: Notebook | undefined,
): string {
  const { result } = row;
  const title = `Feedback: ${result.submission}`;
  const parts = [`<h1>${escapeHtml(title)}</h1>`, scoreLine(row)];
  if (!result.graded) {
    parts.push(
      `<p class="failed">This submission could not be graded: ${escapeHtml(result.reason ?? "")}</p>`,
    );
  }
  parts.push(
    `<h2>Graded cells</h2><table><thead><tr><th>cell</th><th>points</th><th>result</th>` +
      `<th>details</th></tr></thead><tbody>`,
    ...items.map((item) => itemRow(row, item)),
    `</tbody></table>`,
  );
  if (executed !== undefined) {
    parts.push(notebookSection(row, items, executed));
  }
  parts.push(...problemsSection(row));
  return page(title, parts.join("\n"), STYLE);
}
