/**
 * What one cell did, read from tslab's executor (dist/executor.js) rather than from what it
 * prints. tslab's main.js creates the executor through the module object
 * (`executor_1.createExecutor(rootDir, converters, { log, error })`) with a console of its own,
 * and the executor uses that console for two things only: `log(value)` for the value of the
 * cell's last expression, and `error(…)` for the value the cell threw or for each TypeScript
 * diagnostic (`error("%s%d:%d - %s", file, line, column, message)`). Given a console that records
 * instead of printing, the kernel can send the value as an `execute_result` and the failure as
 * an `error` with ename, evalue and traceback (cell-error.ts), as the messaging protocol asks,
 * and keep both off the cell's stdout and stderr.
 */
import { format } from "node:util";
import { compileError, thrownError, type CellError } from "./cell-error";

/** The console tslab's executor prints through. */
export interface ExecutorConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** tslab's executor, as far as the kernel uses it. */
export interface TslabExecutor {
  /** Compile and run a cell; false when it failed (after printing why through its console). */
  execute(code: string): Promise<boolean>;
  /** Reject the cell's pending await (tslab's SIGINT handler calls it). */
  interrupt(): void;
}

type CreateExecutor = (rootDir: string, converters: unknown, console: ExecutorConsole) => object;

/** tslab's dist/executor.js. */
export interface ExecutorModule {
  createExecutor: CreateExecutor;
}

/** What one cell did. */
export interface CellOutcome {
  ok: boolean;
  /** The last expression's value as tslab printed it (`util.format`), when it had one. */
  value?: string;
  /** Why the cell failed (set exactly when `ok` is false). */
  error?: CellError;
}

interface Recording {
  value?: string;
  thrown: unknown[];
  diagnostics: string[];
}

const runners = new WeakMap<object, (code: string) => Promise<CellOutcome>>();
const INSTALLED = Symbol.for("gradbook.tslabCellOutcomes");

function outcomeOf(ok: boolean, recording: Recording): CellOutcome {
  if (ok) {
    return { ok, value: recording.value };
  }
  if (recording.diagnostics.length > 0) {
    return { ok, error: compileError(recording.diagnostics) };
  }
  const thrown = recording.thrown.length > 0 ? recording.thrown[0] : new Error("the cell failed");
  return { ok, error: thrownError(thrown) };
}

/**
 * Make every executor that `executorModule.createExecutor` creates from now on report its cells
 * through `runCell` (see the file comment). Returns false when it was already installed.
 */
export function recordCellOutcomes(executorModule: ExecutorModule): boolean {
  const marked = executorModule as ExecutorModule & { [INSTALLED]?: true };
  if (marked[INSTALLED]) {
    return false;
  }
  const createExecutor = executorModule.createExecutor;
  executorModule.createExecutor = function (rootDir, converters, console) {
    let recording: Recording | undefined;
    const recordingConsole: ExecutorConsole = {
      log: (...args) => {
        if (recording === undefined) console.log(...args);
        else recording.value = format(...args);
      },
      error: (...args) => {
        if (recording === undefined) console.error(...args);
        else if (args.length > 1) recording.diagnostics.push(format(...args));
        else recording.thrown.push(args[0]);
      },
    };
    const executor = createExecutor(rootDir, converters, recordingConsole) as TslabExecutor;
    runners.set(executor, async (code) => {
      const current: Recording = { thrown: [], diagnostics: [] };
      recording = current;
      let ok: boolean;
      try {
        ok = await executor.execute(code);
      } catch (error) {
        // What execute itself throws is a verdict on the whole cell (a test that reached an
        // off-limits function, guarded-tests.ts): it comes before what the cell's code threw.
        ok = false;
        current.thrown.unshift(error);
      } finally {
        recording = undefined;
      }
      // A `%module` cell registers its module despite diagnostics and reports success: they
      // stay warnings on stderr, as tslab printed them.
      if (ok) {
        current.diagnostics.forEach((line) => console.error(line));
      }
      return outcomeOf(ok, current);
    });
    return executor;
  };
  Object.defineProperty(executorModule, INSTALLED, { value: true });
  return true;
}

/** Run one cell on an executor created after `recordCellOutcomes`; undefined for any other. */
export function cellRunner(executor: object): ((code: string) => Promise<CellOutcome>) | undefined {
  return runners.get(executor);
}
