// runNotebook against a real tslab kernel: what lands in the notebook, what the report says,
// and how a run survives a dying kernel.
import { describe, expect, test } from "vitest";
import type { Cell, CodeCell, Notebook } from "../../src/notebook";
import { MAX_RESTARTS, runNotebook, type CellProgress } from "../../src/kernel/run-notebook";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";

function notebookOf(...sources: string[]): Notebook {
  const cells: Cell[] = sources.map((source, index) =>
    source.startsWith("# ")
      ? { cell_type: "markdown", id: `md-${index}`, source, metadata: {} }
      : {
          cell_type: "code",
          id: `code-${index}`,
          source,
          metadata: {},
          outputs: [{ output_type: "stream", name: "stdout", text: "stale output\n" }],
          execution_count: 99,
        },
  );
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "tslab" } }, cells };
}

function stdout(cell: Cell): string {
  return (cell as CodeCell).outputs
    .map((output) => (output.output_type === "stream" ? String(output.text) : ""))
    .join("");
}

describe("runNotebook", () => {
  test("fills outputs and counts, skips empty cells, stops at the first error", async () => {
    const input = notebookOf(
      "# Title",
      'const m: number = 3;\nconsole.log("m", m);',
      "   ",
      "m * m",
      'throw new Error("stop here");',
      'console.log("not reached");',
    );
    const snapshot = structuredClone(input);
    const events: string[] = [];
    const report = await runNotebook(input, {
      cwd: __dirname,
      kernel: { startTimeoutMs: KERNEL_START_MS },
      onProgress: (event: CellProgress) =>
        events.push(`${event.phase} ${event.cellIndex} ${event.position}/${event.total}`),
    });
    expect(input).toEqual(snapshot);
    expect(report.cells.map((cell) => [cell.cellIndex, cell.status])).toEqual([
      [1, "ok"],
      [3, "ok"],
      [4, "error"],
    ]);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0].errorText).toContain("Error: stop here");
    expect(report.notRun).toEqual([5]);
    expect(report.ok).toBe(false);
    expect(events).toEqual([
      "start 1 1/4",
      "done 1 1/4",
      "start 3 2/4",
      "done 3 2/4",
      "start 4 3/4",
      "done 4 3/4",
    ]);
    const cells = report.notebook.cells;
    expect(stdout(cells[1])).toBe("m 3\n");
    expect((cells[3] as CodeCell).outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: 2,
        data: { "text/plain": "9" },
        metadata: {},
      },
    ]);
    expect((cells[4] as CodeCell).outputs).toEqual([
      {
        output_type: "error",
        ename: "Error",
        evalue: "stop here",
        traceback: expect.arrayContaining(["Error: stop here"]),
      },
    ]);
    expect(cells.map((cell) => (cell as CodeCell).execution_count)).toEqual([
      undefined,
      1,
      null,
      2,
      3,
      null,
    ]);
    expect((cells[2] as CodeCell).outputs).toEqual([]);
    expect((cells[5] as CodeCell).outputs).toEqual([]);
    expect(report.notebook.metadata.language_info).toMatchObject({ name: "typescript" });
    expect(report.notebook.metadata.kernelspec).toEqual({ name: "tslab" });
  });

  test("restartOnDeath replays the cells that succeeded and goes on after the fatal one", async () => {
    const input = notebookOf(
      "const base: number = 40;",
      "throw new Error('a plain error');",
      "process.exit(3);",
      "console.log(base + 2);",
    );
    const report = await runNotebook(input, {
      cwd: __dirname,
      kernel: { startTimeoutMs: KERNEL_START_MS },
      allowErrors: true,
      restartOnDeath: true,
    });
    expect(report.cells.map((cell) => cell.status)).toEqual(["ok", "error", "died", "ok"]);
    expect(report.cells[2].errorText).toBe("kernel died: exit code 3");
    expect(report.restarts).toBe(1);
    expect(stdout(report.notebook.cells[3])).toBe("42\n");
    expect(report.notRun).toEqual([]);
    expect(report.ok).toBe(false);
  });

  test("the kernel is restarted at most MAX_RESTARTS times: one more death ends the run", async () => {
    const input = notebookOf(
      "const base: number = 40;",
      ...Array.from({ length: MAX_RESTARTS + 2 }, (_, i) => `process.exit(${i + 1});`),
      "console.log(base + 2);",
    );
    const report = await runNotebook(input, {
      cwd: __dirname,
      kernel: { startTimeoutMs: KERNEL_START_MS },
      allowErrors: true,
      restartOnDeath: true,
    });
    expect(report.restarts).toBe(MAX_RESTARTS);
    expect(report.cells.map((cell) => cell.status)).toEqual([
      "ok",
      ...Array.from({ length: MAX_RESTARTS + 1 }, () => "died"),
    ]);
    expect(report.stopped).toEqual({ reason: "restarts", cellIndex: MAX_RESTARTS + 1 });
    expect(report.notRun).toEqual([MAX_RESTARTS + 2, MAX_RESTARTS + 3]);
  });

  test("the budget covers the whole run: the cell it ends in is stopped, later ones never start", async () => {
    const input = notebookOf("const t0: number = 1;", "while (true) {}", "console.log(t0);");
    // The budget leaves the first cell time to compile on a loaded machine (seconds: tslab
    // compiles each cell), and the loop time to start before the stop arrives; the cell's own
    // limit is far above it, so the message proves which bound ended the cell.
    const report = await runNotebook(input, {
      cwd: __dirname,
      kernel: { startTimeoutMs: KERNEL_START_MS },
      timeoutMs: CELL_MS,
      budgetMs: 20_000,
      allowErrors: true,
      restartOnDeath: true,
    });
    expect(report.cells[1].status).toBe("timeout");
    expect(report.cells[1].errorText).toMatch(
      /^stopped: the time budget of the whole notebook \(20 s\) ran out while this cell ran/,
    );
    expect(report.stopped).toEqual({ reason: "budget", cellIndex: 1, budgetMs: 20_000 });
    expect(report.notRun).toEqual([2]);
  });
});
