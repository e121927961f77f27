/**
 * The source of a function that a test cell defines cannot be read from a graded cell:
 * `Function.prototype.toString` answers `function name() { [test code] }` for it. A test that
 * hands one of its functions to student code (a callback, a loss to minimize) would otherwise
 * hand over its text, hidden tests included.
 *
 * Test cells carry a marker that the grader makes for each batch and passes to the guard alone
 * (GuardConfig.testMarker, src/grader/sandbox/test-cell.ts); every script tslab runs goes
 * through `vm.runInThisContext`, where the scripts carrying it are remembered. A function's
 * source text is a slice of its script, so a function whose text occurs in one of them is a
 * test's. Installed before SES's lockdown, which then freezes Function.prototype with this
 * toString in place (Node's own printing uses the original, captured at start).
 */
import { createRequire } from "node:module";

type RunInThisContext = (code: unknown, options?: unknown) => unknown;

/** What a test function's source reads as. */
export function hiddenSource(name: string): string {
  return `function ${name}() { [test code] }`;
}

/** Install the hiding for test cells marked with `marker` (see the file comment). */
export function hideTestSources(marker: string): void {
  const vm = createRequire(__filename)("node:vm") as { runInThisContext: RunInThisContext };
  const testScripts: string[] = [];
  const run = vm.runInThisContext;
  vm.runInThisContext = function runInThisContext(code: unknown, options?: unknown): unknown {
    if (typeof code === "string" && code.includes(marker)) {
      testScripts.push(code);
    }
    return run(code, options);
  };
  const nativeToString = Function.prototype.toString;
  Object.defineProperty(Function.prototype, "toString", {
    value: function toString(this: unknown): string {
      const text = Reflect.apply(nativeToString, this, []) as string;
      const fromTest = testScripts.some((script) => script.includes(text));
      return fromTest ? hiddenSource((this as { name?: string }).name ?? "") : text;
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
