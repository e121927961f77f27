/**
 * What every tslab kernel gradbook starts loads first (`node --require …/kernel-preload.js`;
 * JupyterLab's kernel gets it through NODE_OPTIONS in the kernelspec that setup writes). It
 * patches tslab's own TypeScript before tslab creates its compiler (see watch-timers.ts).
 */
import { createRequire } from "node:module";
import type * as TS from "@tslab/typescript-for-tslab";
import { routeWatchTimers } from "./watch-timers";

/** The TypeScript that tslab itself loads (its own dependency, wherever npm placed it). */
function tslabTypeScript(): typeof TS {
  const fromTslab = createRequire(require.resolve("tslab/package.json"));
  return fromTslab("@tslab/typescript-for-tslab") as typeof TS;
}

routeWatchTimers(tslabTypeScript().sys);
