/**
 * The gradebook's rows: each result with the instructor's manual.csv applied and the late
 * penalty taken off. Points per graded column (a test, a manually graded answer or task), null
 * while a manual cell waits for its points; raw = the points so far; total = max(0, raw −
 * penalty), as nbgrader's export computes `score`; max = the points of every column.
 */
import { latePenalty, parseLatePenalty } from "./late-policy";
import type { ManualEntry } from "./manual-csv";
import type { GradebookItem, SubmissionResult } from "../scoring/results";

/** One student's line of the gradebook. */
export interface GradebookRow {
  result: SubmissionResult;
  /** Hours late (0 when on time); undefined without a due date or a submission time. */
  lateHours?: number;
  raw: number;
  penalty: number;
  total: number;
  max: number;
  /** Points by grade_id; null while a manually graded cell waits for the instructor. */
  points: Map<string, number | null>;
  /** The comment on each cell, by grade_id (manual.csv's, or gradbook's own). */
  comments: Map<string, string>;
}

/** Hours late as the gradebook shows them: rounded up to the hundredth (a second late is 0.01). */
export function formatHours(hours: number): string {
  return String(Math.ceil(hours * 100 - 1e-9) / 100);
}

function key(submission: string, gradeId: string): string {
  return JSON.stringify([submission, gradeId]);
}

// manual.csv's rows that apply, by submission and grade_id; what does not apply is a problem.
function applicableEntries(
  items: readonly GradebookItem[],
  results: readonly SubmissionResult[],
  entries: readonly ManualEntry[],
  problems: string[],
): Map<string, ManualEntry> {
  const names = new Set(results.map((result) => result.submission));
  const maxById = new Map(items.map((item) => [item.gradeId, item.maxPoints]));
  const applied = new Map<string, ManualEntry>();
  for (const entry of entries) {
    const where = `manual.csv:${entry.line}`;
    const max = maxById.get(entry.gradeId);
    if (!names.has(entry.submission)) {
      problems.push(`${where}: no submission "${entry.submission}" in the gradebook; row ignored`);
    } else if (max === undefined) {
      problems.push(`${where}: no graded cell "${entry.gradeId}" in the assignment; row ignored`);
    } else if (entry.points !== undefined && !(entry.points >= 0 && entry.points <= max)) {
      problems.push(
        `${where}: ${entry.points} points is outside 0–${max} for "${entry.gradeId}"; row ignored`,
      );
    } else {
      if (applied.has(key(entry.submission, entry.gradeId))) {
        problems.push(
          `${where}: a second row for "${entry.submission}", "${entry.gradeId}"; it wins`,
        );
      }
      applied.set(key(entry.submission, entry.gradeId), entry);
    }
  }
  return applied;
}

function lateness(result: SubmissionResult, problems: string[]) {
  if (result.late === undefined || result.timestamp === undefined) {
    return { secondsLate: undefined, rule: undefined };
  }
  const secondsLate = (Date.parse(result.timestamp) - Date.parse(result.late.due)) / 1000;
  try {
    return { secondsLate, rule: parseLatePenalty(result.late.penalty) };
  } catch (error) {
    problems.push(`${result.submission}: ${(error as Error).message}; no penalty taken off`);
    return { secondsLate, rule: undefined };
  }
}

/** The rows of `results` under `items`, with `entries` applied (see the file comment). */
export function gradebookRows(
  items: readonly GradebookItem[],
  results: readonly SubmissionResult[],
  entries: readonly ManualEntry[],
): { rows: GradebookRow[]; problems: string[] } {
  const problems: string[] = [];
  const applied = applicableEntries(items, results, entries, problems);
  const max = items.reduce((sum, item) => sum + item.maxPoints, 0);
  const rows = [...results]
    .sort((a, b) => (a.submission < b.submission ? -1 : a.submission > b.submission ? 1 : 0))
    .map((result): GradebookRow => {
      const points = new Map<string, number | null>();
      const comments = new Map<string, string>();
      for (const item of items) {
        const test = result.tests.find((t) => t.gradeId === item.gradeId);
        const manual = result.manual.find((m) => m.gradeId === item.gradeId);
        const entry = applied.get(key(result.submission, item.gradeId));
        points.set(item.gradeId, entry?.points ?? (test ? test.points : (manual?.points ?? null)));
        const comment =
          entry?.comment ?? (entry?.points === undefined ? manual?.comment : undefined);
        if (comment !== undefined) {
          comments.set(item.gradeId, comment);
        }
      }
      const raw = [...points.values()].reduce<number>((sum, p) => sum + (p ?? 0), 0);
      const { secondsLate, rule } = lateness(result, problems);
      const penalty = rule ? latePenalty(rule, secondsLate, raw, max) : 0;
      return {
        result,
        lateHours: secondsLate === undefined ? undefined : Math.max(0, secondsLate) / 3600,
        raw,
        penalty,
        total: Math.max(0, raw - penalty),
        max,
        points,
        comments,
      };
    });
  return { rows, problems };
}
