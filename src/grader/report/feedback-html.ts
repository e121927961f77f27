/**
 * The feedback page a student receives: the score, each test with its points and, when it
 * failed, why; the visible code of a test, never its hidden tests (their error messages are
 * shown with hidden code lines removed, error-report.ts); the student's own cells that failed;
 * and what was restored from the assignment. A single self-contained HTML file.
 */
import { describeCell } from "../authoring/markup";
import {
  describeOutcome,
  formatPoints,
  type SubmissionResult,
  type TestResult,
} from "../scoring/results";

/** What students were given of each test cell, by grade_id. */
export type VisibleTests = ReadonlyMap<string, { source: string; hasHiddenTests: boolean }>;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.score { font-size: 1.25rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.passed { color: #1a7f37; } .failed { color: #b42318; }
pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; margin: 0.3rem 0; }
.hidden-note { color: #555; font-style: italic; }
`;

function testRow(test: TestResult, visible: VisibleTests): string {
  const status = test.passed ? "passed" : "failed";
  const label = escapeHtml(describeOutcome(test.outcome));
  const code = visible.get(test.gradeId);
  const details: string[] = [];
  if (!test.passed && test.error !== "") {
    details.push(`<pre class="error">${escapeHtml(test.error)}</pre>`);
  }
  if (code !== undefined && code.source.trim() !== "") {
    details.push(
      `<details><summary>test code</summary><pre>${escapeHtml(code.source)}</pre></details>`,
    );
  }
  if (test.hasHiddenTests) {
    details.push(`<div class="hidden-note">This test also runs hidden checks (not shown).</div>`);
  }
  return (
    `<tr><td><code>${escapeHtml(test.gradeId)}</code></td>` +
    `<td>${formatPoints(test.points)} / ${formatPoints(test.maxPoints)}</td>` +
    `<td class="${status}">${label}</td><td>${details.join("")}</td></tr>`
  );
}

/** The feedback page for one result (see the file comment). */
export function feedbackHtml(result: SubmissionResult, visible: VisibleTests): string {
  const title = `Feedback: ${result.submission}`;
  const parts: string[] = [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="score">${formatPoints(result.total)} / ${formatPoints(result.max)} points</p>`,
  ];
  if (!result.graded) {
    parts.push(
      `<p class="failed">This submission could not be graded: ${escapeHtml(result.reason ?? "")}</p>`,
    );
  }
  parts.push(
    `<h2>Tests</h2><table><thead><tr><th>test</th><th>points</th><th>result</th><th>details</th>` +
      `</tr></thead><tbody>`,
    ...result.tests.map((test) => testRow(test, visible)),
    `</tbody></table>`,
  );
  if (result.problems.length > 0) {
    parts.push(`<h2>Cells that failed</h2><ul>`);
    for (const problem of result.problems) {
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
  if (result.notes.length > 0) {
    parts.push(
      `<h2>Notes</h2><ul>`,
      ...result.notes.map((note) => `<li>${escapeHtml(note)}</li>`),
      `</ul>`,
    );
  }
  parts.push(`</body></html>`);
  return parts.join("\n") + "\n";
}
