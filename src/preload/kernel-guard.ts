/**
 * The preload of every grading kernel (`node --require kernel-guard.js tslab kernel …`). It runs
 * before tslab and before any student code and leaves a realm in which student code cannot change
 * how a test cell is judged, nor see a test's code:
 * - SES `lockdown()` freezes every JavaScript intrinsic (Math, Object, Array.prototype, Function,
 *   Error, …): assigning `Math.abs = …` or `Array.prototype.every = …` silently does nothing in
 *   tslab's sloppy-mode cells, and `Object.defineProperty(Math, …)` throws in the student's cell;
 * - cells may only import the modules the assignment allows, each loaded and hardened (deeply
 *   frozen) before student code runs, so a helper such as `assertClose` or a Tensor method
 *   cannot be replaced; `require.cache`, `require.main` and native addons are out of reach, so
 *   are tslab's and TypeScript's internals that decide a cell's status;
 * - once tslab has started (it sets `globalThis.__tslab__` before any cell), `process` and the
 *   global object keep only what allow-list.ts lists (lock-process.ts, lock-globals.ts): no
 *   `getBuiltinModule`, `binding`, `fetch`, … whatever the Node version; `process.kill` only
 *   reaches the kernel itself; the output streams are stand-ins without a socket behind them
 *   (output-streams.ts); what tslab and Node call through at run time is frozen
 *   (freeze-runtime.ts) and JavaScript's network entry points refuse (close-network.ts);
 * - the source of a test's functions cannot be read (hide-test-source.ts).
 * Everything is configured by one environment variable, read and deleted first.
 */
import * as Module from "node:module";
import * as path from "node:path";
import { closeNetwork } from "./close-network";
import { GUARD_ENV, type GuardConfig } from "./contract";
import { freezeRuntime } from "./freeze-runtime";
import { hideTestSources } from "./hide-test-source";
import { lockGlobals, lockStandardGlobals } from "./lock-globals";
import { lockProcess } from "./lock-process";
import { replaceOutputStreams } from "./output-streams";

type Harden = <T>(value: T) => T;
type Lockdown = (options: Record<string, string>) => void;
type AnyFunction = (...args: unknown[]) => unknown;

// Compatible with tslab, TypeScript, zeromq and Node's own printing: errors keep their stacks
// and are printed as usual, console and locale methods stay, eval stays (the start compartment
// is not a sandbox for code but a frozen floor under it); only "min" property-override taming,
// because wider taming turns prototype methods into accessors and Node then prints errors as {}.
const LOCKDOWN_OPTIONS = {
  errorTaming: "unsafe",
  stackFiltering: "verbose",
  overrideTaming: "min",
  consoleTaming: "unsafe",
  localeTaming: "unsafe",
  domainTaming: "unsafe",
  evalTaming: "unsafe-eval",
  errorTrapping: "none",
  unhandledRejectionTrapping: "none",
  reporting: "none",
};

// Globals that SES adds and a Node notebook does not have; removed again after use.
const SES_GLOBALS = ["lockdown", "harden", "repairIntrinsics", "hardenIntrinsics", "assert"];

function isLocalModule(id: string): boolean {
  const parts = id.split("/");
  return (
    parts[0] === "." && parts.length > 1 && !parts.includes("..") && !parts.includes("node_modules")
  );
}

function guardRequire(tslabRequire: AnyFunction, allowed: ReadonlySet<string>): AnyFunction {
  const allowedList = [...allowed].join(", ");
  return Object.freeze(function require(id: unknown): unknown {
    if (typeof id !== "string") {
      throw new TypeError(`require() takes a module name, got ${typeof id}`);
    }
    const bare = id.startsWith("node:") ? id.slice("node:".length) : id;
    if (!allowed.has(bare) && !isLocalModule(id)) {
      throw new Error(
        `cannot import "${id}" in a graded notebook: only ${allowedList} and modules ` +
          `defined in the notebook are available`,
      );
    }
    return tslabRequire(id);
  });
}

// Once tslab has created its executor (it sets globalThis.__tslab__ while starting, before any
// cell), everything that only the kernel's start needed is taken away and the rest frozen.
function lockRuntime(harden: Harden, fromTslab: NodeJS.Require): void {
  lockProcess(replaceOutputStreams());
  lockGlobals(harden);
  freezeRuntime(harden, fromTslab);
  closeNetwork();
}

function trapTslabBindings(
  allowed: ReadonlySet<string>,
  harden: Harden,
  fromTslab: NodeJS.Require,
): void {
  let bindings: { exports: unknown; require: AnyFunction } | undefined;
  Object.defineProperty(globalThis, "__tslab__", {
    enumerable: false,
    configurable: false,
    get: () => bindings,
    set(value: { exports: unknown; require: AnyFunction }) {
      if (bindings !== undefined) {
        return;
      }
      bindings = Object.freeze({
        exports: value.exports,
        require: guardRequire(value.require, allowed),
      });
      lockRuntime(harden, fromTslab);
    },
  });
}

/**
 * Harden a module's exports and everything they reach. TypeScript's re-exports
 * (`export * from`) are getters, which `harden` does not follow: their values are hardened too,
 * recursively through nested module objects (`export * as linalg`).
 */
function hardenModule(exports: unknown, harden: Harden, seen = new Set<object>()): void {
  if ((typeof exports !== "object" && typeof exports !== "function") || exports === null) {
    return;
  }
  if (seen.has(exports)) {
    return;
  }
  seen.add(exports);
  const record = exports as Record<PropertyKey, unknown>;
  if (record.__esModule === true) {
    for (const key of Reflect.ownKeys(record)) {
      hardenModule(record[key], harden, seen);
    }
  }
  harden(exports);
}

/**
 * Install the guard in this process (see the file comment). Throws when a module to preload is
 * missing: a kernel whose guard is not in place must not run student code.
 */
export function installGuard(config: GuardConfig): void {
  // The SES shim defines lockdown and harden as globals; its types would leak `assert` and
  // `harden` into every file of the project, so it is loaded untyped.
  Module.createRequire(__filename)("ses");
  if (config.testMarker !== undefined) {
    hideTestSources(config.testMarker);
  }
  const scope = globalThis as unknown as Record<string, unknown>;
  (scope.lockdown as Lockdown)(LOCKDOWN_OPTIONS);
  const harden = scope.harden as Harden;
  for (const name of SES_GLOBALS) {
    delete scope[name];
  }
  lockStandardGlobals();
  const cellRequire = Module.createRequire(path.join(process.cwd(), "src.js"));
  for (const id of config.preload) {
    hardenModule(cellRequire(id), harden);
  }
  // tslab loads zeromq, a native addon, only when it binds its sockets: load it now, while
  // native addons can still be loaded (lockProcess takes process.dlopen away).
  const fromTslab = Module.createRequire(cellRequire.resolve("tslab/package.json"));
  fromTslab("zeromq");
  trapTslabBindings(new Set(config.allowedModules), harden, fromTslab);
}

const configText = process.env[GUARD_ENV];
if (configText !== undefined) {
  delete process.env[GUARD_ENV];
  installGuard(JSON.parse(configText) as GuardConfig);
}
