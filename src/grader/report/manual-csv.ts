/**
 * DIR/manual.csv, where the instructor scores what gradbook cannot: one row per cell and
 * student, `submission,grade_id,points,comment`. A row for a manually graded answer or task
 * gives its points (blank points keep it pending, with the comment); a row for an autograded
 * test replaces the test's points (to correct one student's grade by hand). Comments reach the
 * student's feedback. Every rebuild of the gradebook reads it again; gradbook never writes it.
 */
import * as fs from "node:fs";
import { parseCsv, undefuse } from "./csv";

/** The file name, in the results folder. */
export const MANUAL_CSV = "manual.csv";

/** The columns, in order. */
export const MANUAL_COLUMNS = ["submission", "grade_id", "points", "comment"] as const;

/** One row of manual.csv. */
export interface ManualEntry {
  submission: string;
  gradeId: string;
  /** Undefined when the points column is blank. */
  points?: number;
  comment?: string;
  /** Line of the row in the file, for messages. */
  line: number;
}

/** The rows of `file` (none when it does not exist) and what was wrong with any of them. */
export function readManualCsv(file: string): { entries: ManualEntry[]; problems: string[] } {
  if (!fs.existsSync(file)) {
    return { entries: [], problems: [] };
  }
  const rows = parseCsv(fs.readFileSync(file, "utf8"));
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  if (!MANUAL_COLUMNS.slice(0, 3).every((name, k) => header[k] === name)) {
    return {
      entries: [],
      problems: [
        `${file}: the first line must be "${MANUAL_COLUMNS.join(",")}", got ` +
          `"${(rows[0] ?? []).join(",")}"; the file was not read`,
      ],
    };
  }
  const entries: ManualEntry[] = [];
  const problems: string[] = [];
  rows.slice(1).forEach((row, k) => {
    const line = k + 2;
    const [submission = "", gradeId = "", pointsText = "", comment = ""] = row.map((f) => f.trim());
    const points = pointsText === "" ? undefined : Number(pointsText);
    if (points !== undefined && !Number.isFinite(points)) {
      problems.push(`${file}:${line}: points must be a number, got "${pointsText}"; row ignored`);
      return;
    }
    entries.push({
      submission: undefuse(submission),
      gradeId: undefuse(gradeId),
      points,
      comment: comment === "" ? undefined : comment,
      line,
    });
  });
  return { entries, problems };
}
