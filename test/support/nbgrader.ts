import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { ROOT, projectEnv } from "./project-env";

/**
 * The copy of nbgrader 0.9.5 the interoperability tests run (its Python package and a setup.sh
 * that makes an environment for it). It is not part of the repository: a checkout finds it
 * beside itself, at `../shared/tools/nbgrader`, or wherever GRADBOOK_NBGRADER says.
 */
export const NBGRADER_ENV = "GRADBOOK_NBGRADER";

/** Where the copy was found, or every place looked at when it was not. */
export type NbgraderCopy = { found: true; dir: string } | { found: false; looked: string[] };

// The repository's root and, for a git worktree, the main checkout's: `../shared` sits beside
// the clone, not beside each worktree.
function checkoutRoots(): string[] {
  const roots = [ROOT];
  try {
    const common = execFileSync(
      "git",
      ["rev-parse", "--path-format=absolute", "--git-common-dir"],
      {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    ).trim();
    roots.push(dirname(common));
  } catch {
    // Not a git checkout (an unpacked archive): its own root is all there is.
  }
  return [...new Set(roots)];
}

/** Find nbgrader's copy (see NBGRADER_ENV): the first candidate that has setup.sh. */
export function findNbgrader(): NbgraderCopy {
  const fromEnv = process.env[NBGRADER_ENV];
  const candidates = fromEnv
    ? [resolve(fromEnv)]
    : checkoutRoots().map((root) => resolve(root, "..", "shared", "tools", "nbgrader"));
  const dir = candidates.find((candidate) => existsSync(join(candidate, "setup.sh")));
  return dir === undefined ? { found: false, looked: candidates } : { found: true, dir };
}

/** nbgrader's command and the environment it runs in, ready for a course directory. */
export interface NbgraderRunner {
  python: string;
  /** Run `nbgrader <args>` in `cwd`; resolves with its output, rejects on a non-zero exit. */
  nbgrader(cwd: string, ...args: string[]): Promise<string>;
  /** Run a Python script with nbgrader's environment. */
  script(cwd: string, file: string, ...args: string[]): Promise<string>;
}

function runProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<string>((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) =>
      code === 0
        ? done(output)
        : fail(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * nbgrader's Python environment, made once by its setup.sh and kept in
 * `.gradbook/nbgrader-venv-<hash of setup.sh>` (an older one is removed), with the tslab kernel
 * that `npm run setup` registered on its Jupyter path.
 */
export async function nbgraderRunner(copyDir: string): Promise<NbgraderRunner> {
  const setup = join(copyDir, "setup.sh");
  const hash = createHash("sha256").update(readFileSync(setup)).digest("hex").slice(0, 12);
  const state = join(ROOT, ".gradbook");
  const venv = join(state, `nbgrader-venv-${hash}`);
  const ready = join(venv, ".gradbook-ready");
  if (!existsSync(ready)) {
    for (const old of readdirSync(state).filter((name) => name.startsWith("nbgrader-venv-")))
      if (old !== `nbgrader-venv-${hash}`)
        rmSync(join(state, old), { recursive: true, force: true });
    await runProcess("bash", [setup, venv], ROOT, { ...process.env, PIP_RETRIES: "0" });
    writeFileSync(ready, `${hash}\n`);
  }
  const bin = join(venv, "bin");
  const env = {
    ...process.env,
    // nbgrader runs alembic from its environment; the kernel is the project's registered tslab.
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    JUPYTER_PATH: join(projectEnv().prefix, "share", "jupyter"),
  };
  const python = join(bin, "python");
  return {
    python,
    nbgrader: (cwd, ...args) => runProcess(join(bin, "nbgrader"), args, cwd, env),
    script: (cwd, file, ...args) => runProcess(python, [file, ...args], cwd, env),
  };
}
