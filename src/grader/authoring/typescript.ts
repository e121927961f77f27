/**
 * The TypeScript compiler that tslab compiles cells with, loaded through tslab's own dependency,
 * so that gradbook parses a cell (to stub solutions, to analyse test cells) exactly as the
 * kernel will compile it.
 */
import * as Module from "node:module";
import type * as TypeScript from "@tslab/typescript-for-tslab";

/** tslab's TypeScript compiler API. */
export const ts: typeof TypeScript = Module.createRequire(require.resolve("tslab/package.json"))(
  "@tslab/typescript-for-tslab",
) as typeof TypeScript;
