// The grader against hostile and broken submissions: one `gradbook grade` run (the real CLI,
// two workers) over a class of the fixture assignment in which each submission attacks or
// breaks one thing. Every attack must cost only the points that depend on it, never the
// batch, and never reveal hidden tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listProcesses } from "../../src/kernel/process-tree";
import { cellLines, findRegions } from "../../src/grader/authoring/markup";
import { readNotebook } from "../../src/notebook";
import type { SubmissionResult, TestResult } from "../../src/grader/scoring/results";
import { CLASS, EXPECTED_TOTAL } from "../fixtures/grader/hostile-class";
import { SOURCE } from "../fixtures/grader/submissions";
import { runGradbook, type CliResult } from "../support/gradbook-cli";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-adversarial-"));
const SUBMISSIONS = path.join(WORK, "submissions");
// The grader's working folders and kernel connection files go here, to find leftovers by path.
const TMP = path.join(WORK, "tmp");
const OUT = path.join(WORK, "out");
// The per-cell limit. Every cell of the class must compile and run within it, and the memory bomb
// must reach --memory before it: on a loaded 2-core machine the bomb needed more than 8 s (it
// then timed out instead of being killed at the cap). The endless loop pays it once.
const TIMEOUT_S = 30;

function gradbook(...args: string[]): Promise<CliResult> {
  return runGradbook(args, {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TMPDIR: TMP },
  });
}

function result(name: string): SubmissionResult {
  return JSON.parse(fs.readFileSync(path.join(OUT, `${name}.json`), "utf8")) as SubmissionResult;
}

function testOf(name: string, gradeId: string): TestResult {
  const found = result(name).tests.find((entry) => entry.gradeId === gradeId);
  if (found === undefined) {
    throw new Error(`${name} has no result for ${gradeId}`);
  }
  return found;
}

function hiddenCodeLines(): string[] {
  return readNotebook(SOURCE).cells.flatMap((cell) => {
    const lines = cellLines(cell);
    return findRegions(lines, cell.cell_type)
      .regions.filter((region) => region.kind === "hidden")
      .flatMap((region) => lines.slice(region.begin + 1, region.end));
  });
}

let run: CliResult;

