import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { info, step } from "./log.mjs";
import { ROOT } from "./root.mjs";
import { NPM, npmRun, run } from "./run.mjs";
import { isFresh, markFresh, treeFingerprint } from "./freshness.mjs";
import { ensurePythonEnv } from "./python-env.mjs";

const STATE = join(ROOT, ".gradbook");
const LABEXTENSION_NAME = "gradbook-labextension";

function hashOf(...files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex");
}

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
  const dir = join(ROOT, "labextension");
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
  const output = join(dir, "gradbook_labextension", "package.json");
  if (existsSync(output) && isFresh(stamp, fingerprint)) return "up to date";
  // jupyter-builder is a Python command of the JupyterLab environment.
  await npmRun("build:labextension", [], { cwd: ROOT, env: withEnvOnPath(env) });
  markFresh(stamp, fingerprint);
  return "built";
}

// The environment of JupyterLab's kernel, asked of the compiled library so that it is the one
// the runner starts kernels with (a moved script or new settings re-register the kernel):
// NODE_OPTIONS loads the tslab fixes every kernel gradbook starts loads
// (src/preload/tslab-fixes.ts: tslab keeps working when files change around it, and more), with
// a path quoted the way NODE_OPTIONS reads it; GLIBC_TUNABLES holds the malloc settings that keep
// tensor results from paying page faults (src/kernel/malloc-tunables.ts).
function kernelEnv() {
  const load = createRequire(import.meta.url);
  const { preloadScript } = load(join(ROOT, "dist", "kernel", "preload-scripts.js"));
  const { mallocTunables } = load(join(ROOT, "dist", "kernel", "malloc-tunables.js"));
  const script = preloadScript("tslabFixes");
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\``);
  return { NODE_OPTIONS: `--require ${JSON.stringify(script)}`, GLIBC_TUNABLES: mallocTunables() };
}

async function registerKernel(env) {
  const tslab = join(ROOT, "node_modules", ".bin", "tslab");
  const spec = join(env.prefix, "share", "jupyter", "kernels", "tslab", "kernel.json");
  const wanted = kernelEnv();
  const current = existsSync(spec) ? JSON.parse(readFileSync(spec, "utf8")) : {};
  const same = Object.entries(wanted).every(([name, value]) => current.env?.[name] === value);
  if (current.argv?.[0] === tslab && same) {
    return "already registered";
  }
  if (current.argv?.[0] !== tslab) {
    // An absolute binary: with tslab's default the kernel only starts when tslab is on PATH.
    await run(tslab, ["install", `--binary=${tslab}`, `--python=${env.python}`, "--sys-prefix"], {
      cwd: ROOT,
    });
  }
  const installed = JSON.parse(readFileSync(spec, "utf8"));
  installed.env = { ...installed.env, ...wanted };
  writeFileSync(spec, JSON.stringify(installed, null, 1) + "\n");
  return "registered";
}

function installLabextension(env) {
  const built = join(ROOT, "labextension", "gradbook_labextension");
  const target = join(env.prefix, "share", "jupyter", "labextensions", LABEXTENSION_NAME);
  // The built package.json carries a content hash of the bundle, so equal files mean equal builds.
  if (hashOf(join(built, "package.json")) === hashOf(join(target, "package.json")))
    return "already installed";
  // `jupyter labextension develop` refuses a JS-only package; copying the output is what works.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(built, target, { recursive: true });
  return `installed into ${target}`;
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
  await step("labextension install", () => installLabextension(env));
  const described = { ...env, jupyter: join(env.bin, "jupyter") };
  writeFileSync(join(STATE, "env.json"), JSON.stringify(described, null, 2) + "\n");
  return described;
}
