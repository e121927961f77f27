/**
 * Which test cell is running, when it starts and ends, and how its code is told apart from
 * student code (off-limits.ts).
 *
 * The host marks each test cell of an exercise with off-limits functions: its code starts with
 * `testCellMarker(nonce, gradeId)` (preload/contract.ts), the nonce drawn when grading starts
 * and given to the guard alone, so no cell a student wrote can carry it. tslab's executor runs
 * one execute request at a time; the guard wraps its `execute` so that, for a marked cell, the
 * test counts as running from the request's start until its last awaited promise settles, and
 * wraps `vm.runInThisContext` so that the script tslab compiles for that request is named
 * `TEST_SCRIPT` (student cells keep Node's "evalmachine.<anonymous>"). Only the guard compiles
 * code under that name: students cannot reach `vm`, and eval'd code has no file name at all.
 * When the cell is done, the problems found while it ran make the request fail, with their
 * explanation as the cell's error, whatever the cell itself did with the errors it saw.
 */
import * as Module from "node:module";
import vm from "node:vm";
import { TEST_CELL_MARK } from "./contract";

/** The file name of the scripts of marked test cells (see the file comment). */
export const TEST_SCRIPT = "gradbook:test-cell";

/** A marked test cell while it runs. */
export interface RunningTest {
  gradeId: string;
  /** Why the test does not count, one sentence each (empty while it counts). */
  problems: string[];
}

type Execute = (src: string) => Promise<boolean>;
interface Executor {
  execute: Execute;
}

/** The test cell running now, if it is a marked one. */
let running: (RunningTest & { compiled: boolean }) | undefined;

/** The marked test cell running now, or undefined. */
export function runningTest(): RunningTest | undefined {
  return running;
}

function markedGradeId(src: string, nonce: string): string | undefined {
  const head = `/*${TEST_CELL_MARK} ${nonce} `;
  if (!src.startsWith(head)) {
    return undefined;
  }
  const end = src.indexOf("*/", head.length);
  return end < 0 ? undefined : decodeURIComponent(src.slice(head.length, end));
}

function guardExecute(execute: Execute, nonce: string): Execute {
  return async function guardedExecute(src: string): Promise<boolean> {
    const gradeId = markedGradeId(src, nonce);
    if (gradeId === undefined) {
      return execute(src);
    }
    const test = { gradeId, problems: [], compiled: false };
    running = test;
    let ok: boolean;
    try {
      ok = await execute(src);
    } finally {
      running = undefined;
    }
    if (test.problems.length === 0) {
      return ok;
    }
    // Thrown, not printed: the kernel reports what execute throws as the cell's error
    // (cell-outcome.ts), ahead of whatever the student code threw or caught.
    const failure = new Error(test.problems.join("\n"));
    failure.name = "OffLimitsError";
    failure.stack = `${failure.name}: ${failure.message}`;
    throw failure;
  };
}

/**
 * Install the two hooks (see the file comment) in tslab, the one found from `cellRequire`,
 * before tslab creates its executor. `nonce` is the host's mark of test cells.
 */
export function watchTestCells(cellRequire: NodeJS.Require, nonce: string): void {
  const tslabRequire = Module.createRequire(cellRequire.resolve("tslab/package.json"));
  const executorModule = tslabRequire("./dist/executor.js") as {
    createExecutor: (...args: unknown[]) => Executor;
  };
  const createExecutor = executorModule.createExecutor;
  executorModule.createExecutor = (...args: unknown[]): Executor => {
    const executor = createExecutor(...args);
    executor.execute = guardExecute(executor.execute, nonce);
    return executor;
  };
  const runInThisContext = vm.runInThisContext;
  vm.runInThisContext = function (code, options) {
    if (running === undefined || running.compiled) {
      return runInThisContext(code, options);
    }
    running.compiled = true;
    const given = typeof options === "object" ? options : {};
    return runInThisContext(code, { ...given, filename: TEST_SCRIPT });
  };
}