beforeAll(async () => {
  fs.mkdirSync(SUBMISSIONS);
  fs.mkdirSync(TMP);
  // Kernels may run as other users (when the tests run as root): let them in.
  fs.chmodSync(WORK, 0o755);
  fs.chmodSync(TMP, 0o755);
  for (const [name, text] of Object.entries(CLASS)) {
    fs.writeFileSync(path.join(SUBMISSIONS, `${name}.ipynb`), text);
  }
  run = await gradbook(
    "grade",
    "--source",
    SOURCE,
    "--out",
    OUT,
    "--workers",
    "2",
    "--timeout",
    String(TIMEOUT_S),
    "--memory",
    "700",
    SUBMISSIONS,
  );
}, 600_000);

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("gradbook grade on a hostile class", () => {
  test("the batch completes with exit 0, a summary line and a row for every submission", () => {
    expect(run.stderr).not.toContain("internal error");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^graded 14 submissions in [\d.]+ s \([\d.]+ s each, 2 workers\); .*2 not graded\n/,
    );
    expect(run.stdout).toMatch(
      /\ngradebook: 14 rows; mean [\d.]+ \/ 12; wrote .*grades\.csv and .*summary\.html\n$/,
    );
    const csv = fs.readFileSync(path.join(OUT, "grades.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe(
      "submission,timestamp,late_hours,raw,penalty,total,max,test_predict,test_mse,test_fit,test_weights,explain",
    );
    const totals = Object.fromEntries(
      csv.slice(1).map((line) => {
        const fields = line.split(",");
        return [fields[0], Number(fields[5])];
      }),
    );
    expect(totals).toEqual(EXPECTED_TOTAL);
    // The written answer ("explain", 1 point, graded by hand) was left as handed out: 0 at once.
    expect(csv).toContain("good,,,11,0,11,12,2,3,5,1,0");
    expect(csv).toContain("edit-tests,,,9,0,9,12,0,3,5,1,0");
  });

  test("each submission has its JSON and HTML; JSON gives points, passed and error per test", () => {
    for (const name of Object.keys(CLASS)) {
      expect(fs.existsSync(path.join(OUT, `${name}.html`))).toBe(true);
      const tests = result(name).tests;
      expect(tests.map((entry) => entry.gradeId)).toEqual([
        "test_predict",
        "test_mse",
        "test_fit",
        "test_weights",
      ]);
      for (const entry of tests) {
        expect(entry.points).toBe(entry.passed ? entry.maxPoints : 0);
        expect(typeof entry.error).toBe("string");
      }
    }
    expect(result("good").tests.every((entry) => entry.passed && entry.error === "")).toBe(true);
    expect(testOf("blank", "test_predict").error).toBe("Error: not implemented");
  });

  test("an endless loop is interrupted at --timeout and costs only its test", () => {
    const loop = testOf("infinite-loop", "test_predict");
    expect(loop.outcome).toBe("timeout");
    expect(loop.error).toMatch(
      new RegExp(`^timed out after ${TIMEOUT_S}\\.0 s and was interrupted`),
    );
    expect(testOf("infinite-loop", "test_fit").passed).toBe(true);
  });

  test("process.exit kills the kernel: it is restarted, earlier cells replayed, the cell skipped", () => {
    const exited = result("process-exit");
    expect(exited.kernelRestarts).toBe(1);
    expect(exited.problems).toEqual([
      expect.objectContaining({
        gradeId: "mse",
        outcome: "kernel-died",
        error: "kernel died: exit code 3",
      }),
    ]);
    expect(testOf("process-exit", "test_mse")).toMatchObject({
      outcome: "type-error",
      passed: false,
    });
    expect(testOf("process-exit", "test_mse").error).toContain(
      "Cannot find name 'meanSquaredError'",
    );
    expect(testOf("process-exit", "test_fit").passed).toBe(true);
  });

  test("a memory bomb is killed at --memory and costs only the cells that allocate", () => {
    const fit = testOf("memory-bomb", "test_fit");
    expect(fit.outcome).toBe("kernel-died");
    expect(fit.error).toMatch(/memory .* above the cap of 700 MiB/);
    // The weights cell allocates too: it is killed at the cap as well (a second restart) or,
    // where the machine refuses the memory first, fails with "Array buffer allocation failed"
    // (no restart). Either way it costs only test_weights.
    expect(result("memory-bomb").kernelRestarts).toBeGreaterThanOrEqual(1);
    expect(testOf("memory-bomb", "test_weights").passed).toBe(false);
    expect(testOf("memory-bomb", "test_mse").passed).toBe(true);
  });

  test("a type error is reported as such, in the cell and in the tests that need it", () => {
    const problems = result("type-error").problems;
    expect(problems).toEqual([expect.objectContaining({ gradeId: "mse", outcome: "type-error" })]);
    expect(problems[0].error).toBe("2:9 - Type 'string' is not assignable to type 'number'.");
    expect(testOf("type-error", "test_mse").outcome).toBe("type-error");
    const html = fs.readFileSync(path.join(OUT, "type-error.html"), "utf8");
    expect(html).toContain("type error (the cell did not compile)");
  });

  test("floods are truncated in what is stored", () => {
    const stored = fs.readFileSync(path.join(OUT, "output-flood.json"), "utf8");
    expect(stored.length).toBeLessThan(20_000);
    const mse = testOf("output-flood", "test_mse");
    // The kernel client keeps the start of a cell's traceback; the report keeps 4000 characters.
    expect(mse.error).toMatch(/^Error: flood x{3987}\n… \(\d+ more characters\)$/);
    expect(testOf("output-flood", "test_predict").passed).toBe(true);
  });

  test("files that are not notebooks get a zero row with the reason", () => {
    expect(result("not-json")).toMatchObject({ graded: false, total: 0, max: 11 });
    expect(result("not-json").reason).toMatch(/^not a notebook: not valid JSON/);
    expect(result("not-a-notebook").reason).toBe(
      'not a notebook: JSON without "nbformat" and a "cells" list',
    );
    expect(fs.readFileSync(path.join(OUT, "not-json.html"), "utf8")).toContain(
      "could not be graded: not a notebook",
    );
  });

  test("student code reaches neither the disk, the process table, nor tslab's internals", () => {
    const [probe] = result("reads-disk").problems;
    expect(probe.submissionIndex).toBe(2);
    for (const name of ["fs", "node:fs", "child_process", "worker_threads", "vm", "module"]) {
      expect(probe.error).toContain(`${name}: cannot import "${name}" in a graded notebook`);
    }
    expect(probe.error).toContain("./node_modules/tslab/dist/executor: cannot import");
    expect(probe.error).toContain("../x: cannot import");
    expect(probe.error).toContain("binding: process.binding is not available in a graded notebook");
    expect(probe.error).toContain("mainModule: undefined");
    expect(result("reads-disk").total).toBe(11);
  });

  test("nothing a submission starts outlives its kernel, and the grader cannot be signalled", () => {
    const [kill] = result("spawns").problems;
    expect(kill.error).toContain("process.kill can only signal the notebook's own kernel");
    const leftovers = listProcesses().filter((info) => {
      if (info.state === "Z") {
        return false;
      }
      try {
        const cmdline = fs.readFileSync(`/proc/${info.pid}/cmdline`, "utf8");
        return cmdline.includes(TMP);
      } catch {
        return false;
      }
    });
    expect(leftovers).toEqual([]);
    expect(fs.readdirSync(TMP).filter((name) => name.startsWith("gradbook-"))).toEqual([]);
  });

  test("tampering with Math, Array.prototype, Object, the helpers or tslab does not pass a test", () => {
    const tamper = result("tamper");
    expect(testOf("tamper", "test_predict").passed).toBe(false);
    expect(testOf("tamper", "test_predict").error).toContain("assertClose failed");
    expect(testOf("tamper", "test_mse").passed).toBe(false);
    expect(testOf("tamper", "test_mse").error).toContain("got 0, expected 1.3333333333333333");
    expect(tamper.total).toBe(6);
    expect(tamper.problems).toEqual([
      expect.objectContaining({
        submissionIndex: 3,
        outcome: "failed",
        error: expect.stringContaining("it declares Math, which would replace"),
      }),
    ]);
  });

  test("edited, deleted, duplicated, moved and forged test cells: each test runs once, as written", () => {
    const edited = result("edit-tests");
    expect(testOf("edit-tests", "test_predict").passed).toBe(false);
    expect(edited.notes).toEqual(
      expect.arrayContaining([
        'test cell "test_predict" was changed in the submission; the original was run',
        'test cell "test_mse" was missing from the submission; the original was run',
        'test cell "test_fit" appears 2 times in the submission; it was run once',
        expect.stringMatching(/carries nbgrader metadata the assignment does not have/),
      ]),
    );
    expect(fs.readFileSync(path.join(OUT, "grades.csv"), "utf8")).not.toContain("bonus");
  });

  test("feedback never shows hidden test code, even when a hidden test fails on it", () => {
    expect(testOf("peek", "test_predict").error).toContain("caller: null");
    const fit = testOf("peek", "test_fit");
    expect(fit.passed).toBe(false);
    expect(fit.error).toContain("Cannot read properties of undefined (reading 'T')");
    const hidden = hiddenCodeLines()
      .map((line) => line.trim())
      .filter((line) => line.length > 8);
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    for (const name of Object.keys(CLASS)) {
      const html = fs.readFileSync(path.join(OUT, `${name}.html`), "utf8");
      const json = fs.readFileSync(path.join(OUT, `${name}.json`), "utf8");
      for (const line of hidden) {
        const escaped = line
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/>/g, "&gt;")
          .replace(/"/g, "&quot;");
        expect(html).not.toContain(escaped);
        expect(json).not.toContain(JSON.stringify(line).slice(1, -1));
      }
    }
  });
});
