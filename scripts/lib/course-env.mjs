// What a Python environment needs to run the course's notebooks: the tslab kernel registered in
// it, and the JupyterLab extension pip-installed into it (with its settings defaults). The set-up
// does this for the environment `npm start` uses; the same functions serve any other JupyterLab 4
// environment, such as a JupyterHub's single-user environment (docs/deploy.md).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { ROOT } from "./root.mjs";
import { run } from "./run.mjs";
import { hashOf, LABEXTENSION_NAME, registerKernel } from "./steps.mjs";

/** The extension's Python package: its sources and, once built, its assets. */
export const LABEXTENSION_DIR = join(ROOT, "labextension");

/** The built assets (labextension/package.json's jupyterlab.outputDir). */
export const LABEXTENSION_BUILD = join(LABEXTENSION_DIR, "gradbook_labextension", "labextension");

function hashText(text) {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Registers the tslab kernel in the environment `env` ({ prefix, python }): an absolute tslab
 * binary with gradbook's kernel fixes and malloc settings (steps.mjs `registerKernel`).
 */
export function registerCourseKernel(env) {
  const tslab = join(ROOT, "node_modules", ".bin", "tslab");
  return registerKernel(join(env.prefix, "share", "jupyter"), tslab, ROOT);
}

// What pip installs from labextension/: the built bundle (its package.json carries a content hash
// of the bundle, so equal files mean equal builds) and the package's own files.
const PACKAGE_INPUTS = [
  join(LABEXTENSION_BUILD, "package.json"),
  join(LABEXTENSION_DIR, "pyproject.toml"),
  join(LABEXTENSION_DIR, "install.json"),
  join(LABEXTENSION_DIR, "jupyter-settings", `${LABEXTENSION_NAME}.json`),
];

/** Where pip puts the extension in `env`, and the marks that it did. */
function installedFiles(env) {
  const target = join(env.prefix, "share", "jupyter", "labextensions", LABEXTENSION_NAME);
  return {
    target,
    packageJson: join(target, "package.json"),
    installJson: join(target, "install.json"),
    // In the project, not in the environment: pip would not remove it on uninstall.
    stamp: join(ROOT, ".gradbook", `labextension-pip-${hashText(env.prefix).slice(0, 16)}`),
  };
}

/**
 * Installs the built extension into `env` ({ prefix, python }) the way a JupyterHub
 * administrator would, `pip install ./labextension`, so `jupyter labextension list` shows it as
 * installed by pip; does nothing when the same build is installed. The environment needs
 * hatchling (environment.yml lists it): without build isolation pip neither downloads it nor
 * copies the tree, and a reinstall takes about two seconds.
 */
export async function pipInstallLabextension(env) {
  if (!existsSync(join(LABEXTENSION_BUILD, "package.json")))
    throw new Error(`${LABEXTENSION_BUILD} is missing: run \`npm run build:labextension\``);
  const files = installedFiles(env);
  const fingerprint = hashOf(...PACKAGE_INPUTS);
  const stamped = existsSync(files.stamp) ? readFileSync(files.stamp, "utf8") : "";
  if (stamped === fingerprint && existsSync(files.packageJson) && existsSync(files.installJson))
    return "already installed";
  // A folder without install.json was copied there by an older set-up: pip does not own it, and
  // would leave its stale bundle files next to the new ones.
  if (existsSync(files.target) && !existsSync(files.installJson))
    rmSync(files.target, { recursive: true, force: true });
  await run(
    env.python,
    [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "--no-deps",
      "--no-build-isolation",
      "--force-reinstall",
      LABEXTENSION_DIR,
    ],
    { cwd: ROOT },
  );
  mkdirSync(dirname(files.stamp), { recursive: true });
  writeFileSync(files.stamp, fingerprint);
  return `pip-installed into ${env.prefix}`;
}

/** The kernel and the extension in `env`: everything a JupyterLab 4 environment needs. */
export async function prepareCourseEnv(env) {
  return [registerCourseKernel(env), await pipInstallLabextension(env)].join(", ");
}
