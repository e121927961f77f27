/**
 * What grading one submission produces: a result per test (by grade_id), the manually graded
 * cells waiting for the instructor's points, the student's cells that failed, and notes on what
 * was restored. Written as DIR/<submission>.json (the gradebook's source of truth), rendered as
 * feedback HTML, summed up in grades.csv, and printed by `gradbook check`.
 */
import * as path from "node:path";
import type { CellRole } from "../authoring/markup";
import { pathText, type Notebook } from "../../notebook";

/**
 * How a cell ended: `passed`; `failed` (an exception); `type-error` (tslab refused to compile
 * it); `timeout` (interrupted at the time limit); `kernel-died` (process.exit, a crash or the
 * memory cap: the kernel was restarted and the cells before replayed); `not-run` (the kernel
 * could not be brought back, or the cell was refused).
 */
export type CellOutcome =
  "passed" | "failed" | "type-error" | "timeout" | "kernel-died" | "not-run";

/** The result of one autograded test cell. */
export interface TestResult {
  gradeId: string;
  /** Points earned: all of `maxPoints` when passed, else 0. */
  points: number;
  maxPoints: number;
  passed: boolean;
  outcome: CellOutcome;
  /** Why it failed, cleaned for a student (no stack frames, no hidden test code). */
  error: string;
  /** True when the test cell has hidden tests (their code is never shown). */
  hasHiddenTests: boolean;
  /** Present when a passing test asked for part of its points (partialCredit). */
  partial?: PartialCredit;
}

/** The part of its points a passing test asked for, and why. */
export interface PartialCredit {
  /** From 0 to 1: the test scored `fraction · maxPoints`. */
  fraction: number;
  messages: string[];
}

/**
 * A manually graded cell (nbgrader's "manually graded answer" or "task"): the instructor scores
 * it in DIR/manual.csv. `points` is null until then, except that an answer left as it was
 * handed out scores 0 at once, as in nbgrader.
 */
export interface ManualResult {
  gradeId: string;
  kind: "answer" | "task";
  maxPoints: number;
  points: number | null;
  comment?: string;
}

/** One graded column of the gradebook: a test, or a manually graded answer or task. */
export interface GradebookItem {
  gradeId: string;
  kind: "test" | "answer" | "task";
  maxPoints: number;
}

/**
 * Which assignment a result belongs to: the source's file name, a checksum of what grading
 * depends on (code cells and nbgrader metadata), and its graded columns in notebook order.
 * Results of different assignments, or of another version of one, never share a gradebook.
 */
export interface AssignmentIdentity {
  notebook: string;
  checksum: string;
  items: GradebookItem[];
}

/** The late-work policy a result was graded under (report/late-policy.ts). */
export interface LatePolicyRecord {
  /** Due time, ISO 8601 in UTC. */
  due: string;
  /** The penalty rule as written (`none`, `zero`, `per-hour:1`, `flat:10%`, …). */
  penalty: string;
}

/** Marks a JSON file of a results folder as a gradbook result of this format. */
export const RESULT_FORMAT = "gradbook-result/1";

/** A cell other than a test that did not run cleanly (usually a solution cell). */
export interface CellProblem {
  /** Index of the cell in the submission; absent for a cell taken from the source. */
  submissionIndex?: number;
  gradeId?: string;
  role: CellRole;
  outcome: CellOutcome;
  error: string;
}

/** Everything known about one graded submission. */
export interface SubmissionResult {
  /** `RESULT_FORMAT` in a results folder (absent from `gradbook check`'s results). */
  format?: typeof RESULT_FORMAT;
  /** The student: the row of grades.csv and the name of the output files (`SubmissionFile`). */
  submission: string;
  /** The file graded (as text: `pathText`). */
  file: string;
  assignment?: AssignmentIdentity;
  /** When it was graded (ISO 8601); the newest result of a student wins a merge. */
  gradedAt?: string;
  /** When it was handed in (ISO 8601), when known (nbgrader's timestamp.txt). */
  timestamp?: string;
  late?: LatePolicyRecord;
  /** False when the file could not be graded at all (not JSON, not a notebook, …). */
  graded: boolean;
  /** Why it was not graded. */
  reason?: string;
  total: number;
  max: number;
  tests: TestResult[];
  manual: ManualResult[];
  problems: CellProblem[];
  /** What was put back from the source, and metadata that was ignored. */
  notes: string[];
  kernelRestarts: number;
  durationMs: number;
}

/** A result with the notebook as it ran (written beside it as DIR/<submission>.ipynb). */
export type GradedSubmission = SubmissionResult & { executed?: Notebook };

/** A notebook to grade and the student it belongs to. */
export interface SubmissionFile {
  /** The student's name (`pathText`: printable, distinct for distinct file names). */
  name: string;
  /** The file, as bytes when it came from a folder listing (file names need not be UTF-8). */
  path: string | Buffer;
}

/** The name of a submission file: its file name without `.ipynb`, as `pathText`. */
export function submissionName(file: string | Buffer): string {
  const name = path.basename(pathText(file));
  return name.toLowerCase().endsWith(".ipynb") ? name.slice(0, -".ipynb".length) : name;
}

/** A submission file's path as text (`pathText` for bytes). */
export function pathTextOf(file: string | Buffer): string {
  return typeof file === "string" ? file : pathText(file);
}

/** `file` as a submission: named by `submissionName` unless it is one already. */
export function asSubmissionFile(file: string | SubmissionFile): SubmissionFile {
  return typeof file === "string" ? { name: submissionName(file), path: file } : file;
}

/** Points as a gradebook shows them: integers plainly, others with at most 3 decimals. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 1000) / 1000);
}

/** The label of an outcome in feedback and in `gradbook check`. */
export function describeOutcome(outcome: CellOutcome): string {
  switch (outcome) {
    case "passed":
      return "passed";
    case "failed":
      return "failed";
    case "type-error":
      return "type error (the cell did not compile)";
    case "timeout":
      return "timed out";
    case "kernel-died":
      return "the kernel died";
    case "not-run":
      return "not run";
  }
}
