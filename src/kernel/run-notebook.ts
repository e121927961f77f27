/**
 * Execute a notebook's code cells in order in a fresh tslab kernel and fill in their outputs
 * and execution counts as `jupyter nbconvert --execute` would (stdout/stderr as stream outputs,
 * rich displays as display_data), with a status per cell. By default the run stops at the first
 * failing cell; it can continue after errors, and it can survive a dying kernel by restarting
 * it, replaying the cells that had succeeded, and going on after the cell that killed it (what
 * the grader needs so that one crash costs only the points that depend on it).
 *
 * Two bounds keep a hostile notebook from holding a kernel for long (issue #20): a time budget
 * over the whole run — cells, restarts and replays — after which the running cell is stopped and
 * no other starts; and at most MAX_RESTARTS restarts. Every restart replays the cells that had
 * succeeded, so without a cap N deaths cost O(N²) cells (six `process.exit` cells after slow
 * ones took a minute at a 2 s limit); with it, at most MAX_RESTARTS times the notebook.
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

/**
 * Why a run stopped before its last cell: the time budget ran out (during or before the cell
 * `cellIndex`), the kernel died once more than MAX_RESTARTS allows, or it could not be
 * restarted (or died again while replaying).
 */
export interface RunStop {
  reason: "budget" | "restarts" | "restart-failed";
  /** The cell that was running or next (budget), or that killed the kernel. */
  cellIndex: number;
  /** The run's budget, when it is what stopped the run. */
  budgetMs?: number;
}

/** Restarts a run allows after kernel deaths; one more death ends the run. */
export const MAX_RESTARTS = 3;

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
  /**
   * Time for the whole run once the first kernel is up, in milliseconds: cells, restarts and
   * replays (default: none). The cell running when it ends is stopped like one that times out.
   */
  budgetMs?: number;
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
  /** Why the run stopped early, when a bound or a failed restart stopped it. */
  stopped?: RunStop;
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

/** The deadline of a run's budget, and the limit it puts on each execution. */
class Deadline {
  private readonly at: number;

  constructor(readonly budgetMs: number | undefined) {
    this.at = budgetMs === undefined ? Infinity : performance.now() + budgetMs;
  }

  get passed(): boolean {
    return performance.now() >= this.at;
  }

  /** The limit of the next execution: the cell's own, or what is left of the budget if less. */
  limit(cellTimeoutMs: number | undefined): { timeoutMs: number | undefined; byBudget: boolean } {
    const left = this.at - performance.now();
    if (!Number.isFinite(left) || (cellTimeoutMs !== undefined && cellTimeoutMs <= left)) {
      return { timeoutMs: cellTimeoutMs, byBudget: false };
    }
    return { timeoutMs: Math.max(1, left), byBudget: true };
  }
}

