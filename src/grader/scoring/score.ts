/**
 * Scoring a run by grade_id: each test cell earns all its points when it ran cleanly, none
 * otherwise, with the reason cleaned for a student (error-report.ts); other cells that failed
 * are listed as problems. A submission that could not be run scores zero with the reason.
 */
import { MAX_RESTARTS, type CellReport, type RunReport } from "../../kernel/run-notebook";
import { cleanErrorText, outcomeOf } from "./error-report";
import type { PreparedAssignment } from "./prepare";
import type { PlannedCell, RunPlan } from "./restore";
import {
  submissionName,
  type CellProblem,
  type SubmissionResult,
  type TestResult,
} from "./results";

/** A submission that could not be read as a notebook: a zero row with the reason. */
export function ungradedResult(
  prepared: PreparedAssignment,
  file: string,
  reason: string,
): SubmissionResult {
  return {
    submission: submissionName(file),
    file,
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
    problems: [],
    notes: [],
    kernelRestarts: 0,
    durationMs: 0,
  };
}

/** Why a test without a report did not run: what stopped the run (run-notebook.ts). */
function notRunReason(report: RunReport, plan: RunPlan, budgetMs: number | undefined): string {
  const stop = report.stopped ?? { reason: "restart-failed", cellIndex: -1 };
  const where =
    stop.cellIndex >= 0 ? describePlanned(plan.cells[stop.cellIndex], stop.cellIndex) : "a cell";
  switch (stop.reason) {
    case "budget": {
      const budget = budgetMs === undefined ? "" : ` (${Math.round(budgetMs / 1000)} s)`;
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

/**
 * Score a run by grade_id (see the file comment); `budgetMs` is the run's time budget, named in
 * the reason of tests it cut off.
 */
export function scoreRun(
  prepared: PreparedAssignment,
  plan: RunPlan,
  report: RunReport,
  budgetMs?: number,
): { tests: TestResult[]; problems: CellProblem[] } {
  const byRunIndex = new Map<number, CellReport>(
    report.cells.map((cell) => [cell.cellIndex, cell]),
  );
  const tests: TestResult[] = [];
  const problems: CellProblem[] = [];
  plan.cells.forEach((planned, runIndex) => {
    const cellReport = byRunIndex.get(runIndex);
    if (planned.role === "tests" && planned.sourceIndex !== undefined) {
      return;
    }
    if (cellReport && cellReport.status !== "ok") {
      const error = cleanErrorText(cellReport.errorText);
      problems.push({
        submissionIndex: planned.submissionIndex,
        gradeId: planned.gradeId,
        role: planned.role,
        outcome: outcomeOf(cellReport.status, error),
        error,
      });
    }
  });
  for (const test of prepared.assignment.tests) {
    const runIndex = plan.cells.findIndex(
      (planned) => planned.role === "tests" && planned.sourceIndex === test.index,
    );
    const cellReport = byRunIndex.get(runIndex);
    const visible = prepared.visibleTests.get(test.gradeId ?? "");
    const result: TestResult = {
      gradeId: test.gradeId ?? "",
      points: 0,
      maxPoints: test.points,
      passed: false,
      outcome: "not-run",
      error: "",
      hasHiddenTests: visible?.hasHiddenTests ?? false,
    };
    if (cellReport === undefined) {
      // Protected test cells are never empty: a test without a report was cut off.
      result.error = notRunReason(report, plan, budgetMs);
    } else {
      result.error = cleanErrorText(cellReport.errorText, {
        prefixLength: prepared.protectedTests.get(test.index)?.prefixLength,
        hiddenLines: prepared.hiddenLines.get(test.index),
      });
      result.outcome = outcomeOf(cellReport.status, result.error);
      result.passed = cellReport.status === "ok";
    }
    result.points = result.passed ? test.points : 0;
    tests.push(result);
  }
  return { tests, problems };
}
