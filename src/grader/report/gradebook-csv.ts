/**
 * grades.csv: one row per submission (sorted by name), columns `submission,total,max,` then the
 * points of each autograded test, by grade_id in notebook order. RFC 4180 quoting; a field that a
 * spreadsheet would run as a formula (a name starting with =, +, -, @) is prefixed with `'`.
 */
import { formatPoints, type SubmissionResult } from "../scoring/results";

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The gradebook of `results` for tests `gradeIds` (see the file comment), ending in a newline. */
export function gradebookCsv(
  gradeIds: readonly string[],
  results: readonly SubmissionResult[],
): string {
  const header = ["submission", "total", "max", ...gradeIds];
  const rows = [...results]
    .sort((a, b) => (a.submission < b.submission ? -1 : a.submission > b.submission ? 1 : 0))
    .map((result) => {
      const points = new Map(result.tests.map((test) => [test.gradeId, test.points]));
      return [
        result.submission,
        formatPoints(result.total),
        formatPoints(result.max),
        ...gradeIds.map((id) => formatPoints(points.get(id) ?? 0)),
      ];
    });
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
