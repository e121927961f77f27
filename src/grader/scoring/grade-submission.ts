/**
 * Grade one submission: read it, restore the locked cells from the source (restore.ts), run the
 * result in a fresh sandboxed kernel (src/grader/sandbox) with protected test cells, and
 * score each test by grade_id. A cell that times out is interrupted; a kernel that dies is
 * restarted, the cells that had succeeded are replayed and grading goes on after the fatal cell
 * (src/kernel/run-notebook.ts); so each failure costs only the points that depend on it. The result is
 * returned only once the kernel and everything it started are gone and its folder is deleted.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { KernelStartError } from "../../kernel/kernel-connection";
import { runNotebook, type CellReport, type RunReport } from "../../kernel/run-notebook";
import { NotebookError, readNotebook, sourceText, type Cell, type Notebook } from "../../notebook";
import { visibleTestSource } from "../authoring/assign";
import { cellLines, findRegions, type Assignment } from "../authoring/markup";
import { killUserProcesses } from "../sandbox/kernel-users";
import { sandboxedKernel } from "../sandbox/sandboxed-kernel";
import {
  protectTestCells,
  refusedDeclarations,
  type ProtectedTestCell,
} from "../sandbox/test-cell";
import { createWorkFolder, type WorkRoot } from "../sandbox/work-root";
import { cleanErrorText, outcomeOf } from "./error-report";
import { restoreSubmission, type PlannedCell, type RunPlan } from "./restore";
import {
  submissionName,
  type CellProblem,
  type SubmissionResult,
  type TestResult,
} from "./results";

/** Kernels tried per submission before its kernel's failure to start is reported. */
const START_ATTEMPTS = 3;

/** A validated source with what every submission's run reuses. */
export interface PreparedAssignment {
  assignment: Assignment;
  /** Protected code of each test cell, by its index in the source notebook. */
  protectedTests: Map<number, ProtectedTestCell>;
  /** Hidden test lines of each test cell, by source index (for redaction). */
  hiddenLines: Map<number, string[]>;
  /** What students see of each test cell, by grade_id. */
  visibleTests: Map<string, { source: string; hasHiddenTests: boolean }>;
}

/** Precompute what grading needs from a validated source. */
export function prepareAssignment(assignment: Assignment): PreparedAssignment {
  const hiddenLines = new Map<number, string[]>();
  const visibleTests = new Map<string, { source: string; hasHiddenTests: boolean }>();
  for (const test of assignment.tests) {
    const lines = cellLines(test.cell);
    const hidden = findRegions(lines, test.cell.cell_type).regions.filter(
      (r) => r.kind === "hidden",
    );
    hiddenLines.set(
      test.index,
      hidden.flatMap((region) => lines.slice(region.begin + 1, region.end)),
    );
    visibleTests.set(test.gradeId ?? "", {
      source: visibleTestSource(test.cell),
      hasHiddenTests: hidden.length > 0,
    });
  }
  return { assignment, protectedTests: protectTestCells(assignment), hiddenLines, visibleTests };
}

/** Limits and placement of one submission's run. */
export interface GradeSubmissionOptions {
  /** The batch's folder, where the submission's working folder is made (`createWorkRoot`). */
  workRoot: WorkRoot;
  /** User id to run the kernel as (`claimKernelUser`), or undefined to run as this user. */
  uid?: number;
  /** Per-cell time limit. */
  timeoutMs: number;
  /** Memory cap of the kernel. */
  memoryBytes: number;
  /** Files and folders of the assignment to copy into the working folder. */
  include?: readonly string[];
}

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

function score(
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

// Run `notebook` in a fresh kernel in a folder of its own; whatever the kernel started is killed
// and the folder deleted before this returns.
async function runInSandbox(
  notebook: Notebook,
  name: string,
  options: GradeSubmissionOptions,
): Promise<RunReport> {
  const folder = createWorkFolder(
    options.workRoot,
    `${name}-${randomBytes(4).toString("hex")}`,
    options.include,
  );
  const uid = options.uid;
  const { cwd: _cwd, ...kernel } = sandboxedKernel(options.workRoot, folder, {
    memoryBytes: options.memoryBytes,
    uid,
  });
  try {
    return await runNotebook(notebook, {
      cwd: folder,
      timeoutMs: options.timeoutMs,
      allowErrors: true,
      restartOnDeath: true,
      kernel,
    });
  } finally {
    if (uid !== undefined) {
      killUserProcesses(uid);
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Grade the notebook `file` against `prepared` (see the file comment). A file that is not a
 * notebook gets a zero result with the reason; a kernel that cannot start at all throws
 * `KernelStartError` after three kernels failed to start (an environment problem, not the
 * student's).
 */
export async function gradeSubmission(
  prepared: PreparedAssignment,
  file: string,
  options: GradeSubmissionOptions,
): Promise<SubmissionResult> {
  const started = performance.now();
  let submission: Notebook;
  try {
    submission = readNotebook(file);
  } catch (error) {
    if (error instanceof NotebookError) {
      return ungradedResult(prepared, file, error.reason);
    }
    throw error;
  }
  const plan = restoreSubmission(prepared.assignment, submission);
  const name = submissionName(file);
  let report: RunReport;
  for (let attempt = 1; ; attempt++) {
    try {
      report = await runInSandbox(executable(plan, prepared), name, options);
      break;
    } catch (error) {
      // A kernel that fails to start (a port race, tslab tripping over its own start under
      // heavy load) is not the submission's fault: try again with a fresh one.
      if (!(error instanceof KernelStartError && attempt < START_ATTEMPTS)) {
        throw error;
      }
    }
  }
  const { tests, problems } = score(prepared, plan, report);
  return {
    submission: name,
    file,
    graded: true,
    total: tests.reduce((sum, test) => sum + test.points, 0),
    max: prepared.assignment.maxPoints,
    tests,
    problems,
    notes: plan.notes,
    kernelRestarts: report.restarts,
    durationMs: performance.now() - started,
  };
}
