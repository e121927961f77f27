/**
 * What grading one submission produces: a result per test (by grade_id), the student's cells
 * that failed, and notes on what was restored. Written as DIR/<submission>.json, rendered as
 * feedback HTML, summed up in grades.csv, and printed by `gradbook check`.
 */
import * as path from "node:path";
import type { CellRole } from "../authoring/markup";

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
}

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
  /** File name without `.ipynb`: the row of grades.csv and the name of the output files. */
  submission: string;
  file: string;
  /** False when the file could not be graded at all (not JSON, not a notebook, …). */
  graded: boolean;
  /** Why it was not graded. */
  reason?: string;
  total: number;
  max: number;
  tests: TestResult[];
  problems: CellProblem[];
  /** What was put back from the source, and metadata that was ignored. */
  notes: string[];
  kernelRestarts: number;
  durationMs: number;
}

/** The name of a submission: its file name without `.ipynb`. */
export function submissionName(file: string): string {
  const base = path.basename(file);
  return base.toLowerCase().endsWith(".ipynb") ? base.slice(0, -".ipynb".length) : base;
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
