/**
 * Scoring a run by grade_id: each test cell earns all its points when it ran cleanly and none
 * otherwise, with the reason cleaned for a student (error-report.ts), unless a passing test
 * asked for part of them (partial-credit.ts); manually graded cells wait for the instructor
 * (manual.ts); other cells that failed are listed as problems; and the notebook as it ran is
 * kept for the student (executed.ts). A submission that could not be run scores zero with the
 * reason.
 */
import type { MarkedCell } from "../authoring/markup";
import { MAX_RESTARTS, type CellReport, type RunReport } from "../../kernel/run-notebook";
import type { Notebook } from "../../notebook";
import { cleanErrorText, outcomeOf } from "./error-report";
import { executedNotebook } from "./executed";
import { manualResults } from "./manual";
import { nbgraderCredit, reportedCredit } from "./partial-credit";
import type { PreparedAssignment } from "./prepare";
import type { PlannedCell, RunPlan } from "./restore";
import {
  asSubmissionFile,
  pathTextOf,
  type CellOutcome,
  type CellProblem,
  type ManualResult,
  type SubmissionFile,
  type SubmissionResult,
  type TestResult,
} from "./results";

/**
 * A submission that was not run: a zero row with the reason. `unreadable` says there is no
 * notebook at all, so its manually graded cells score 0 too (otherwise they wait).
 */
export function ungradedResult(
  prepared: PreparedAssignment,
  file: string | SubmissionFile,
  reason: string,
  unreadable = false,
): SubmissionResult {
  const submission = asSubmissionFile(file);
  return {
    submission: submission.name,
    file: pathTextOf(submission.path),
    graded: false,
    reason,
    total: 0,
    max: prepared.assignment.maxPoints,
    tests: prepared.assignment.tests.map((test) => ({
      gradeId: test.gradeId ?? "",
      points: 0,
      maxPoints: test.points,
      passed: false,
      outcome: "not-run",
      error: reason,
      hasHiddenTests: prepared.visibleTests.get(test.gradeId ?? "")?.hasHiddenTests ?? false,
    })),
    manual: manualResults(prepared, undefined, unreadable ? reason : undefined),
    problems: [],
    notes: [],
    kernelRestarts: 0,
    durationMs: 0,
  };
}

/** Why a test without a report did not run: what stopped the run (run-notebook.ts). */
function notRunReason(report: RunReport, plan: RunPlan): string {
  const stop = report.stopped ?? { reason: "restart-failed", cellIndex: -1 };
  const where =
    stop.cellIndex >= 0 ? describePlanned(plan.cells[stop.cellIndex], stop.cellIndex) : "a cell";
  switch (stop.reason) {
    case "budget": {
      const budget = stop.budgetMs === undefined ? "" : ` (${Math.round(stop.budgetMs / 1000)} s)`;
      return `not run: the time budget of the whole notebook${budget} ran out at ${where}`;
    }
    case "restarts":
      return (
        `not run: the kernel died ${MAX_RESTARTS + 1} times, the last time in ${where}; ` +
        `gradbook restarts it at most ${MAX_RESTARTS} times`
      );
    case "restart-failed":
      return `not run: the kernel died in ${where} and could not be brought back`;
  }
}

function describePlanned(planned: PlannedCell, runIndex: number): string {
  if (planned.gradeId !== undefined) {
    return `cell "${planned.gradeId}"`;
  }
  return planned.submissionIndex !== undefined
    ? `cell ${planned.submissionIndex}`
    : `cell ${runIndex}`;
}

/** What a run scored (see the file comment). */
export interface ScoredRun {
  tests: TestResult[];
  manual: ManualResult[];
  problems: CellProblem[];
  /** The notebook as it ran, for the student. */
  executed: Notebook;
}

