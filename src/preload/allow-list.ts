/**
 * What a graded cell may reach on `process` and on the global object. Everything else is taken
 * away by the guard once tslab has started (lock-process.ts, lock-globals.ts): an allow-list,
 * not a deny-list, so that an API a newer Node adds (as `process.getBuiltinModule` came in
 * 20.16 and handed out `vm`, issue #20) stays closed until someone decides to open it. The
 * grader's tests enumerate both objects and their prototype chains in a real grading kernel and
 * fail on any name these lists do not know (KNOWN_CLOSED_*), so an upgrade cannot reopen
 * anything silently. Each entry says why it is kept.
 */

/** Properties of `process` (own or inherited) that keep their value, and why. */
export const PROCESS_KEPT: Readonly<Record<string, string>> = {
  version: "what a notebook may print about its platform",
  versions: "what a notebook may print about its platform",
  arch: "what a notebook may print about its platform",
  platform: "what a notebook may print about its platform",
  release: "what a notebook may print about its platform",
  features: "a read-only description; Node makes it non-configurable",
  config: "read by Node's own modules",
  permission: "only answers what the permission model allows; Node makes it non-configurable",
  argv0: "a string; Node makes it non-configurable",
  env: "the library reads GRADBOOK_GEMM, TypeScript its own settings (the grader's are not there)",
  pid: "the kernel's own id (process.kill accepts no other)",
  ppid: "a number",
  getuid: "the kernel's user id (tests check it runs as a user of its own)",
  geteuid: "a number",
  getgid: "a number",
  getegid: "a number",
  getgroups: "a list of numbers",
  hrtime: "timing a lesson may show",
  uptime: "timing a lesson may show",
  memoryUsage: "memory a lesson may show",
  cpuUsage: "timing a lesson may show",
  cwd: "TypeScript resolves the notebook's modules from it",
  nextTick: "Node's streams call it",
  emitWarning: "Node's own modules call it",
  _rawDebug: "Node's own last-resort printing (to the kernel's stderr, not IOPub)",
  exit: "ends the kernel, which the grader survives (restart, replay)",
  reallyExit: "process.exit ends through it",
  exitCode: "process.exit reads it; Node makes it non-configurable",
  _exiting: "Node's exit path writes it",
  _fatalException:
    "Node's C++ side calls it for an uncaught exception (closing it ends the kernel)",
  kill: "replaced: signals the kernel itself only",
  stdout: "replaced: an object whose write tslab sets to IOPub (output-streams.ts)",
  stderr: "replaced: an object whose write tslab sets to IOPub (output-streams.ts)",
  domain: "read by Node's events and timers (null: domains are not loaded)",
  _events: "the EventEmitter state of process, written by Node",
  _eventsCount: "the EventEmitter state of process, written by Node",
  _maxListeners: "the EventEmitter state of process, written by Node",
  // Inherited from EventEmitter.prototype (frozen): Node's vm calls rawListeners,
  // removeAllListeners, addListener and listenerCount on process around every cell tslab runs
  // (breakOnSigint), tslab listens to SIGINT; in student hands they reach only process itself.
  emit: "Node emits exit, warning and rejection events through it",
  on: "tslab listens to SIGINT and to errors",
  addListener: "Node's vm re-adds tslab's SIGINT listener around each cell",
  prependListener: "EventEmitter method on process itself",
  once: "EventEmitter method on process itself",
  prependOnceListener: "EventEmitter method on process itself",
  removeListener: "EventEmitter method on process itself",
  off: "EventEmitter method on process itself",
  removeAllListeners: "Node's vm removes the SIGINT listeners around each cell",
  listeners: "EventEmitter method on process itself",
  rawListeners: "Node's vm reads the SIGINT listeners around each cell",
  listenerCount: "Node's vm counts the SIGINT listeners around each cell",
  eventNames: "EventEmitter method on process itself",
  setMaxListeners: "EventEmitter method on process itself",
  getMaxListeners: "EventEmitter method on process itself",
  constructor: "process's and EventEmitter's constructors (frozen)",
  "Symbol(kCapture)": "EventEmitter state",
  "Symbol(shapeMode)": "EventEmitter state",
  "Symbol(Symbol.toStringTag)": "the string 'process'",
};

/**
 * Properties of `process` that Node 20–24 has and the guard closes (functions throw, values read
 * as undefined), so the enumeration test knows them. Anything else unknown is closed too, and
 * fails that test until it is listed here or in PROCESS_KEPT.
 */
