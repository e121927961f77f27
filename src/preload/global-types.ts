/**
 * Preloaded into every tslab kernel gradbook starts (tslab-fixes.ts). It keeps TypeScript
 * from type-checking every `@types` package that happens to sit in a node_modules folder above
 * the notebook.
 *
 * tslab compiles cells with TypeScript's default type roots and no `types` option, so every
 * package under each `node_modules/@types` is loaded as a global declaration file into every
 * kernel. In this repository that is 45 packages (d3's two dozen, jsdom, react, estree, … all
 * brought by the test and extension tooling); measured on lesson 1, a kernel in notebooks/
 * spent 6.6 s running it against 3.7 s for the grader's kernel, whose runtime copy holds
 * @types/node alone. The course needs one global package, Node's; types of a package a cell
 * imports are still found, since module resolution looks in `@types/<name>` by itself.
 *
 * TypeScript lists a type root's packages through `sys.getDirectories` (tslab's `sys` inherits
 * it from `ts.sys`), and nothing else lists an `@types` folder, so filtering that listing is the
 * whole change.
 */
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";

/** The global type packages a kernel loads by itself. */
export const GLOBAL_TYPE_PACKAGES: readonly string[] = ["node"];

const INSTALLED = Symbol.for("gradbook.tslabGlobalTypes");

/**
 * Make `sys.getDirectories` list only GLOBAL_TYPE_PACKAGES inside folders named `@types`;
 * returns false when it was already installed.
 */
export function limitGlobalTypes(sys: TS.System): boolean {
  const marked = sys as TS.System & { [INSTALLED]?: true };
  if (marked[INSTALLED]) {
    return false;
  }
  const getDirectories = sys.getDirectories.bind(sys);
  sys.getDirectories = (directory: string): string[] => {
    const entries = getDirectories(directory);
    if (path.basename(directory) !== "@types") {
      return entries;
    }
    return entries.filter((entry) => GLOBAL_TYPE_PACKAGES.includes(path.basename(entry)));
  };
  Object.defineProperty(sys, INSTALLED, { value: true });
  return true;
}
