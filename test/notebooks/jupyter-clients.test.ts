// The kernel that `npm run setup` registers, driven by Jupyter's own Python clients from the
// project's environment: nbclient (what `jupyter execute`, `nbconvert --execute` and nbgrader
// run notebooks with) and jupyter_client on the control channel.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { runNotebook } from "../../src/kernel/run-notebook";
import { readNotebook, type CodeCell, type ErrorOutput } from "../../src/notebook";
import { ROOT, projectEnv } from "../support/project-env";

const run = promisify(execFile);
const SCRIPTS = join(ROOT, "test", "fixtures", "jupyter");
const RELEASE = join(ROOT, "notebooks", "release", "01-normal-equation.ipynb");

describe("Jupyter's own clients with the registered tslab kernel", () => {
  const scratch = mkdtempSync(join(ROOT, "test", ".tmp-clients-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("nbclient with errors allowed runs every cell of an unfinished lesson; each failure is an error output", async () => {
    const executed = join(scratch, "executed.ipynb");
    const workingDir = join(ROOT, "notebooks", "release");
    await run(projectEnv().python, [join(SCRIPTS, "nbclient_run.py"), RELEASE, workingDir, executed], {
      timeout: 240_000,
    });
    const cells = readNotebook(executed).cells.flatMap((cell, index) =>
      cell.cell_type === "code" ? [{ index, cell: cell as CodeCell }] : [],
    );
    // Every cell ran: tslab's 200 ms abort window used to skip most cells after the first error.
    expect(cells.map(({ cell }) => cell.execution_count)).toEqual(cells.map((_, k) => k + 1));
    const errors = cells.flatMap(({ index, cell }) =>
      cell.outputs
        .filter((output): output is ErrorOutput => output.output_type === "error")
        .map((output) => ({ index, output })),
    );
    // An exception's traceback starts with its name; a type error's is TypeScript's diagnostics.
    for (const { output } of errors) {
      const head = output.ename === "TSError" ? /^\d+:\d+ - / : new RegExp(`^${output.ename}: `);
      expect(output.traceback[0]).toMatch(head);
    }
    expect(errors.map(({ output }) => output.ename)).toContain("TSError");
    expect(errors.map(({ output }) => output.evalue)).toContain("not implemented");
    // The cells that fail are those gradbook's own runner sees failing, one error output each.
    const ours = await runNotebook(readNotebook(RELEASE), { cwd: workingDir, allowErrors: true });
    expect(errors.map(({ index }) => index)).toEqual(ours.failures.map((failure) => failure.cellIndex));
    expect(cells.flatMap(({ cell }) => cell.outputs).filter((o) => o.output_type === "stream" && o.name === "stderr")).toEqual([]);
  }); // prettier-ignore

  test("jupyter_client: interrupt_request and shutdown_request on the control channel are answered", async () => {
    const { stdout } = await run(
      projectEnv().python,
      [join(SCRIPTS, "control_channel.py"), join(ROOT, "test", "notebooks")],
      { timeout: 240_000 },
    );
    const result = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    expect(result.kernel_info).toMatchObject({
      status: "ok",
      protocol_version: "5.3",
      language_info: { name: "typescript", file_extension: ".ts" },
    });
    expect(result.interrupt_reply).toEqual({ msg_type: "interrupt_reply", content: { status: "ok" } });
    expect(result.interrupted_cell).toMatchObject({
      status: "error",
      ename: "Error",
      evalue: "Interrupted asynchronously",
      traceback: ["Error: Interrupted asynchronously"],
    });
    expect(result.signalled_cell).toMatchObject({
      status: "error",
      evalue: "Script execution was interrupted by `SIGINT`",
    });
    // Sent on seeing the interrupted cell's error: runs, as in ipykernel.
    expect(result.after_interrupts).toMatchObject({ status: "ok" });
    expect(result.shutdown_reply).toEqual({
      msg_type: "shutdown_reply",
      content: { status: "ok", restart: false },
    });
  }); // prettier-ignore
});
