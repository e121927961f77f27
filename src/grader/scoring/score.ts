/**
 * Scoring a run by grade_id: each test cell earns all its points when it ran cleanly, none
 * otherwise, with the reason cleaned for a student (error-report.ts); other cells that failed
 * are listed as problems. A submission that could not be run scores zero with the reason.
 */
import type { CellReport, RunReport } from "../../kernel/run-notebook";
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

function notRunReason(report: RunReport, plan: RunPlan): string {
  const fatal = report.failures.at(-1);
  const where = fatal ? describePlanned(plan.cells[fatal.cellIndex], fatal.cellIndex) : "a cell";
  return `not run: the kernel died in ${where} and could not be brought back`;
}

function describePlanned(planned: PlannedCell, runIndex: number): string {
  if (planned.gradeId !== undefined) {
    return `cell "${planned.gradeId}"`;
  }
  return planned.submissionIndex !== undefined
    ? `cell ${planned.submissionIndex}`
    : `cell ${runIndex}`;
}

export function scoreRun(
  prepared: PreparedAssignment,
  plan: RunPlan,
  report: RunReport,
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
      result.error = notRunReason(report, plan);
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