/** The sentence for a cell that the end of a run's budget stopped. */
export function budgetStopText(budgetMs: number): string {
  return `stopped: the time budget of the whole notebook (${formatSeconds(budgetMs)}) ran out while this cell ran`;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

// A replayed cell that fails is not fatal (its names are simply missing, as in the first run
// of a cell that failed); a kernel that does not restart, or dies again during the replay,
// ends the run, as does the end of the budget.
async function restartAndReplay(
  kernel: KernelClient,
  succeeded: readonly string[],
  timeoutMs: number | undefined,
  deadline: Deadline,
): Promise<"ok" | RunStop["reason"]> {
  try {
    await kernel.restart();
  } catch {
    return "restart-failed";
  }
  for (const code of succeeded) {
    if (deadline.passed) {
      return "budget";
    }
    const outcome = await kernel.execute(code, { timeoutMs: deadline.limit(timeoutMs).timeoutMs });
    if (!kernel.alive) {
      return deadline.passed ? "budget" : "restart-failed";
    }
    if (outcome.status === "timeout" && deadline.passed) {
      return "budget";
    }
  }
  return "ok";
}

/** The cells of one run, executed in order with the run's bounds (see the file comment). */
class CellRun {
  readonly reports: CellReport[] = [];
  restarts = 0;
  stopped: RunStop | undefined;
  private readonly succeeded: string[] = [];
  private readonly displays = new DisplayRegistry();
  private readonly deadline: Deadline;

  constructor(
    private readonly kernel: KernelClient,
    private readonly options: RunNotebookOptions,
  ) {
    this.deadline = new Deadline(options.budgetMs);
  }

  async runAll(notebook: Notebook, toRun: readonly number[]): Promise<void> {
    for (const [k, cellIndex] of toRun.entries()) {
      if (this.deadline.passed) {
        this.stopped = this.stop("budget", cellIndex);
        return;
      }
      const progress = { cellIndex, position: k + 1, total: toRun.length };
      this.options.onProgress?.({ phase: "start", ...progress });
      const report = await this.runCell(notebook.cells[cellIndex] as CodeCell, cellIndex);
      this.options.onProgress?.({ phase: "done", ...progress, report });
      if (report.status !== "ok" && !(await this.goOnAfter(report))) {
        return;
      }
    }
  }

  private async runCell(cell: CodeCell, cellIndex: number): Promise<CellReport> {
    const code = sourceText(cell.source);
    const limit = this.deadline.limit(this.options.timeoutMs);
    const outcome = await this.kernel.execute(code, {
      timeoutMs: limit.timeoutMs,
      displays: this.displays,
    });
    cell.outputs = outcome.outputs;
    cell.execution_count = outcome.executionCount;
    const cutByBudget = outcome.status === "timeout" && limit.byBudget;
    const report: CellReport = {
      cellIndex,
      status: outcome.status,
      executionCount: outcome.executionCount,
      errorText: cutByBudget
        ? [
            budgetStopText(this.deadline.budgetMs ?? 0),
            ...outcome.errorText.split("\n").slice(1),
          ].join("\n")
        : outcome.errorText,
      truncated: outcome.truncated,
      durationMs: outcome.durationMs,
    };
    this.reports.push(report);
    if (report.status === "ok") {
      this.succeeded.push(code);
    } else if (cutByBudget) {
      this.stopped = this.stop("budget", cellIndex);
    }
    return report;
  }

  // After a failed cell: go on, stop, or restart a dead kernel within the bounds.
  private async goOnAfter(report: CellReport): Promise<boolean> {
    if (this.stopped !== undefined) {
      return false;
    }
    if (this.kernel.alive) {
      return this.options.allowErrors === true;
    }
    if (!this.options.restartOnDeath) {
      return false;
    }
    if (this.restarts >= MAX_RESTARTS) {
      this.stopped = this.stop("restarts", report.cellIndex);
      return false;
    }
    this.restarts += 1;
    const replay = await restartAndReplay(
      this.kernel,
      this.succeeded,
      this.options.timeoutMs,
      this.deadline,
    );
    if (replay !== "ok") {
      this.stopped = this.stop(replay, report.cellIndex);
      return false;
    }
    return true;
  }

  private stop(reason: RunStop["reason"], cellIndex: number): RunStop {
    return reason === "budget"
      ? { reason, cellIndex, budgetMs: this.deadline.budgetMs }
      : { reason, cellIndex };
  }
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
  const run = new CellRun(kernel, options);
  try {
    await run.runAll(result, toRun);
  } finally {
    await kernel.shutdown();
  }
  const ran = new Set(run.reports.map((report) => report.cellIndex));
  const failures = run.reports.filter((report) => report.status !== "ok");
  const notRun = toRun.filter((index) => !ran.has(index));
  return {
    notebook: result,
    cells: run.reports,
    failures,
    notRun,
    ok: failures.length === 0 && notRun.length === 0,
    restarts: run.restarts,
    stopped: run.stopped,
    kernelStartMs,
    durationMs: performance.now() - started,
  };
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
