import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root (tests live in test/). */
export const ROOT = resolve(__dirname, "..", "..");

/** What `npm run setup` found or made: the Python environment that runs JupyterLab. */
export interface ProjectEnv {
  prefix: string;
  python: string;
  bin: string;
  jupyter: string;
}

/** Reads .gradbook/env.json, written by the set-up that `npm test` runs first. */
export function projectEnv(): ProjectEnv {
  const file = join(ROOT, ".gradbook", "env.json");
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run setup\` (or \`npm test\`) first`);
  return JSON.parse(readFileSync(file, "utf8")) as ProjectEnv;
}
