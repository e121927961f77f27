/**
 * The notebook a student gets back beside the feedback (DIR/<submission>.ipynb): the notebook
 * as it ran, cell by cell, with its outputs, but showing only what the student may see. Test
 * cells show their visible code (never hidden tests, never the protection the grader added); a
 * cell the grader refused shows the student's own code; a cell that failed shows its error as
 * cleaned for the student (an nbformat `error` output) instead of the raw stderr, which can
 * quote compiled test code; partial-credit reports, which carry the batch's secret token, are
 * removed.
 */
import type { Cell, Notebook, Output } from "../../notebook";
import type { RunReport } from "../../kernel/run-notebook";
import { isCreditReport } from "./partial-credit";
import type { PreparedAssignment } from "./prepare";
import type { RunPlan } from "./restore";
import { describeOutcome, type CellOutcome } from "./results";

/** Why a cell of the run failed, cleaned for the student, by its index in the run. */
export type CellErrors = ReadonlyMap<number, { outcome: CellOutcome; error: string }>;

function errorOutput(outcome: CellOutcome, error: string): Output {
  const lines = error.split("\n");
  return {
    output_type: "error",
    ename: describeOutcome(outcome),
    evalue: lines[0] ?? "",
    traceback: lines,
  };
}

function shownOutputs(
  outputs: readonly Output[],
  failure?: { outcome: CellOutcome; error: string },
) {
  const kept = outputs.filter(
    (output) =>
      !isCreditReport(output) &&
      !(failure && output.output_type === "stream" && output.name === "stderr") &&
      !(failure && output.output_type === "error"),
  );
  return failure ? [...kept, errorOutput(failure.outcome, failure.error)] : kept;
}

/** The notebook to hand back for a run (see the file comment). */
export function executedNotebook(
  prepared: PreparedAssignment,
  plan: RunPlan,
  report: RunReport,
  errors: CellErrors,
): Notebook {
  const cells = plan.cells.map((planned, runIndex): Cell => {
    const ran = report.notebook.cells[runIndex];
    if (planned.cell.cell_type !== "code" || ran?.cell_type !== "code") {
      return planned.cell;
    }
    const isTest = planned.role === "tests" && planned.sourceIndex !== undefined;
    const visible = isTest ? prepared.visibleTests.get(planned.gradeId ?? "") : undefined;
    return {
      ...planned.cell,
      source: visible?.source ?? planned.cell.source,
      outputs: shownOutputs(ran.outputs, errors.get(runIndex)),
      execution_count: ran.execution_count,
    };
  });
  return { ...report.notebook, cells };
}
