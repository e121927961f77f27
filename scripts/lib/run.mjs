import { spawn } from "node:child_process";

/** The npm command of this platform. */
export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * Runs a command with inherited output and resolves when it succeeds. The error names the
 * command and its exit status, so a failed set-up step says what to re-run by hand.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", (error) => reject(new Error(`could not start ${command}: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `\`${[command, ...args].join(" ")}\` failed (${signal ?? `exit code ${code}`})`,
          ),
        );
    });
  });
}

/** Runs a command and returns its stdout, or null when it cannot run or fails. */
export function capture(command, args, options = {}) {
  return new Promise((resolve) => {
    let stdout = "";
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"], ...options });
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("error", () => resolve(null));
    child.on("exit", (code) => resolve(code === 0 ? stdout : null));
  });
}

/**
 * Runs the package.json script `name` (`npm run name -- ...args`), so that every job (build,
 * typecheck, lint, a test suite) is defined once, in package.json, whoever starts it.
 */
export function npmRun(name, args = [], options = {}) {
  return run(NPM, ["run", name, ...(args.length > 0 ? ["--", ...args] : [])], options);
}
