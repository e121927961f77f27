import { describe, expect, test } from "vitest";
import { abortWindowFromEnv, shortenAbortWindow } from "../../../src/preload/abort-window";
import { ABORT_WINDOW_ENV } from "../../../src/preload/contract";

// A stand-in for tslab 1.0's TaskQueue (dist/util.js): reset(delay) resets after `delay` ms.
function fakeTaskQueue() {
  const delays: (number | undefined)[] = [];
  class TaskQueue {
    reset(delay?: number): void {
      delays.push(delay);
    }
  }
  return { TaskQueue, delays };
}

describe("shortenAbortWindow (tslab's pause after a failed cell)", () => {
  test("caps the delayed reset and keeps an immediate one immediate", () => {
    const { TaskQueue, delays } = fakeTaskQueue();
    expect(shortenAbortWindow(TaskQueue, 5)).toBe(true);
    const queue = new TaskQueue();
    queue.reset(200);
    queue.reset(1);
    queue.reset();
    expect(delays).toEqual([5, 1, undefined]);
  });

  test("installing twice changes nothing", () => {
    const { TaskQueue, delays } = fakeTaskQueue();
    shortenAbortWindow(TaskQueue, 5);
    expect(shortenAbortWindow(TaskQueue, 50)).toBe(false);
    new TaskQueue().reset(200);
    expect(delays).toEqual([5]);
  });

  test("the window comes from the kernel's environment; anything unusable leaves tslab's", () => {
    expect(abortWindowFromEnv({ [ABORT_WINDOW_ENV]: "5" })).toBe(5);
    expect(abortWindowFromEnv({ [ABORT_WINDOW_ENV]: "0" })).toBe(0);
    expect(abortWindowFromEnv({})).toBeUndefined();
    expect(abortWindowFromEnv({ [ABORT_WINDOW_ENV]: "" })).toBeUndefined();
    expect(abortWindowFromEnv({ [ABORT_WINDOW_ENV]: "soon" })).toBeUndefined();
    expect(abortWindowFromEnv({ [ABORT_WINDOW_ENV]: "-1" })).toBeUndefined();
  });
});
