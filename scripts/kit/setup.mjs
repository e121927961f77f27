#!/usr/bin/env node
// The set-up of a students' kit: what `npm start` and `npm test` do first there. `gradbook kit`
// copies this folder and scripts/lib into every kit; the steps are the repository's own
// (scripts/lib/steps.mjs). Nothing is built: gradbook comes packed in vendor/, its extension
// prebuilt. The kernel spec and the extension go into the kit's own Jupyter folder
// (.gradbook/jupyter, found through JUPYTER_PATH), so the Python environment, which may be
// shared, only gets its pip packages.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { info, step, totalElapsed } from "../lib/log.mjs";
import { ROOT } from "../lib/root.mjs";
import {
  LABEXTENSION_NAME,
  installLabextension,
  installNodeModules,
  pythonEnvironment,
  registerKernel,
} from "../lib/steps.mjs";

/** The kit's own Jupyter data folder (kernel spec, extension). */
export const JUPYTER_DATA = join(ROOT, ".gradbook", "jupyter");

/** The npm packages of the kit: gradbook from vendor/, tslab, from npm's cache when it can. */
export function installPackages() {
  return step("npm dependencies", () =>
    installNodeModules(ROOT, ["package.json", "package-lock.json"], ["--prefer-offline"]),
  );
}

/** Everything `npm start` needs; resolves with the Python environment that runs JupyterLab. */
export async function setupKit() {
  await installPackages();
  const env = await step("Python environment", () => pythonEnvironment(ROOT));
  const tslab = join(ROOT, "node_modules", ".bin", "tslab");
  const gradbook = join(ROOT, "node_modules", "gradbook");
  await step("tslab kernel", () => registerKernel(JUPYTER_DATA, tslab, gradbook));
  const built = join(ROOT, "vendor", LABEXTENSION_NAME);
  await step("labextension install", () => installLabextension(built, JUPYTER_DATA));
  return env;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  setupKit().then(
    () => info(`set-up complete in ${totalElapsed()}`),
    (error) => {
      info(`set-up failed: ${error.message}`);
      process.exit(1);
    },
  );
}
