/**
 * How a test cell sees the names the notebook defined, while an exercise with off-limits
 * functions is tested (off-limits.ts). tslab compiles a name that an earlier cell declared
 * into a read of the shared `exports` object; during such a test the cell gets a view of that
 * object in which every function is wrapped in a proxy whose traps are the two functions
 * below. A call through the view therefore always leaves a frame of this file between the
 * test and the function, even when the function has no frame of its own: a student who
 * defines `const softmaxRows = gb.softmax` (or a bound function, or a proxy of it) reaches the
 * library from `studentCall`, never straight from the test (call-path.ts).
 *
 * Test cells declare their own names as locals (tslab reads only earlier cells' names through
 * `exports`), and functions of read-only cells are declared again inside each test cell that
 * uses them (src/grader/sandbox/test-cell.ts), so what the view wraps is what earlier student
 * and read-only cells left: data passes through unchanged, functions are treated as student
 * code.
 */

const views = new WeakMap<object, object>();
const wrapped = new WeakMap<object, unknown>();

/** Wrap a function a student call returned, so the test's next call goes through here too. */
function studentResult(value: unknown): unknown {
  return typeof value === "function" ? studentFunction(value) : value;
}

function studentCall(target: (...args: unknown[]) => unknown, thisArg: unknown, args: unknown[]) {
  return studentResult(Reflect.apply(target, thisArg, args));
}

function studentConstruct(
  target: new (...args: unknown[]) => object,
  args: unknown[],
  newTarget: unknown,
): object {
  const constructor = newTarget === wrapped.get(target) ? target : newTarget;
  return Reflect.construct(target, args, constructor as typeof target);
}

const HANDLER: ProxyHandler<(...args: unknown[]) => unknown> = Object.freeze({
  apply: studentCall,
  construct: studentConstruct as unknown as ProxyHandler<object>["construct"],
});

/** The names of the functions that run student code for a test (see the file comment). */
export const MEMBRANE_FUNCTIONS: ReadonlySet<string> = new Set([
  studentCall.name,
  studentConstruct.name,
]);

/** `fn` as test cells see it during a guarded test (one proxy per function). */
export function studentFunction(fn: object): unknown {
  const known = wrapped.get(fn);
  if (known !== undefined) {
    return known;
  }
  const proxy = new Proxy(fn as (...args: unknown[]) => unknown, HANDLER);
  wrapped.set(fn, proxy);
  wrapped.set(proxy, proxy);
  return proxy;
}

/** The view of tslab's `exports` that a guarded test cell gets (see the file comment). */
export function studentExports(exports: object): object {
  const known = views.get(exports);
  if (known !== undefined) {
    return known;
  }
  const view = new Proxy(exports, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? studentFunction(value) : value;
    },
  });
  views.set(exports, view);
  return view;
}
