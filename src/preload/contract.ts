/**
 * What the host (src/kernel, src/grader) and the code it preloads into a tslab kernel agree on:
 * the compiled scripts it starts kernels with, the environment variables that configure them
 * and what the guard locks. The host reaches the preload through this file alone, and this file
 * imports nothing: a kernel never loads host code, and the host never runs a preload script in
 * its own process.
 */

/**
 * The preload scripts, compiled, relative to the package's dist/ folder: `tslabFixes` goes into
 * every tslab kernel (gradbook's runner, the grader, JupyterLab through the kernelspec that setup
 * writes), `guard` into grading kernels only.
 */
export const PRELOAD_SCRIPTS = {
  tslabFixes: "preload/tslab-fixes.js",
  guard: "preload/kernel-guard.js",
} as const;

/**
 * A stack frame of the kernel's machinery rather than of a cell or a library it calls: Node's
 * (`node:vm`, `node:internal/…`), tslab's and its command line's (`tslab/dist/…`,
 * `tslab/bin/…`, `commander/lib/…`: the stack of an error made while the kernel started, as
 * tslab's "Interrupted asynchronously") or gradbook's preload (`dist/preload/…`). The kernel
 * leaves these out of a cell's traceback (cell-error.ts), and the host out of the stderr of a
 * kernel that reports errors there.
 */
export const MACHINERY_FRAME =
  /^\s+at .*(\(node:|\bnode:internal|[/\\]tslab[/\\](dist|bin)[/\\]|[/\\]commander[/\\]lib[/\\]|[/\\]dist[/\\]preload[/\\]|\bsigintHandlersWrap\b)/;

/**
 * The `ename` of a cell that TypeScript refused to compile (as ts-node names it); its evalue and
 * traceback are the diagnostics, one a line, `line:column - message` (tslab's own format).
 */
export const COMPILE_ERROR_NAME = "TSError";

/** Environment variable that carries the guard's configuration (JSON of `GuardConfig`). */
export const GUARD_ENV = "GRADBOOK_KERNEL_GUARD";

/** What the guard of one kernel allows and prepares. */
export interface GuardConfig {
  /** Bare module ids cells may import (`node:` prefixes are stripped before the check). */
  allowedModules: string[];
  /** Module ids loaded and hardened before student code: every helper a test may use. */
  preload: string[];
  /** Library functions the code under test may not reach (preload/off-limits.ts). */
  offLimits?: OffLimitsConfig;
  /**
   * The string that marks a script as a test cell, made for each batch; the source of the
   * functions such a script defines cannot be read (hide-test-source.ts).
   */
  testMarker?: string;
}

/** A function of an allowed module that an exercise puts off-limits. */
export interface OffLimitsRule {
  /** The module (`gradbook`) and the path of the function in it (`["linalg", "inv"]`). */
  module: string;
  path: string[];
  /** How the notebook names it (`gb.softmax`), for messages. */
  label: string;
  /** What the exercise asks instead, completing "this exercise asks you to …" ("write the
   * softmax yourself"); empty for "write <name> yourself". */
  reason: string;
}

/** The off-limits functions of an assignment's test cells, and how those cells are marked. */
export interface OffLimitsConfig {
  /** Drawn when grading starts; marks the test cells the host sends (`testCellMarker`). */
  nonce: string;
  /** The rules of each test cell, by its grade_id. */
  tests: Record<string, OffLimitsRule[]>;
}

/** The word that starts the mark of a test cell with off-limits functions. */
export const TEST_CELL_MARK = "gradbook:test";

/**
 * The comment the host puts first in the code of a test cell whose exercise has off-limits
 * functions: the mark, the nonce and the URI-encoded grade_id in one block comment.
 */
export function testCellMarker(nonce: string, gradeId: string): string {
  const encoded = encodeURIComponent(gradeId).replace(/\*/g, "%2A");
  return `/*${TEST_CELL_MARK} ${nonce} ${encoded}*/`;
}

/**
 * The ECMAScript globals whose bindings the guard locks (those the platform has): tests compute
 * with these, so no student code may rebind them (src/grader/sandbox/test-cell.ts also refuses
 * student cells that declare these names, which tslab would otherwise pass on to later cells).
 */
export const STANDARD_GLOBALS: readonly string[] = [
  "Object", "Function", "Array", "Number", "parseFloat", "parseInt", "Infinity", "NaN",
  "undefined", "Boolean", "String", "Symbol", "Date", "Promise", "RegExp", "Error",
  "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
  "URIError", "globalThis", "JSON", "Math", "Intl", "ArrayBuffer", "Uint8Array", "Int8Array",
  "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
  "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set",
  "WeakMap", "WeakSet", "Proxy", "Reflect", "decodeURI", "decodeURIComponent", "encodeURI",
  "encodeURIComponent", "isFinite", "isNaN", "structuredClone",
]; // prettier-ignore