// A passing test's points: all of them, the fraction its partial-credit report gives, or 0
// when a test that uses partial credit sent no report.
function creditPassingTest(
  result: TestResult,
  prepared: PreparedAssignment,
  sourceIndex: number,
  report: RunReport,
  runIndex: number,
): void {
  const ran = report.notebook.cells[runIndex];
  const outputs = ran?.cell_type === "code" ? ran.outputs : [];
  const token = prepared.partialCreditTokens.get(sourceIndex);
  if (token !== undefined) {
    const credit = reportedCredit(outputs, token);
    if (credit === undefined) {
      result.passed = false;
      result.outcome = "failed";
      result.error =
        "the test ran, but its partial-credit report did not reach the grader (output that " +
        "floods the cell cuts it off), so it scores 0";
      return;
    }
    if (credit.fraction < 1) {
      result.partial = credit;
    }
  } else {
    const fraction = nbgraderCredit(outputs, result.maxPoints);
    if (fraction !== undefined && fraction < 1) {
      result.partial = { fraction, messages: [] };
    }
  }
  result.points = result.maxPoints * (result.partial?.fraction ?? 1);
}

type CellErrorMap = Map<number, { outcome: CellOutcome; error: string }>;

// The result of one test cell; a failure's cleaned text goes to `errors` by run index.
function scoreTest(
  prepared: PreparedAssignment,
  plan: RunPlan,
  report: RunReport,
  test: MarkedCell,
  errors: CellErrorMap,
): TestResult {
  const runIndex = plan.cells.findIndex(
    (planned) => planned.role === "tests" && planned.sourceIndex === test.index,
  );
  const cellReport = report.cells.find((cell) => cell.cellIndex === runIndex);
  const result: TestResult = {
    gradeId: test.gradeId ?? "",
    points: 0,
    maxPoints: test.points,
    passed: false,
    outcome: "not-run",
    error: "",
    hasHiddenTests: prepared.visibleTests.get(test.gradeId ?? "")?.hasHiddenTests ?? false,
  };
  if (cellReport === undefined) {
    // Protected test cells are never empty: a test without a report was cut off.
    result.error = notRunReason(report, plan);
    return result;
  }
  result.error = cleanErrorText(cellReport.errorText, {
    prefixLength: prepared.protectedTests.get(test.index)?.prefixLength,
    hiddenLines: prepared.hiddenLines.get(test.index),
  });
  result.outcome = outcomeOf(cellReport.status, result.error);
  result.passed = cellReport.status === "ok";
  if (result.passed) {
    creditPassingTest(result, prepared, test.index, report, runIndex);
  }
  if (!result.passed) {
    errors.set(runIndex, { outcome: result.outcome, error: result.error });
  }
  return result;
}

/** Score the run `report` of `plan` (see the file comment). */
export function scoreRun(
  prepared: PreparedAssignment,
  plan: RunPlan,
  report: RunReport,
): ScoredRun {
  const byRunIndex = new Map<number, CellReport>(
    report.cells.map((cell) => [cell.cellIndex, cell]),
  );
  const problems: CellProblem[] = [];
  const errors: CellErrorMap = new Map();
  plan.cells.forEach((planned, runIndex) => {
    const cellReport = byRunIndex.get(runIndex);
    if (planned.role === "tests" && planned.sourceIndex !== undefined) {
      return;
    }
    if (cellReport && cellReport.status !== "ok") {
      const error = cleanErrorText(cellReport.errorText);
      const outcome = outcomeOf(cellReport.status, error);
      errors.set(runIndex, { outcome, error });
      problems.push({
        submissionIndex: planned.submissionIndex,
        gradeId: planned.gradeId,
        role: planned.role,
        outcome,
        error,
      });
    }
  });
  const tests = prepared.assignment.tests.map((test) =>
    scoreTest(prepared, plan, report, test, errors),
  );
  return {
    tests,
    manual: manualResults(prepared, plan),
    problems,
    executed: executedNotebook(prepared, plan, report, errors),
  };
}