export const KNOWN_CLOSED_PROCESS: readonly string[] = [
  // Ways to other modules and native code: the routes of issue #20.
  "getBuiltinModule", "binding", "_linkedBinding", "dlopen", "mainModule", "moduleLoadList",
  "_preload_modules",
  // Process control a notebook has no use for.
  "_kill", "abort", "chdir", "umask", "setuid", "setgid", "seteuid", "setegid", "setgroups",
  "initgroups", "title", "execve", "ref", "unref",
  // Files, reports, inspectors and hooks.
  "loadEnvFile", "report", "openStdin", "stdin", "_debugProcess", "_debugEnd",
  "_startProfilerIdleNotifier", "_stopProfilerIdleNotifier", "setUncaughtExceptionCaptureCallback",
  "hasUncaughtExceptionCaptureCallback", "setSourceMapsEnabled", "sourceMapsEnabled",
  "finalization", "_tickCallback", "assert",
  // What the kernel was started with and what it holds.
  "argv", "execArgv", "execPath", "debugPort", "allowedNodeEnvironmentFlags",
  "_getActiveHandles", "_getActiveRequests", "getActiveResourcesInfo", "resourceUsage",
  "constrainedMemory", "availableMemory", "threadCpuUsage",
]; // prettier-ignore

/**
 * Global names that keep their value besides the ECMAScript ones (STANDARD_GLOBALS and
 * ECMASCRIPT_GLOBALS), and why.
 */
export const GLOBALS_KEPT: Readonly<Record<string, string>> = {
  globalThis: "the global object",
  global: "Node's name of the global object",
  console: "printing (its streams are the replaced process.stdout and stderr)",
  process: "locked (PROCESS_KEPT)",
  Buffer: "tslab decodes every message with it; hardened",
  setTimeout: "timers (hardened)",
  clearTimeout: "timers (hardened)",
  setInterval: "timers (hardened)",
  clearInterval: "timers (hardened)",
  setImmediate: "timers (hardened)",
  clearImmediate: "timers (hardened)",
  queueMicrotask: "scheduling (hardened)",
  performance: "the library's timings and a lesson's (hardened)",
  TextEncoder: "text to bytes (hardened)",
  TextDecoder: "bytes to text (hardened)",
  __tslab__: "tslab's bindings, guarded (kernel-guard.ts)",
  "Symbol(Symbol.toStringTag)": "the string 'global'",
};

/** JavaScript's own globals beyond STANDARD_GLOBALS (contract.ts), kept when present. */
export const ECMASCRIPT_GLOBALS: readonly string[] = [
  "FinalizationRegistry", "WeakRef", "SharedArrayBuffer", "Atomics", "WebAssembly", "eval",
  "escape", "unescape", "Iterator", "Float16Array", "SuppressedError", "DisposableStack",
  "AsyncDisposableStack",
]; // prettier-ignore

/**
 * Global names that Node 20–24 (and SES) define and the guard removes, so that the enumeration
 * test knows them: networking, messaging between threads, web platform classes a course has no
 * use for, and what SES leaves behind.
 */
export const KNOWN_CLOSED_GLOBALS: readonly string[] = [
  "fetch", "FormData", "Headers", "Request", "Response", "WebSocket", "EventSource", "CloseEvent",
  "BroadcastChannel", "MessageChannel", "MessagePort", "MessageEvent", "navigator", "Navigator",
  "localStorage", "sessionStorage", "Storage", "crypto", "Crypto", "CryptoKey", "SubtleCrypto",
  "URL", "URLSearchParams", "URLPattern", "DOMException", "AbortController", "AbortSignal",
  "Event", "EventTarget", "CustomEvent", "Blob", "File", "atob", "btoa", "TransformStream",
  "TransformStreamDefaultController", "WritableStream", "WritableStreamDefaultController",
  "WritableStreamDefaultWriter", "ReadableStream", "ReadableStreamDefaultReader",
  "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableByteStreamController",
  "ReadableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy",
  "TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream",
  "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure",
  "PerformanceObserver", "PerformanceObserverEntryList", "PerformanceResourceTiming",
  "Compartment", "getStackString", "Symbol(MAKE_CAUSAL_CONSOLE_FROM_LOGGER_KEY_FOR_SES_AVA)",
]; // prettier-ignore

/** A property key as the lists write it: its name, or `Symbol(description)`. */
export function keyName(key: PropertyKey): string {
  return typeof key === "symbol" ? key.toString() : String(key);
}
