/**
 * Off-limits library functions in a grading kernel. An exercise may declare that the code under
 * test must not reach some library functions (`gb.softmax` in the exercise that asks for a
 * softmax); the host sends the rules of each test cell in the guard's configuration. While such
 * a test cell runs, a call that reaches one of its off-limits functions from anything but the
 * test's own code is refused: the function throws, and the test fails with a sentence naming
 * the function and why, even if student code catches the error. The test's own calls (the
 * library as the oracle) go through.
 *
 * The pieces: guarded-tests.ts knows which marked test cell runs and names its script;
 * library-gates.ts puts a check in front of every off-limits function where it is declared,
 * so calls from inside the library (another function that uses it, a Tensor method) are seen
 * too; call-path.ts reads the stack, out of the student's reach, to find who called;
 * student-membrane.ts makes the notebook's functions that a test calls leave a frame of their
 * own, so a copied reference (`const softmaxRows = gb.softmax`), a bound function or a proxy
 * of one is not mistaken for the test. The attacks tried are in
 * test/notebooks/off-limits-attacks.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { firstCaller, framesAbove, type Caller, type CodePlaces } from "./call-path";
import type { OffLimitsConfig, OffLimitsRule } from "./contract";
import { runningTest, TEST_SCRIPT, watchTestCells } from "./guarded-tests";
import { createGates, gateEverywhere, loadWithGates, type Gates } from "./library-gates";
import { MEMBRANE_FUNCTIONS, studentExports } from "./student-membrane";

type AnyFunction = (...args: unknown[]) => unknown;

/** What tslab's `__tslab__` global holds. */
export interface TslabBindings {
  exports: object;
  require: unknown;
}

/** The guard's side of off-limits functions (see the file comment). */
export interface OffLimitsGuard {
  /** Load module `id` for cells, with the gates its rules need, and resolve those rules. */
  load(id: string): unknown;
  /** What `__tslab__` gives the cell running now (a guarded test sees the membrane). */
  bindingsFor(bindings: TslabBindings): TslabBindings;
}

class OffLimitsError extends Error {
  override readonly name = "OffLimitsError";
}

function offLimits(rule: OffLimitsRule): string {
  const task =
    rule.reason !== "" ? rule.reason : `write ${rule.path[rule.path.length - 1]} yourself`;
  return `${rule.label} is off-limits: this exercise asks you to ${task}`;
}

function problemText(rule: OffLimitsRule, caller: Exclude<Caller, { kind: "test" }>): string {
  const who =
    caller.what === "student code"
      ? "your code"
      : caller.what === "unknown code"
        ? "code outside the test (a callback or a promise)"
        : "a function your notebook defines (the library function itself, bound or wrapped)";
  const through = caller.through === undefined ? "" : ` (through ${caller.through})`;
  return `gradbook: this test does not count: ${who} called ${rule.label}${through}. ${offLimits(rule)}.`;
}

function packageDir(cellRequire: NodeJS.Require, id: string): string {
  return fs.realpathSync(path.dirname(cellRequire.resolve(`${id}/package.json`)));
}

function resolveRule(exports: unknown, rule: OffLimitsRule): unknown {
  let value = exports;
  for (const key of rule.path) {
    value = Object(value)[key];
  }
  return value;
}

/**
 * Set up off-limits functions for `config` in this kernel: hook tslab's executor (before tslab
 * starts), and return how to load the preloaded modules and what `__tslab__` should give.
 */
export function installOffLimits(
  config: OffLimitsConfig,
  cellRequire: NodeJS.Require,
  trusted: readonly string[],
): OffLimitsGuard {
  watchTestCells(cellRequire, config.nonce);
  const libraryDirs = trusted.map((id) => packageDir(cellRequire, id));
  const places: CodePlaces = {
    isLibrary: (file) => libraryDirs.some((dir) => file.startsWith(dir + path.sep)),
    testScript: TEST_SCRIPT,
    membrane: {
      file: path.join(__dirname, "student-membrane.js"),
      names: MEMBRANE_FUNCTIONS,
    },
  };
  // For each test, its off-limits originals and their rules; filled as modules load.
  const byTest = new Map<string, Map<AnyFunction, OffLimitsRule>>();
  const check = (original: AnyFunction, gate: AnyFunction): void => {
    const test = runningTest();
    const rule = test === undefined ? undefined : byTest.get(test.gradeId)?.get(original);
    if (test === undefined || rule === undefined) {
      return;
    }
    let caller: Caller;
    try {
      caller = firstCaller(framesAbove(gate), places);
    } catch {
      caller = { kind: "other", through: undefined, what: "unknown code" };
    }
    if (caller.kind === "test") {
      return;
    }
    const problem = problemText(rule, caller);
    if (!test.problems.includes(problem)) {
      test.problems.push(problem);
    }
    throw new OffLimitsError(offLimits(rule));
  };
  const gates: Gates = createGates(check);
  const rules = Object.entries(config.tests).flatMap(([gradeId, list]) =>
    list.map((rule) => ({ gradeId, rule })),
  );
  const load = (id: string): unknown => {
    const own = rules.filter(({ rule }) => rule.module === id);
    if (own.length === 0) {
      return cellRequire(id);
    }
    const dir = packageDir(cellRequire, id);
    const names = new Set(own.map(({ rule }) => rule.path[rule.path.length - 1]));
    const exports = loadWithGates(dir, names, gates, () => cellRequire(id));
    for (const { gradeId, rule } of own) {
      const value = resolveRule(exports, rule);
      if (typeof value !== "function") {
        throw new Error(`off-limits ${rule.label}: ${id} has no function ${rule.path.join(".")}`);
      }
      let original = gates.originalOf(value);
      if (original === undefined) {
        original = value as AnyFunction;
        gateEverywhere(original, dir, gates);
      }
      const forTest = byTest.get(gradeId) ?? new Map<AnyFunction, OffLimitsRule>();
      forTest.set(original, rule);
      byTest.set(gradeId, forTest);
    }
    return exports;
  };
  const views = new WeakMap<TslabBindings, TslabBindings>();
  const bindingsFor = (bindings: TslabBindings): TslabBindings => {
    if (runningTest() === undefined) {
      return bindings;
    }
    const known = views.get(bindings);
    if (known !== undefined) {
      return known;
    }
    const view = Object.freeze({ ...bindings, exports: studentExports(bindings.exports) });
    views.set(bindings, view);
    return view;
  };
  return { load, bindingsFor };
}
