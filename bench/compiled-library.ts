/**
 * Imported first by bench/run.ts: every module of the library that the harness or a workload
 * imports from `src/` (for its types) is loaded from the compiled `dist/` instead, which is what
 * notebooks and users run. Run under tsx, the sources were timed as esbuild compiles them, where
 * every call into another module goes through accessor exports: measured 4× slower per call
 * for small ops (add on [4]: 837 ns against 200 ns; matmul 2×2: 4 µs against 1 µs), which
 * the benchmark would have charged to the library. scripts/bench.mjs builds dist/ first.
 */
import { existsSync } from "node:fs";
import Module from "node:module";
import { join, sep } from "node:path";

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

const root = join(__dirname, "..");
const sources = join(root, "src") + sep;
const compiled = join(root, "dist") + sep;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;

loader._resolveFilename = function (request, parent, isMain, options) {
  const resolved = resolve.call(this, request, parent, isMain, options);
  if (!resolved.startsWith(sources) || !resolved.endsWith(".ts")) return resolved;
  const target = compiled + resolved.slice(sources.length).replace(/\.ts$/, ".js");
  if (!existsSync(target)) {
    throw new Error(`${target} is missing: build the library first (npm run build)`);
  }
  return target;
};
