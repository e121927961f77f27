/**
 * Grade one submission: read it, restore the locked cells from the source (restore.ts), run the
 * result in a fresh sandboxed kernel (src/grader/sandbox) with protected test cells, and score
 * each test by grade_id (score.ts). A cell that times out is interrupted; a kernel that dies is
 * restarted, the cells that had succeeded are replayed and grading goes on after the fatal cell
 * (src/kernel/run-notebook.ts); so each failure costs only the points that depend on it, within
 * a time budget for the whole submission and a limit on restarts. The result is returned only
 * once the kernel and everything it started are gone and its folder is deleted.
 */
import { NotebookError, readNotebook, sourceText, type Cell, type Notebook } from "../../notebook";
import { KernelStartError } from "../../kernel/kernel-connection";
import type { RunReport } from "../../kernel/run-notebook";
import { runSandboxed, type SandboxedRun } from "../sandbox/sandboxed-kernel";
import { refusedDeclarations } from "../sandbox/test-cell";
import type { PreparedAssignment } from "./prepare";
import { restoreSubmission, type RunPlan } from "./restore";
import {
  asSubmissionFile,
  pathTextOf,
  type GradedSubmission,
  type SubmissionFile,
} from "./results";
import { scoreRun, ungradedResult } from "./score";

/** Kernels tried per submission before its kernel's failure to start is reported. */
const START_ATTEMPTS = 3;

function refusedCell(cell: Cell, names: string[]): Cell {
  const list = names.join(", ");
  const message =
    `gradbook did not run this cell: it declares ${list}, which would replace JavaScript's ` +
    `built-in ${names.length === 1 ? "value" : "values"} of that name for the tests; rename it`;
  return { ...cell, source: `throw new Error(${JSON.stringify(message)});` };
}

/** The notebook to execute: protected test cells, refused student cells replaced. */
function executable(plan: RunPlan, prepared: PreparedAssignment): Notebook {
  const cells = plan.cells.map((planned): Cell => {
    if (planned.cell.cell_type !== "code") {
      return planned.cell;
    }
    if (planned.role === "tests" && planned.sourceIndex !== undefined) {
      const code = prepared.protectedTests.get(planned.sourceIndex)?.code;
      return code === undefined ? planned.cell : { ...planned.cell, source: code };
    }
    if (planned.origin === "student") {
      const refused = refusedDeclarations(sourceText(planned.cell.source));
      return refused.length > 0 ? refusedCell(planned.cell, refused) : planned.cell;
    }
    return planned.cell;
  });
  return { ...plan.notebook, cells };
}

/**
 * Grade the notebook `file` against `prepared` (see the file comment). A file that is not a
 * notebook (or is a symbolic link, or is beyond the reader's limits) gets a zero result with
 * the reason; a kernel that cannot start at all throws `KernelStartError` after three kernels
 * failed to start (an environment problem, not the student's).
 */
export async function gradeSubmission(
  prepared: PreparedAssignment,
  file: string | SubmissionFile,
  options: SandboxedRun,
): Promise<GradedSubmission> {
  const started = performance.now();
  const { name, path } = asSubmissionFile(file);
  let submission: Notebook;
  try {
    submission = readNotebook(path, { refuseLinks: true });
  } catch (error) {
    if (error instanceof NotebookError) {
      return ungradedResult(prepared, { name, path }, error.reason, true);
    }
    throw error;
  }
  const plan = restoreSubmission(prepared.assignment, submission);
  let report: RunReport;
  for (let attempt = 1; ; attempt++) {
    try {
      report = await runSandboxed(executable(plan, prepared), name, {
        ...options,
        testMarker: prepared.testMarker,
      });
      break;
    } catch (error) {
      // A kernel that fails to start (a port race, tslab tripping over its own start under
      // heavy load) is not the submission's fault: try again with a fresh one.
      if (!(error instanceof KernelStartError && attempt < START_ATTEMPTS)) {
        throw error;
      }
    }
  }
  const { tests, manual, problems, executed } = scoreRun(prepared, plan, report);
  return {
    submission: name,
    file: pathTextOf(path),
    graded: true,
    total: tests.reduce((sum, test) => sum + test.points, 0),
    max: prepared.assignment.maxPoints,
    tests,
    manual,
    problems,
    executed,
    notes: plan.notes,
    kernelRestarts: report.restarts,
    durationMs: performance.now() - started,
  };
}
