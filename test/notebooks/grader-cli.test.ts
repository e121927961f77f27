// `gradbook assign`, `gradbook check` and the instructor errors of `gradbook grade`, end to end
// through the CLI. The grading of a whole class is in grader-adversarial.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readNotebook, serializeNotebook, sourceText } from "../../src/notebook";
import { SOURCE, cellIndex, release, submission } from "../fixtures/grader/submissions";
import { runGradbook, type CliResult } from "../support/gradbook-cli";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-cli-"));

function gradbook(...args: string[]): Promise<CliResult> {
  return runGradbook(args);
}

function work(name: string): string {
  return path.join(WORK, name);
}

beforeAll(() => {
  fs.chmodSync(WORK, 0o755);
  fs.writeFileSync(work("blank.ipynb"), serializeNotebook(release()));
  fs.writeFileSync(
    work("edited.ipynb"),
    serializeNotebook(
      submission({}, (cells) => {
        cells[cellIndex(cells, "test_weights")].source = "// nothing to check";
      }),
    ),
  );
  const broken = readNotebook(SOURCE);
  broken.cells[cellIndex(broken.cells, "test_mse")].metadata = {
    nbgrader: {
      grade: true,
      grade_id: "test_predict",
      locked: true,
      solution: false,
      schema_version: 3,
    },
  };
  fs.writeFileSync(work("broken-source.ipynb"), serializeNotebook(broken));
});

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("gradbook assign", () => {
  test("writes the student version and says what it did", async () => {
    const run = await gradbook("assign", SOURCE, "--out", work("release"));
    expect(run).toMatchObject({ status: 0, stderr: "" });
    const target = work("release/linear-model.source.ipynb");
    expect(run.stdout).toBe(
      `wrote ${target}: 5 solution region(s) stubbed, 3 hidden test block(s) removed, ` +
        "4 test cell(s) worth 11 point(s)\n",
    );
    expect(fs.readFileSync(target, "utf8")).toBe(serializeNotebook(release()));
  });

  test("markup problems are listed with their cells, and nothing is written", async () => {
    const run = await gradbook("assign", work("broken-source.ipynb"), "--out", work("never"));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("broken-source.ipynb: 2 problems in the nbgrader markup:");
    expect(run.stderr).toContain('cell 7 (grade_id "test_predict") is graded but has no points');
    expect(run.stderr).toContain('cell 7 (grade_id "test_predict") reuses the grade_id of cell 4');
    expect(fs.existsSync(work("never"))).toBe(false);
  });

  test("refuses to run without --out or over its own source", async () => {
    expect((await gradbook("assign", SOURCE)).stderr).toContain("missing --out DIR");
    const over = await gradbook("assign", SOURCE, "--out", path.dirname(SOURCE));
    expect(over.status).toBe(2);
    expect(over.stderr).toContain("would overwrite the source notebook");
  });
});

describe("gradbook check", () => {
  test("a blank notebook: every test fails with its reason, exit 1", async () => {
    const run = await gradbook("check", work("blank.ipynb"));
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`gradbook check: ${work("blank.ipynb")}`);
    expect(lines).toContain("  ✗ test_predict  0 / 2  failed");
    expect(lines).toContain("      Error: not implemented");
    expect(lines).toContain("  ✗ test_weights  0 / 1  type error (the cell did not compile)");
    expect(run.stdout).toContain(
      "0 of 4 visible tests pass: 0 of 11 points. Hidden tests run only when your work is graded.",
    );
    expect(fs.readdirSync(WORK).sort()).toEqual(
      ["blank.ipynb", "broken-source.ipynb", "edited.ipynb", "release"].sort(),
    );
  });

  test("a working notebook passes; a test the student changed is pointed out", async () => {
    const run = await gradbook("check", work("edited.ipynb"));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("  ✓ test_predict  2 / 2");
    expect(run.stdout).toContain(
      '  ! cell "test_weights" was changed since it was handed out: the grader runs the original',
    );
    expect(run.stdout).toContain("4 of 4 visible tests pass: 11 of 11 points.");
    expect(sourceText(readNotebook(work("edited.ipynb")).cells[12].source)).toBe(
      "// nothing to check",
    );
  });

  test("a file that is not a notebook is a usage error", async () => {
    fs.writeFileSync(work("notes.ipynb"), "not json");
    const run = await gradbook("check", work("notes.ipynb"));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("not a notebook: not valid JSON");
    fs.rmSync(work("notes.ipynb"));
  });
});

describe("gradbook grade: instructor errors stop it before any kernel", () => {
  test("a source with markup problems, a missing submission, a missing option", async () => {
    const broken = await gradbook(
      "grade",
      "--source",
      work("broken-source.ipynb"),
      "--out",
      work("out"),
      work("blank.ipynb"),
    );
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain("2 problems in the nbgrader markup");
    const missing = await gradbook(
      "grade",
      "--source",
      SOURCE,
      "--out",
      work("out"),
      work("nobody.ipynb"),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `gradbook grade: submission ${work("nobody.ipynb")} does not exist\n`,
    );
    const usage = await gradbook("grade", "--out", work("out"), work("blank.ipynb"));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("missing --source, the source notebook");
    const budget = await gradbook(
      "grade",
      "--source",
      SOURCE,
      "--out",
      work("out"),
      "--submission-timeout",
      "soon",
      work("blank.ipynb"),
    );
    expect(budget.status).toBe(2);
    expect(budget.stderr).toContain('--submission-timeout must be a positive number, got "soon"');
    expect(fs.existsSync(work("out"))).toBe(false);
  });
});
