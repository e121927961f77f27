import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { capture, run } from "./run.mjs";
import { info } from "./log.mjs";

/**
 * The pip requirements of environment.yml (the entries under `- pip:`). environment.yml is the
 * one list of Python dependencies; this reads it instead of repeating it.
 */
export function pipRequirements(environmentFile) {
  const lines = readFileSync(environmentFile, "utf8").split("\n");
  const requirements = [];
  let pipIndent = -1;
  for (const line of lines) {
    const content = line.replace(/#.*$/, "").trimEnd();
    if (content.trim() === "") continue;
    const indent = content.length - content.trimStart().length;
    if (/^-\s*pip:\s*$/.test(content.trim())) {
      pipIndent = indent;
      continue;
    }
    if (pipIndent < 0) continue;
    if (indent <= pipIndent) break;
    const item = content.trim().match(/^-\s*(.+)$/);
    if (item) requirements.push(item[1].replace(/^["']|["']$/g, ""));
  }
  if (requirements.length === 0)
    throw new Error(`${environmentFile} lists no pip requirements under "- pip:"`);
  return requirements;
}

// Prints the requirements that the interpreter does not satisfy, one per line.
const CHECK_SCRIPT = `
import sys
from importlib.metadata import version, PackageNotFoundError
from packaging.requirements import Requirement
for line in sys.argv[1:]:
    requirement = Requirement(line)
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        print(line); continue
    if not requirement.specifier.contains(installed, prereleases=True):
        print(line)
`;

/** The requirements `python` lacks, or null when the check itself cannot run. */
async function missingRequirements(python, requirements) {
  const output = await capture(python, ["-c", CHECK_SCRIPT, ...requirements]);
  return output === null ? null : output.split("\n").filter(Boolean);
}

function binOf(prefix) {
  return process.platform === "win32" ? join(prefix, "Scripts") : join(prefix, "bin");
}

function pythonOf(prefix) {
  return join(binOf(prefix), process.platform === "win32" ? "python.exe" : "python");
}

function describe(prefix, source) {
  return { prefix, source, python: pythonOf(prefix), bin: binOf(prefix) };
}

/**
 * Finds or makes the Python environment that runs JupyterLab: GRADBOOK_PYTHON_PREFIX if set,
 * else the active conda/virtual environment when it already satisfies environment.yml, else the
 * project's .venv, created and filled with pip from environment.yml's list when needed.
 */
export async function ensurePythonEnv(root) {
  const requirements = pipRequirements(join(root, "environment.yml"));
  const venv = join(root, ".venv");

  const forced = process.env.GRADBOOK_PYTHON_PREFIX;
  if (forced) return describe(resolve(forced), "GRADBOOK_PYTHON_PREFIX");

  for (const active of [process.env.CONDA_PREFIX, process.env.VIRTUAL_ENV]) {
    if (!active || resolve(active) === venv || !existsSync(pythonOf(active))) continue;
    const missing = await missingRequirements(pythonOf(active), requirements);
    if (missing && missing.length === 0) return describe(resolve(active), "active environment");
    info(
      `the active environment ${active} lacks ${missing?.join(", ") ?? "packaging"}; using .venv`,
    );
  }

  if (!existsSync(pythonOf(venv))) {
    const python = await findSystemPython();
    info(`creating .venv with ${python}`);
    await run(python, ["-m", "venv", venv]);
  }
  const missing = await missingRequirements(pythonOf(venv), requirements);
  if (missing === null || missing.length > 0) {
    info(`installing into .venv: ${(missing ?? requirements).join(" ")}`);
    await run(pythonOf(venv), [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      ...requirements,
    ]);
  }
  return describe(venv, ".venv");
}

async function findSystemPython() {
  for (const candidate of ["python3", "python"]) {
    const output = await capture(candidate, [
      "-c",
      "import sys; print('%d %d' % sys.version_info[:2])",
    ]);
    if (output === null) continue;
    const [major, minor] = output.trim().split(" ").map(Number);
    if (major === 3 && minor >= 10) return candidate;
  }
  throw new Error(
    "no Python 3.10+ found on PATH: install Python 3.11, or create the conda environment " +
      "(conda env create -f environment.yml && conda activate gradbook) and run again",
  );
}
