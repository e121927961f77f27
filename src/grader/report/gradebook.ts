/**
 * Rebuilding a results folder's gradebook from its result files, which are the source of truth:
 * DIR/grades.csv from every `*.json` there plus the instructor's DIR/manual.csv, the class
 * overview DIR/summary.html, the list of manual scores still missing DIR/manual-pending.csv,
 * and feedback pages (all, or those of the students just graded). Each file is written
 * atomically, so a crash mid-run leaves the previous gradebook whole, and a rebuild never loses
 * a row whose result file is there: grading one student again changes that row only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, type Notebook } from "../../notebook";
import type { AssignmentIdentity } from "../scoring/results";
import { writeFileAtomic } from "./atomic-write";
import { feedbackHtml } from "./feedback-html";
import { gradebookCsv, pendingCsv } from "./gradebook-csv";
import { MANUAL_CSV, readManualCsv } from "./manual-csv";
import { commonIdentity, resultBase, ResultsFolder } from "./results-folder";
import { gradebookRows, type GradebookRow } from "./rows";
import { summaryHtml } from "./summary-html";

/** File names of a results folder that gradbook writes (besides each student's). */
export const GRADEBOOK_FILES = {
  grades: "grades.csv",
  summary: "summary.html",
  pending: "manual-pending.csv",
} as const;

/** How to rebuild. */
export interface RebuildOptions {
  /** Whose feedback pages to write: everyone's, or these submissions'. */
  feedback: "all" | ReadonlySet<string>;
  /** The folder's reader, kept between rebuilds of one run so that only new files are read. */
  folder?: ResultsFolder;
  /** The assignment the folder must hold (a grading run's); else the results' own. */
  identity?: AssignmentIdentity;
}

/** What a rebuild found. */
export interface Gradebook {
  rows: GradebookRow[];
  identity?: AssignmentIdentity;
  /** Results that could not be read, manual.csv rows that do not apply, … */
  problems: string[];
}

function executedNotebook(dir: string, submission: string): Notebook | undefined {
  const file = path.join(dir, `${resultBase(submission)}.ipynb`);
  try {
    return fs.existsSync(file) ? readNotebook(file, { refuseLinks: true }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rebuild the gradebook of `dir` (see the file comment). Throws `GradebookError` when the folder
 * holds results of different assignments (nothing is written then).
 */
export function rebuildGradebook(dir: string, options: RebuildOptions): Gradebook {
  const folder = options.folder ?? new ResultsFolder(dir);
  const loaded = folder.load();
  const identity = commonIdentity(loaded.results, dir, options.identity);
  const manual = readManualCsv(path.join(dir, MANUAL_CSV));
  const items = identity?.items ?? [];
  const { rows, problems } = gradebookRows(items, loaded.results, manual.entries);
  const allProblems = [...loaded.problems, ...manual.problems, ...problems];
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, GRADEBOOK_FILES.grades), gradebookCsv(items, rows));
  writeFileAtomic(
    path.join(dir, GRADEBOOK_FILES.summary),
    summaryHtml(identity?.notebook ?? "no results yet", items, rows, allProblems),
  );
  if (items.some((item) => item.kind !== "test")) {
    writeFileAtomic(path.join(dir, GRADEBOOK_FILES.pending), pendingCsv(items, rows));
  }
  for (const row of rows) {
    const name = row.result.submission;
    if (options.feedback === "all" || options.feedback.has(name)) {
      const html = feedbackHtml(row, items, executedNotebook(dir, name));
      writeFileAtomic(path.join(dir, `${resultBase(name)}.html`), html);
    }
  }
  return { rows, identity, problems: allProblems };
}
