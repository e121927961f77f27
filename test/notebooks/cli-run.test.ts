// `gradbook run` end to end: the CLI as a child process on fixture notebooks copied to a
// temporary folder inside the project (tslab needs the notebook inside the npm project).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readNotebook, sourceText, type CodeCell, type Notebook } from "../../src/notebook";
import { runGradbook, type CliResult } from "../support/gradbook-cli";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures/notebooks");
const WORK = path.join(ROOT, "test", `.tmp-cli-run-${process.pid}`);
const packageVersion = (
  JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }
).version;

function gradbook(...args: string[]): Promise<CliResult> {
  return runGradbook(args, { cwd: WORK });
}

function work(name: string): string {
  return path.join(WORK, name);
}

function codeCell(notebook: Notebook, index: number): CodeCell {
  return notebook.cells[index] as CodeCell;
}

function streamText(cell: CodeCell): string {
  return cell.outputs
    .map((output) => (output.output_type === "stream" ? sourceText(output.text) : ""))
    .join("");
}

beforeAll(() => {
  fs.mkdirSync(WORK, { recursive: true });
  for (const name of ["run-ok.ipynb", "run-fail.ipynb"]) {
    fs.copyFileSync(path.join(FIXTURES, name), work(name));
  }
  fs.writeFileSync(work("not-json.ipynb"), "print('this is Python, not a notebook')\n");
});

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("gradbook", () => {
  test("--help lists the commands, --version prints the package version", async () => {
    const [help, version] = await Promise.all([gradbook("--help"), gradbook("--version")]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: gradbook <command> [options]");
    expect(help.stdout).toMatch(/\n {2}run +execute a notebook headlessly/);
    expect(version).toEqual({ status: 0, stdout: `gradbook ${packageVersion}\n`, stderr: "" });
  });

  test("an unknown or missing command prints the usage and exits 2", async () => {
    const [unknown, missing] = await Promise.all([gradbook("frobnicate"), gradbook()]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^gradbook: unknown command "frobnicate"\n\ngradbook .*\n\nUsage: gradbook <command>/,
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^gradbook: missing command\n/);
  });
});

describe("gradbook run", () => {
  test("--help documents the default output file and the exit statuses", async () => {
    const result = await gradbook("run", "--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: gradbook run <notebook.ipynb> [options]");
    expect(result.stdout).toContain("NAME.out.ipynb");
    expect(result.stdout).toContain("Exit status: 0 success; 1 a cell failed");
  });

  test("bad arguments and bad files exit 2 with a clear message", async () => {
    const [missing, notJson, badTimeout, noNotebook, unknownOption] = await Promise.all([
      gradbook("run", "nowhere.ipynb"),
      gradbook("run", "not-json.ipynb"),
      gradbook("run", "run-ok.ipynb", "--timeout", "soon"),
      gradbook("run"),
      gradbook("run", "run-ok.ipynb", "--fast"),
    ]);
    expect(missing).toMatchObject({
      status: 2,
      stderr: "gradbook run: nowhere.ipynb: no such file\n",
    });
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(
      /^gradbook run: not-json\.ipynb: not a notebook: not valid JSON \(/,
    );
    expect(badTimeout.status).toBe(2);
    expect(badTimeout.stderr).toMatch(
      /^gradbook run: --timeout must be a positive number of seconds, got "soon"\n\nUsage: gradbook run/,
    );
    expect(noNotebook.status).toBe(2);
    expect(noNotebook.stderr).toMatch(/^gradbook run: missing the notebook to run\n/);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/^gradbook run: Unknown option '--fast'/);
    expect(fs.existsSync(work("run-ok.out.ipynb"))).toBe(false);
  });

  test("a clean notebook runs, is written to --out, and the input is untouched", async () => {
    const input = fs.readFileSync(work("run-ok.ipynb"), "utf8");
    const result = await gradbook("run", "run-ok.ipynb", "--out", "executed.ipynb");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^ran 3 code cells in \d+\.\d s \(kernel start \d+\.\d s\); wrote executed\.ipynb\n$/,
    );
    expect(fs.readFileSync(work("run-ok.ipynb"), "utf8")).toBe(input);
    const executed = readNotebook(work("executed.ipynb"));
    expect(streamText(codeCell(executed, 1))).toBe("weights 3\n");
    expect(codeCell(executed, 2).outputs).toEqual([
      { output_type: "display_data", data: { "text/html": ["<b>0.5, -1, 2</b>"] }, metadata: {} },
    ]);
    expect(codeCell(executed, 3).outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: 3,
        data: { "text/plain": ["1.5"] },
        metadata: {},
      },
    ]);
    expect([1, 2, 3].map((i) => codeCell(executed, i).execution_count)).toEqual([1, 2, 3]);
    expect(executed.metadata.language_info).toMatchObject({
      name: "typescript",
      file_extension: ".ts",
    });
  });

  test("a failing cell stops the run, is printed with its index and error, and exits 1", async () => {
    const result = await gradbook("run", "run-fail.ipynb");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^cell 2 failed \(error\): throw new Error\("fixture failure"\);\n/,
    );
    expect(result.stderr).toContain("    Error: fixture failure");
    expect(result.stdout).toMatch(
      /^1 of 2 code cells failed, 3 not run in .*; wrote run-fail\.out\.ipynb\n$/,
    );
    const executed = readNotebook(work("run-fail.out.ipynb"));
    expect(streamText(codeCell(executed, 1))).toBe("ran\n");
    expect(codeCell(executed, 2).outputs).toMatchObject([
      { output_type: "error", ename: "Error", evalue: "fixture failure" },
    ]);
    expect(codeCell(executed, 3)).toMatchObject({ outputs: [], execution_count: null });
  });

  test("--allow-errors continues past errors; --timeout interrupts a cell and fails the run", async () => {
    const result = await gradbook(
      "run",
      "run-fail.ipynb",
      "--allow-errors",
      "--timeout",
      // Longer than tslab takes to compile the loop on a loaded machine: an interrupt that
      // arrives while a cell compiles is lost, and the kernel is killed instead.
      "5",
      "-o",
      "allowed.ipynb",
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cell 2 failed (error)");
    expect(result.stderr).toMatch(
      /cell 4 failed \(timeout\): while \(true\) \{\}\n {4}timed out after 5\.0 s and was interrupted\n/,
    );
    expect(result.stdout).toMatch(/^2 of 5 code cells failed in /);
    const executed = readNotebook(work("allowed.ipynb"));
    expect(streamText(codeCell(executed, 3))).toBe("after the failure\n");
    expect(streamText(codeCell(executed, 5))).toBe("after the timeout\n");
  });
});
