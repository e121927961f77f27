import { describe, expect, test } from "vitest";
import {
  cellRunner,
  recordCellOutcomes,
  type ExecutorConsole,
  type ExecutorModule,
} from "../../../src/preload/cell-outcome";

// A stand-in for tslab 1.0's dist/executor.js: its executor prints through the console it was
// given exactly as tslab's does (the last value with log, a thrown value or one call per
// diagnostic with error) and says whether the cell succeeded.
function fakeExecutorModule() {
  const module: ExecutorModule = {
    createExecutor: (_rootDir, _converters, console: ExecutorConsole) => ({
      interrupt: () => {},
      execute: async (code: string): Promise<boolean> => {
        switch (code) {
          case "6 * 7":
            console.log(42);
            return true;
          case "let x = 1;":
            return true;
          case 'throw new Error("boom")':
            console.error(new Error("boom"));
            return false;
          case 'const n: number = "a";':
            console.error("%s%d:%d - %s", "", 1, 7, "Type 'string' is not assignable.");
            return false;
          case "%%module":
            console.error("%s%d:%d - %s", "mod.ts ", 2, 1, "Cannot find name 'y'.");
            return true;
          default:
            throw new Error("the compiler crashed");
        }
      },
    }),
  };
  return module;
}

function runnerFor(printed: unknown[][]) {
  const module = fakeExecutorModule();
  recordCellOutcomes(module);
  const console: ExecutorConsole = {
    log: (...args) => printed.push(["log", ...args]),
    error: (...args) => printed.push(["error", ...args]),
  };
  const executor = module.createExecutor("/course", {}, console);
  const run = cellRunner(executor);
  if (run === undefined) throw new Error("no runner");
  return run;
}

describe("recordCellOutcomes (what a tslab cell did, from its executor's console)", () => {
  test("the last expression's value is the outcome's text, not printed", async () => {
    const printed: unknown[][] = [];
    const run = runnerFor(printed);
    expect(await run("6 * 7")).toEqual({ ok: true, value: "42" });
    expect(await run("let x = 1;")).toEqual({ ok: true, value: undefined });
    expect(printed).toEqual([]);
  });

  test("a thrown error and diagnostics become the protocol's error, not printed", async () => {
    const printed: unknown[][] = [];
    const run = runnerFor(printed);
    const thrown = await run('throw new Error("boom")');
    expect(thrown).toMatchObject({ ok: false, error: { ename: "Error", evalue: "boom" } });
    expect(await run('const n: number = "a";')).toEqual({
      ok: false,
      error: {
        ename: "TSError",
        evalue: "1:7 - Type 'string' is not assignable.",
        traceback: ["1:7 - Type 'string' is not assignable."],
      },
    });
    expect(printed).toEqual([]);
  });

  test("a module cell's diagnostics stay warnings on stderr, as tslab printed them", async () => {
    const printed: unknown[][] = [];
    const run = runnerFor(printed);
    expect(await run("%%module")).toEqual({ ok: true, value: undefined });
    expect(printed).toEqual([["error", "mod.ts 2:1 - Cannot find name 'y'."]]);
  });

  test("an executor that throws is a failed cell with that error", async () => {
    const run = runnerFor([]);
    expect(await run("anything else")).toMatchObject({
      ok: false,
      error: { ename: "Error", evalue: "the compiler crashed" },
    });
  });

  test("installing twice changes nothing; executors made elsewhere have no runner", () => {
    const module = fakeExecutorModule();
    const before = module.createExecutor("/", {}, { log: () => {}, error: () => {} });
    expect(recordCellOutcomes(module)).toBe(true);
    expect(recordCellOutcomes(module)).toBe(false);
    expect(cellRunner(before)).toBeUndefined();
  });
});
