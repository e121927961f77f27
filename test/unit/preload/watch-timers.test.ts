import { describe, expect, test } from "vitest";
import type * as TS from "@tslab/typescript-for-tslab";
import { routeWatchTimers } from "../../../src/preload/watch-timers";

type Callback = (...args: unknown[]) => void;

// A stand-in for ts.sys and for tslab's converter `sys` (Object.create(ts.sys) with a single
// timer slot that throws when a second timer is asked for, as tslab 1.0 does).
function fakeSystems(): {
  base: TS.System;
  tslab: TS.System;
  slot: () => Callback | undefined;
} {
  const nodeSetTimeout = (() => "node timer") as unknown as TS.System["setTimeout"];
  const base = { setTimeout: nodeSetTimeout, clearTimeout: () => {} } as unknown as TS.System;
  routeWatchTimers(base);
  const tslab = Object.create(base) as TS.System;
  let pending: Callback | undefined;
  tslab.setTimeout = (callback: Callback) => {
    if (pending) throw new Error("Unexpected pending rebuildTimer");
    pending = callback;
    return pending;
  };
  tslab.clearTimeout = (handle: unknown) => {
    if (handle !== pending) throw new Error("clearing unexpected timer");
    pending = undefined;
  };
  return { base, tslab, slot: () => pending };
}

describe("routeWatchTimers (tslab's single timer slot)", () => {
  test("program updates go to tslab's slot; failed-lookup invalidations to a real timer", async () => {
    const { tslab, slot } = fakeSystems();
    const setTimer = tslab.setTimeout!;
    const clearTimer = tslab.clearTimeout!;
    function updateProgramWithWatchStatus(): void {}
    let invalidated = 0;
    function invalidateResolutionsOfFailedLookup(): void {
      invalidated += 1;
    }
    const update = setTimer(updateProgramWithWatchStatus, 250);
    expect(slot()).toBe(updateProgramWithWatchStatus);
    // A directory change while the update is pending: tslab alone would throw here.
    const invalidation = setTimer(invalidateResolutionsOfFailedLookup, 5);
    expect(slot()).toBe(updateProgramWithWatchStatus);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(invalidated).toBe(1);
    // Each handle is cleared where it lives.
    const second = setTimer(invalidateResolutionsOfFailedLookup, 5);
    clearTimer(second);
    clearTimer(update);
    expect(slot()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(invalidated).toBe(1);
    expect(invalidation).not.toBe(update);
  });

  test("ts.sys itself keeps Node's timers, and a second install changes nothing", () => {
    const { base } = fakeSystems();
    expect((base.setTimeout as unknown as () => string)()).toBe("node timer");
    expect(routeWatchTimers(base)).toBe(false);
  });
});
