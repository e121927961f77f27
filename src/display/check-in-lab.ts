/**
 * The kernel side of JupyterLab's "Check notebook" (src/protocol/check-query.ts): runs
 * `gradbook check --json` as a child process, the same command a student types, and publishes
 * its report as one MIME.check bundle. A child process rather than a call: the grader is
 * host-side code the library never imports, and the check starts its own fresh kernel anyway.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { type CheckBundle, MIME, SCHEMA_VERSION } from "../protocol";
import { displayOrPrint } from "./mime-output";

/** The CLI of this build of gradbook: dist/cli/main.js beside dist/display. */
const CLI = path.join(__dirname, "..", "cli", "main.js");

/** Long enough for a lesson's tests under the grader's 30 s per-cell limit on a busy machine. */
const CHECK_TIMEOUT_MS = 15 * 60_000;

function runCheck(file: string): Promise<CheckBundle> {
  // The kernel's own preloads (NODE_OPTIONS) belong to it, not to the command it starts.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, "check", "--json", file],
      { env, timeout: CHECK_TIMEOUT_MS, maxBuffer: 64 * 1024 ** 2 },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as CheckBundle);
        } catch {
          const why = stderr.trim() || error?.message || "it printed no report";
          reject(new Error(`checkInLab: gradbook check ${file} failed: ${why}`));
        }
      },
    );
  });
}

/**
 * Checks `file` (relative to the kernel's folder) as `gradbook check` does and publishes the
 * report (see the file comment). A check that cannot run at all publishes a report whose one
 * warning says why, so the extension always has an answer to show.
 */
export async function checkInLab(file: string): Promise<void> {
  let bundle: CheckBundle;
  try {
    bundle = await runCheck(file);
  } catch (error) {
    const reason = (error as Error).message;
    bundle = {
      version: SCHEMA_VERSION,
      file,
      tests: [],
      warnings: [reason],
      total: 0,
      max: 0,
      text: reason,
    };
  }
  displayOrPrint({ "text/plain": bundle.text, [MIME.check]: bundle });
}
