import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runNotebookFile } from "../../src/kernel/run-notebook";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";
import { ROOT } from "../support/project-env";

const NOTEBOOKS = join(ROOT, "notebooks");

/**
 * Every notebook a student or instructor opens must run clean. Student versions under
 * release/ stop at their first "not implemented" stub by design; the grader tests cover them.
 */
function courseNotebooks(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory())
      return entry === "release" || entry.startsWith(".") ? [] : courseNotebooks(path);
    return entry.endsWith(".ipynb") ? [path] : [];
  });
}

describe("course notebooks run clean in the tslab kernel", () => {
  const notebooks = courseNotebooks(NOTEBOOKS);

  it("finds the course notebooks", () => {
    expect(notebooks.map((file) => relative(NOTEBOOKS, file))).toContain("00-welcome.ipynb");
  });

  for (const file of notebooks) {
    it(relative(NOTEBOOKS, file), async () => {
      const report = await runNotebookFile(file, {
        timeoutMs: CELL_MS,
        kernel: { startTimeoutMs: KERNEL_START_MS },
      });
      const failures = report.failures.map(
        (failure) => `cell ${failure.cellIndex} (${failure.status}): ${failure.errorText}`,
      );
      expect(failures).toEqual([]);
      expect(report.ok).toBe(true);
    });
  }
});
