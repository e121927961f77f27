import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { info, step } from "./log.mjs";
import { ROOT } from "./root.mjs";
import { NPM, npmRun, run } from "./run.mjs";
import { isFresh, markFresh, treeFingerprint } from "./freshness.mjs";
import { ensurePythonEnv } from "./python-env.mjs";
import { hashOf, installLabextension, LABEXTENSION_BUILD, registerKernel } from "./course-env.mjs";

const STATE = join(ROOT, ".gradbook");

const MANIFESTS = ["package.json", "package-lock.json", "labextension/package.json"];

async function installNodeModules() {
  const stamp = join(ROOT, "node_modules", ".gradbook-install");
  const manifests = MANIFESTS.map((file) => join(ROOT, file));
  if (isFresh(stamp, hashOf(...manifests))) return "up to date";
  await run(NPM, ["install", "--no-audit", "--no-fund"], { cwd: ROOT });
  // Taken after the install, which rewrites package-lock.json when package.json changed.
  markFresh(stamp, hashOf(...manifests));
  return "installed";
}

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
  await step("npm dependencies", installNodeModules);
  await step("library build (tsc)", buildLibrary);
  const env = await step("Python environment", async () => {
    const found = await ensurePythonEnv(ROOT);
    info(`using ${found.source} at ${found.prefix}`);
    return found;
  });
  await step("labextension build", () => buildLabextension(env));
  await step("tslab kernel", () => registerKernel(env));
  await step("labextension install (pip)", () => installLabextension(env));
  const described = { ...env, jupyter: join(env.bin, "jupyter") };
  writeFileSync(join(STATE, "env.json"), JSON.stringify(described, null, 2) + "\n");
  return described;
}
