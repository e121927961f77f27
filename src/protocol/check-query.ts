/**
 * "Check notebook" in JupyterLab: the extension saves the notebook, starts a throwaway tslab
 * kernel in the notebook's folder and runs `checkQueryCode(file)` there. That code loads
 * `gradbook/internal`, whose `checkInLab` runs `gradbook check --json` on the file (a fresh
 * sandboxed kernel, exactly as on the command line) and answers with one `CheckBundle`
 * (MIME.check) as display_data. The student's own kernel is never touched.
 */

/** The kernel-side function the check query calls (exported by `gradbook/internal`). */
export const CHECK_FUNCTION = "checkInLab";

/** One visible test of a checked notebook. */
export interface CheckedTest {
  gradeId: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** "passed", "partial credit", "failed", "timed out", … */
  status: string;
  /** Why it failed, and the partial-credit messages: lines to show under the test. */
  details: string[];
}

/** `application/vnd.gradbook.check+json`: what `gradbook check --json` prints. */
export interface CheckBundle {
  version: number;
  /** The notebook as it was named to the check. */
  file: string;
  tests: CheckedTest[];
  /** Cells that could not run, and test cells changed since they were handed out. */
  warnings: string[];
  total: number;
  max: number;
  /** The report as `gradbook check` prints it. */
  text: string;
}

/** The code that checks `file` (a path relative to the kernel's folder) in a helper kernel. */
export function checkQueryCode(file: string): string {
  return `await require("gradbook/internal").${CHECK_FUNCTION}(${JSON.stringify(file)});`;
}
