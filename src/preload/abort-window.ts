/**
 * Shortens tslab's abort window in kernels whose environment asks for it (ABORT_WINDOW_ENV of
 * contract.ts: the runner in src/kernel sets it, JupyterLab's kernelspec does not); applied by
 * tslab-fixes.ts.
 *
 * After a failed execution tslab aborts every execute request that reaches it for the next
 * 200 ms (`execQueue.reset(200)`, yunabe/tslab#19), so that a notebook run from JupyterLab stops
 * at the first error even for requests still on the wire. A runner that sends one request at a
 * time and waits for each reply has nothing on the wire: there the window only makes every
 * failed cell cost 250 ms of waiting before the next.
 */
import { ABORT_WINDOW_ENV } from "./contract";

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
