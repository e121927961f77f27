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

/** Environment variable that carries tslab's abort window, in milliseconds (abort-window.ts). */
export const ABORT_WINDOW_ENV = "GRADBOOK_TSLAB_ABORT_WINDOW_MS";

/** Environment variable that carries the guard's configuration (JSON of `GuardConfig`). */
export const GUARD_ENV = "GRADBOOK_KERNEL_GUARD";

/** What the guard of one kernel allows and prepares. */
export interface GuardConfig {
  /** Bare module ids cells may import (`node:` prefixes are stripped before the check). */
  allowedModules: string[];
  /** Module ids loaded and hardened before student code: every helper a test may use. */
  preload: string[];
  /**
   * The string that marks a script as a test cell, made for each batch; the source of the
   * functions such a script defines cannot be read (hide-test-source.ts).
   */
  testMarker?: string;
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
