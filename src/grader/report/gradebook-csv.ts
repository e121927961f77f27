/**
 * grades.csv: one row per submission (sorted by name), columns
 * `submission,timestamp,late_hours,raw,penalty,total,max`, then the points of each graded cell
 * (autograded tests, manually graded answers and tasks) by grade_id in notebook order — blank
 * while a manual cell waits for its points. The late columns follow nbgrader's export
 * (timestamp, raw_score, late_submission_penalty, score, max_score); late_hours is rounded up to
 * the hundredth, so a second late never shows as 0; timestamp and late_hours are blank when
 * unknown. Text is defused for spreadsheets (csv.ts). Also manual-pending.csv: the
 * manual cells still to score, in manual.csv's columns, to copy rows from.
 */
import { csvLines, csvText } from "./csv";
import { MANUAL_COLUMNS } from "./manual-csv";
import { formatHours, type GradebookRow } from "./rows";
import { formatPoints, type GradebookItem } from "../scoring/results";

/** The leading columns of grades.csv. */
export const GRADEBOOK_COLUMNS = [
  "submission",
  "timestamp",
  "late_hours",
  "raw",
  "penalty",
  "total",
  "max",
] as const;

function points(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : formatPoints(value);
}

/** grades.csv for `rows` (see the file comment). */
export function gradebookCsv(
  items: readonly GradebookItem[],
  rows: readonly GradebookRow[],
): string {
  const header = [...GRADEBOOK_COLUMNS, ...items.map((item) => item.gradeId)].map(csvText);
  const lines = rows.map((row) => [
    csvText(row.result.submission),
    csvText(row.result.timestamp ?? ""),
    row.lateHours === undefined ? "" : formatHours(row.lateHours),
    formatPoints(row.raw),
    formatPoints(row.penalty),
    formatPoints(row.total),
    formatPoints(row.max),
    ...items.map((item) => points(row.points.get(item.gradeId))),
  ]);
  return csvLines([header, ...lines]);
}

/** manual-pending.csv: a row per manual cell still without points (see the file comment). */
export function pendingCsv(items: readonly GradebookItem[], rows: readonly GradebookRow[]): string {
  const manual = items.filter((item) => item.kind !== "test");
  const lines = rows.flatMap((row) =>
    manual
      .filter((item) => row.points.get(item.gradeId) === null)
      .map((item) => [csvText(row.result.submission), csvText(item.gradeId), "", ""]),
  );
  return csvLines([[...MANUAL_COLUMNS], ...lines]);
}
