/**
 * Shortens tslab's abort window in kernels that gradbook itself drives (kernel-preload.ts
 * applies it when ABORT_WINDOW_ENV is set; KernelProcess sets it, JupyterLab's kernelspec does
 * not).
 *
 * After a failed execution tslab aborts every execute request that reaches it for the next
 * 200 ms (`execQueue.reset(200)`, yunabe/tslab#19), so that a notebook run from JupyterLab stops
 * at the first error even for requests still on the wire. gradbook's runner sends one request
 * at a time and waits for each reply, so nothing is ever on the wire: the window only made every
 * failed cell cost 250 ms of waiting before the next. A student's unfinished notebook fails
 * seven cells of lesson 1 alone; at 40 submissions that is most of a minute of idle kernels.
 */

/** Environment variable that carries the window, in milliseconds, to the kernel's preload. */
export const ABORT_WINDOW_ENV = "GRADBOOK_TSLAB_ABORT_WINDOW_MS";

/**
 * The window in kernels gradbook drives: long enough for the failed request's own reply to
 * leave first, short against a cell's run.
 */
export const RUNNER_ABORT_WINDOW_MS = 5;

interface TaskQueueClass {
  prototype: { reset(delay?: number): void };
}

const INSTALLED = Symbol.for("gradbook.tslabAbortWindow");

/**
 * Replace the delay of `TaskQueue.prototype.reset(delay)` (tslab's dist/util.js) by `windowMs`;
 * a reset without a delay stays immediate. Returns false when it was already installed.
 */
export function shortenAbortWindow(TaskQueue: TaskQueueClass, windowMs: number): boolean {
  const prototype = TaskQueue.prototype as TaskQueueClass["prototype"] & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  const reset = prototype.reset;
  prototype.reset = function (this: unknown, delay?: number): void {
    reset.call(this, delay === undefined ? undefined : Math.min(delay, windowMs));
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}

/** The window a kernel was started with, from its environment (undefined: tslab's own). */
export function abortWindowFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env[ABORT_WINDOW_ENV];
  if (value === undefined || value === "") return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
