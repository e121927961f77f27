import { execFile } from "node:child_process";
import * as path from "node:path";
import { ROOT } from "./project-env";

/** What a `gradbook` command printed and how it exited. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

const CLI = path.join(ROOT, "src", "cli", "main.ts");

/**
 * Run the `gradbook` command line from the sources (under tsx) as a child process; resolves with
 * its exit status and output, never rejects. `options` go to execFile (cwd defaults to the
 * repository).
 */
export function runGradbook(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; maxBuffer?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", CLI, ...args],
      { cwd: ROOT, ...options },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
