/**
 * Execute a notebook's code cells in order in a fresh tslab kernel and fill in their outputs
 * and execution counts as `jupyter nbconvert --execute` would (stdout/stderr as stream outputs,
 * rich displays as display_data), with a status per cell. By default the run stops at the first
 * failing cell; it can continue after errors, and it can survive a dying kernel by restarting
 * it, replaying the cells that had succeeded, and going on after the cell that killed it (what
 * the grader needs so that one crash costs only the points that depend on it).
 */
import * as path from "node:path";
import { DisplayRegistry } from "./output-collector";
import { KernelClient, type ExecuteStatus, type KernelOptions } from "./kernel-client";
import {
  readNotebook,
  sourceText,
  type CodeCell,
  type JSONObject,
  type Notebook,
} from "../notebook";

/** What happened to one code cell. */
export interface CellReport {
  /** Index of the cell in `notebook.cells` (markdown cells count). */
  cellIndex: number;
  status: ExecuteStatus;
  executionCount: number | null;
  /** Why the cell failed (empty when ok): see `ExecuteResult.errorText`. */
  errorText: string;
  /** True when the cell's stored outputs were cut at the size cap. */
  truncated: boolean;
  durationMs: number;
}

/** A progress event: a cell starts, or a cell is done (then `report` is set). */
export interface CellProgress {
  phase: "start" | "done";
  cellIndex: number;
  /** 1-based position among the code cells that run, and their number. */
  position: number;
  total: number;
  report?: CellReport;
}

/** How to run a notebook. */
export interface RunNotebookOptions {
  /** Folder the kernel runs in; tslab resolves the notebook's imports from it. */
  cwd: string;
  /** Per-cell time limit in milliseconds (default: none). */
  timeoutMs?: number;
  /** Keep going after a cell fails (default false: stop at the first failure, like nbconvert). */
  allowErrors?: boolean;
  /**
   * When the kernel dies (exit, crash, memory cap, a timeout it did not survive), start a new
   * one, replay the cells that succeeded so far, and continue after the fatal cell (default
   * false: stop there).
   */
  restartOnDeath?: boolean;
  /** Kernel settings (memory cap, environment, output cap, …); `cwd` comes from above. */
  kernel?: Omit<KernelOptions, "cwd">;
  /** Called when each cell starts and when it is done. */
  onProgress?: (event: CellProgress) => void;
}

/** The outcome of a run. */
export interface RunReport {
  /** A copy of the input with outputs and execution counts of this run (others cleared). */
  notebook: Notebook;
  /** One report per code cell that ran, in order. */
  cells: CellReport[];
  /** Reports of the cells that did not end `ok`. */
  failures: CellReport[];
  /** Code cells that never ran because the run stopped first. */
  notRun: number[];
  /** True when every non-empty code cell ran and ended `ok`. */
  ok: boolean;
  /** How many times the kernel was restarted after dying. */
  restarts: number;
  kernelStartMs: number;
  durationMs: number;
}

function freshCopy(notebook: Notebook): Notebook {
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}

/**
 * Run every non-empty code cell of `notebook` in a new kernel started in `options.cwd`; the
 * input is not modified. Throws `KernelStartError` when no kernel comes up; everything the
 * cells do is reported, never thrown.
 */
export async function runNotebook(
  notebook: Notebook,
  options: RunNotebookOptions,
): Promise<RunReport> {
  const started = performance.now();
  const result = freshCopy(notebook);
  const toRun = result.cells.flatMap((cell, index) =>
    cell.cell_type === "code" && sourceText(cell.source).trim() !== "" ? [index] : [],
  );
  const kernel = await KernelClient.start({ ...options.kernel, cwd: options.cwd });
  const kernelStartMs = performance.now() - started;
  const languageInfo = kernel.kernelInfo.language_info;
  if (typeof languageInfo === "object" && languageInfo !== null && !Array.isArray(languageInfo)) {
    result.metadata = { ...result.metadata, language_info: languageInfo as JSONObject };
  }
  const displays = new DisplayRegistry();
  const reports: CellReport[] = [];
  const succeeded: string[] = [];
  let restarts = 0;
  try {
    for (const [k, cellIndex] of toRun.entries()) {
      const cell = result.cells[cellIndex] as CodeCell;
      const progress = { cellIndex, position: k + 1, total: toRun.length };
      options.onProgress?.({ phase: "start", ...progress });
      const code = sourceText(cell.source);
      const outcome = await kernel.execute(code, { timeoutMs: options.timeoutMs, displays });
      cell.outputs = outcome.outputs;
      cell.execution_count = outcome.executionCount;
      const report: CellReport = {
        cellIndex,
        status: outcome.status,
        executionCount: outcome.executionCount,
        errorText: outcome.errorText,
        truncated: outcome.truncated,
        durationMs: outcome.durationMs,
      };
      reports.push(report);
      options.onProgress?.({ phase: "done", ...progress, report });
      if (report.status === "ok") {
        succeeded.push(code);
        continue;
      }
      if (kernel.alive) {
        if (!options.allowErrors) {
          break;
        }
        continue;
      }
      if (!options.restartOnDeath) {
        break;
      }
      restarts += 1;
      if (!(await restartAndReplay(kernel, succeeded, options.timeoutMs))) {
        break;
      }
    }
  } finally {
    await kernel.shutdown();
  }
  const ran = new Set(reports.map((report) => report.cellIndex));
  const failures = reports.filter((report) => report.status !== "ok");
  const notRun = toRun.filter((index) => !ran.has(index));
  return {
    notebook: result,
    cells: reports,
    failures,
    notRun,
    ok: failures.length === 0 && notRun.length === 0,
    restarts,
    kernelStartMs,
    durationMs: performance.now() - started,
  };
}

// A replayed cell that fails is not fatal (its names are simply missing, as in the first run
// of a cell that failed); a kernel that does not restart, or dies again during the replay,
// ends the run.
async function restartAndReplay(
  kernel: KernelClient,
  succeeded: readonly string[],
  timeoutMs: number | undefined,
): Promise<boolean> {
  try {
    await kernel.restart();
  } catch {
    return false;
  }
  for (const code of succeeded) {
    await kernel.execute(code, { timeoutMs });
    if (!kernel.alive) {
      return false;
    }
  }
  return true;
}

/**
 * Read a notebook file and run it with the kernel in the notebook's folder (unless
 * `options.cwd` says otherwise). Throws `NotebookError` for an unreadable file.
 */
export async function runNotebookFile(
  file: string,
  options: Partial<RunNotebookOptions> = {},
): Promise<RunReport> {
  const notebook = readNotebook(file);
  return runNotebook(notebook, {
    ...options,
    cwd: options.cwd ?? path.dirname(path.resolve(file)),
  });
}
