import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { step } from "./log.mjs";
import { ROOT } from "./root.mjs";
import { npmRun } from "./run.mjs";
import { isFresh, markFresh, treeFingerprint } from "./freshness.mjs";
import { installNodeModules, pythonEnvironment } from "./steps.mjs";
import { LABEXTENSION_BUILD, pipInstallLabextension, registerCourseKernel } from "./course-env.mjs";

const STATE = join(ROOT, ".gradbook");
const MANIFESTS = ["package.json", "package-lock.json", "labextension/package.json"];

const LIBRARY_INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"];

async function buildLibrary() {
  const stamp = join(STATE, "library-build");
  const fingerprint = treeFingerprint(ROOT, LIBRARY_INPUTS);
  if (existsSync(join(ROOT, "dist", "index.js")) && isFresh(stamp, fingerprint))
    return "up to date";
  await npmRun("build", [], { cwd: ROOT });
  // Taken after the build, which regenerates the WebAssembly module in src/ when it is stale.
  markFresh(stamp, treeFingerprint(ROOT, LIBRARY_INPUTS));
  return "built";
}

function withEnvOnPath(env) {
  return { ...process.env, PATH: `${env.bin}${delimiter}${process.env.PATH ?? ""}` };
}

async function buildLabextension(env) {
  const stamp = join(STATE, "labextension-build");
  // The extension bundles the library's contract (gradbook/protocol) as well as its own code.
  const fingerprint = treeFingerprint(ROOT, [
    "labextension/src",
    "labextension/style",
    "labextension/schema",
    "labextension/package.json",
    "labextension/tsconfig.json",
    "src/protocol",
  ]);
  const output = join(LABEXTENSION_BUILD, "package.json");
  if (existsSync(output) && isFresh(stamp, fingerprint)) return "up to date";
  // jupyter-builder is a Python command of the JupyterLab environment.
  await npmRun("build:labextension", [], { cwd: ROOT, env: withEnvOnPath(env) });
  markFresh(stamp, fingerprint);
  return "built";
}

/**
 * Everything `npm start` and `npm test` need, idempotent and incremental: npm dependencies, the
 * library build, the Python environment with JupyterLab, the tslab kernel, the labextension.
 * Writes .gradbook/env.json so tests find the same environment.
 */
export async function setup() {
  mkdirSync(STATE, { recursive: true });
  await step("npm dependencies", () => installNodeModules(ROOT, MANIFESTS));
  await step("library build (tsc)", buildLibrary);
  const env = await step("Python environment", () => pythonEnvironment(ROOT));
  await step("labextension build", () => buildLabextension(env));
  await step("tslab kernel", () => registerCourseKernel(env));
  await step("labextension install (pip)", () => pipInstallLabextension(env));
  writeFileSync(join(STATE, "env.json"), JSON.stringify(env, null, 2) + "\n");
  return env;
}
