/**
 * Who called a guarded library function (off-limits.ts): the frames of the current call stack,
 * read in a way student code cannot sway, and the first frame that is not library code.
 *
 * V8 reads `Error.prepareStackTrace` and `Error.stackTraceLimit` from the realm's original
 * Error constructor. After SES lockdown the global `Error` is a tamed stand-in whose accessors
 * forward to that original, so a student may set both (`Error.stackTraceLimit = 0`, a
 * `prepareStackTrace` returning a string), and SES hands user `prepareStackTrace` functions
 * only a reduced view of each frame. The original constructor is captured here, when the guard
 * is loaded, before lockdown: only the guard holds it. It sets its own two values around one
 * capture and puts the student's back, so neither side sees the other's.
 *
 * A frame says where its code came from, and only code compiled from a file has a file name:
 * `eval` and `new Function` code has none (`//# sourceURL=` changes the printed name, not
 * `getFileName()`, and `isEval()` is true), and builtins, bound functions, `Reflect.apply` and
 * proxies either show as a frame without a file or show no frame at all.
 */
const FeralError = Error;

/** A V8 call site (https://v8.dev/docs/stack-trace-api). */
export type Frame = NodeJS.CallSite;

// Deep enough for any library call chain; a student's recursion above it changes nothing,
// since the frames nearest the call decide (see `firstCaller`).
const FRAME_LIMIT = 200;

/**
 * The frames of the current stack above the most recent call of `below` (excluded), innermost
 * first. Empty when V8 gives no structured frames.
 */
export function framesAbove(below: (...args: never[]) => unknown): Frame[] {
  const prepare = FeralError.prepareStackTrace;
  const limit = FeralError.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    FeralError.prepareStackTrace = (_error, frames) => frames;
    FeralError.stackTraceLimit = FRAME_LIMIT;
    FeralError.captureStackTrace(holder, below);
    const frames = holder.stack;
    return Array.isArray(frames) ? (frames as Frame[]) : [];
  } finally {
    FeralError.prepareStackTrace = prepare;
    FeralError.stackTraceLimit = limit;
  }
}

/** How to read the places frames come from. */
export interface CodePlaces {
  /** True for a file of a trusted package (gradbook's compiled library, tslab). */
  isLibrary(file: string): boolean;
  /** The file name test cells are compiled with (only the guard compiles code under it). */
  testScript: string;
  /** Functions of the guard that run student code on a test's behalf (student-membrane.ts). */
  membrane: { file: string; names: ReadonlySet<string> };
}

/** The code that called: a test cell, or anything else and what it went through. */
export type Caller =
  | { kind: "test" }
  | {
      kind: "other";
      /** The library function nearest the caller, when the call went through one. */
      through: string | undefined;
      /** What the caller is, for messages. */
      what: "student code" | "a function the test got from the notebook" | "unknown code";
    };

/**
 * The first frame, innermost first, that is not library code decides: a test cell's frame
 * (compiled from a file under the test script's name, never eval) is the test; anything else
 * (student cells, eval code, builtins such as `Array.prototype.map`, Node's task queues, the
 * membrane through which a test calls a name the notebook defined) is not. No such frame at all
 * (a promise job, a timer calling a library function directly) is not the test either, even
 * when the test awaits the promise: frames V8 adds for awaiting functions are not callers.
 */
export function firstCaller(frames: readonly Frame[], places: CodePlaces): Caller {
  let through: string | undefined;
  for (const frame of frames) {
    // V8 appends "async" frames, the functions awaiting the current promise chain: the test
    // cell awaits every promise a student hands it, so such a frame says nothing of who called.
    if (frame.isAsync() || frame.isPromiseAll()) {
      break;
    }
    const file = frame.isEval() ? null : frame.getFileName();
    const name = frame.getFunctionName() ?? undefined;
    if (file === places.membrane.file && name !== undefined && places.membrane.names.has(name)) {
      return { kind: "other", through, what: "a function the test got from the notebook" };
    }
    if (file !== null && file !== undefined && places.isLibrary(file)) {
      through = name ?? through;
      continue;
    }
    if (file === places.testScript) {
      return { kind: "test" };
    }
    return { kind: "other", through, what: "student code" };
  }
  return { kind: "other", through, what: "unknown code" };
}
