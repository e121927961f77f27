/**
 * Preloaded into every tslab kernel that gradbook starts (`node --require …/watch-timers.js`:
 * the grader's kernels, `gradbook run`, and JupyterLab's through NODE_OPTIONS in the kernelspec).
 * It keeps a kernel alive when files change on disk around it.
 *
 * tslab 1.0 compiles cells with a TypeScript watch program whose timers it replaces by a single
 * slot, fired synchronously when the next cell is converted, and it throws "Unexpected pending
 * rebuildTimer" when a second timer is asked for while one is pending. TypeScript asks for two
 * kinds: a program update (after an edit of a watched file, and for every cell) and an
 * invalidation of failed module lookups (after a change in a watched directory: a folder created
 * or deleted next to the notebook, a package installed). A directory change while an update is
 * pending killed the kernel (seen starting kernels while a test suite created and removed
 * folders); one while the kernel is idle left the invalidation in the slot, and every later
 * cell then failed with that error.
 *
 * The fix: the invalidation runs on a real timer, so the slot only ever holds program updates,
 * which TypeScript itself cancels before asking for the next one. tslab's `sys` is
 * `Object.create(ts.sys)` with its own `setTimeout`; an accessor on `ts.sys` receives that
 * assignment and hands back a function that routes by timer.
 */
import type * as TS from "@tslab/typescript-for-tslab";

type Callback = (...args: unknown[]) => void;
type SetTimer = (callback: Callback, ms: number, ...args: unknown[]) => unknown;
type ClearTimer = (handle: unknown) => void;

/** The watch-program callback that TypeScript schedules after a watched directory changes. */
const FAILED_LOOKUP_INVALIDATION = "invalidateResolutionsOfFailedLookup";

const INSTALLED = Symbol.for("gradbook.tslabWatchTimers");

/**
 * Make `key` of `base` an accessor: an object inheriting from `base` that assigns its own
 * function there reads back `wrap(assigned)`; `base` itself reads and writes a plain value.
 */
function wrapInheritedAssignments<F>(base: object, key: string, wrap: (assigned: F) => F): void {
  let own = (base as Record<string, unknown>)[key] as F | undefined;
  const assigned = new WeakMap<object, F>();
  Object.defineProperty(base, key, {
    configurable: true,
    enumerable: true,
    get(this: object): F | undefined {
      const value = assigned.get(this);
      return value === undefined ? own : wrap(value);
    },
    set(this: object, value: F) {
      if (this === base) {
        own = value;
      } else {
        assigned.set(this, value);
      }
    },
  });
}

/**
 * Install the routing on `sys` (TypeScript's `ts.sys`); returns false when it was already there.
 * Objects that inherit from `sys` and assign their own `setTimeout`/`clearTimeout` (tslab's
 * converter) get the routed versions; `sys` itself keeps Node's timers.
 */
export function routeWatchTimers(sys: TS.System): boolean {
  const marked = sys as TS.System & { [INSTALLED]?: true };
  if (marked[INSTALLED]) {
    return false;
  }
  const realTimers = new WeakSet<object>();
  wrapInheritedAssignments<SetTimer>(sys, "setTimeout", (single) => (callback, ms, ...args) => {
    if (callback.name !== FAILED_LOOKUP_INVALIDATION) {
      return single(callback, ms, ...args);
    }
    const timer = setTimeout(callback, ms, ...args);
    timer.unref();
    realTimers.add(timer);
    return timer;
  });
  wrapInheritedAssignments<ClearTimer>(sys, "clearTimeout", (single) => (handle) => {
    if (typeof handle === "object" && handle !== null && realTimers.has(handle)) {
      clearTimeout(handle as NodeJS.Timeout);
    } else {
      single(handle);
    }
  });
  Object.defineProperty(sys, INSTALLED, { value: true });
  return true;
}
