// Set-up steps shared by the course repository (scripts/lib/setup.mjs) and the students' kit
// (scripts/kit/setup.mjs, copied into every kit by `gradbook kit` with this folder): each is
// idempotent and skips its work when a stamp or the installed files say it is done.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { NPM, run } from "./run.mjs";
import { isFresh, markFresh } from "./freshness.mjs";
import { info } from "./log.mjs";
import { ensurePythonEnv } from "./python-env.mjs";

/** The npm name of the JupyterLab extension, which is also its folder under labextensions/. */
export const LABEXTENSION_NAME = "gradbook-labextension";

/** A hash of the contents of `files` (a missing file counts as empty). */
export function hashOf(...files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex");
}

/**
 * `npm install` in `root` unless the manifests (paths relative to `root`) are unchanged since
 * the last install. `extraArgs` go to npm (the kit prefers its cache: it works offline).
 */
export async function installNodeModules(root, manifests, extraArgs = []) {
  const stamp = join(root, "node_modules", ".gradbook-install");
  const files = manifests.map((file) => join(root, file));
  if (isFresh(stamp, hashOf(...files))) return "up to date";
  await run(NPM, ["install", "--no-audit", "--no-fund", ...extraArgs], { cwd: root });
  // Taken after the install, which rewrites package-lock.json when package.json changed.
  markFresh(stamp, hashOf(...files));
  return "installed";
}

/** The Python environment that runs JupyterLab for the project at `root` (python-env.mjs). */
export async function pythonEnvironment(root) {
  const found = await ensurePythonEnv(root);
  info(`using ${found.source} at ${found.prefix}`);
  return { ...found, jupyter: join(found.bin, "jupyter") };
}

// The environment of JupyterLab's kernel, asked of the compiled library so that it is the one
// the runner starts kernels with (a moved script or new settings re-register the kernel):
// NODE_OPTIONS loads the tslab fixes every kernel gradbook starts loads
// (src/preload/tslab-fixes.ts: tslab keeps working when files change around it, and more), with
// a path quoted the way NODE_OPTIONS reads it; GLIBC_TUNABLES holds the malloc settings that keep
// tensor results from paying page faults (src/kernel/malloc-tunables.ts).
function kernelEnv(gradbookRoot) {
  const load = createRequire(import.meta.url);
  const { preloadScript } = load(join(gradbookRoot, "dist", "kernel", "preload-scripts.js"));
  const { mallocTunables } = load(join(gradbookRoot, "dist", "kernel", "malloc-tunables.js"));
  const script = preloadScript("tslabFixes", gradbookRoot);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\``);
  return { NODE_OPTIONS: `--require ${JSON.stringify(script)}`, GLIBC_TUNABLES: mallocTunables() };
}

/**
 * Register the tslab kernel in the Jupyter data folder `dataDir` (`<env>/share/jupyter`, or a
 * kit's own folder): tslab at `tslab` (an absolute binary, so the kernel starts without tslab on
 * PATH), with the tslab fixes of the gradbook at `gradbookRoot`.
 */
export function registerKernel(dataDir, tslab, gradbookRoot) {
  const spec = join(dataDir, "kernels", "tslab", "kernel.json");
  const wanted = {
    argv: [tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    env: kernelEnv(gradbookRoot),
  };
  const text = JSON.stringify(wanted, null, 1) + "\n";
  if (existsSync(spec) && readFileSync(spec, "utf8") === text) return "already registered";
  mkdirSync(dirname(spec), { recursive: true });
  writeFileSync(spec, text);
  return "registered";
}

/** Install the built extension folder `built` into the Jupyter data folder `dataDir`. */
export function installLabextension(built, dataDir) {
  const target = join(dataDir, "labextensions", LABEXTENSION_NAME);
  // The built package.json carries a content hash of the bundle, so equal files mean equal builds.
  if (hashOf(join(built, "package.json")) === hashOf(join(target, "package.json")))
    return "already installed";
  // `jupyter labextension develop` refuses a JS-only package; copying the output is what works.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(built, target, { recursive: true });
  return `installed into ${target}`;
}
