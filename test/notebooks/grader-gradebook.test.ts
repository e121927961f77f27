// A whole assignment cycle through the real CLI, as an instructor runs it: a class collected by
// nbgrader (submitted/ tree, timestamps) graded with a due date and partial credit; the same
// class graded in two shards and merged; one late student graded again; manual scores; and a
// run interrupted half-way. The gradebook must never lose a row.
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../src/grader/report/csv";
import { serializeNotebook } from "../../src/notebook";
import {
  ASSIGNMENT,
  DUE,
  LATE_PENALTY,
  NOTEBOOK,
  STUDENTS,
  writeCycleSource,
  writeSubmittedTree,
} from "../fixtures/grader/class-cycle";
import { runGradbook, type CliResult } from "../support/gradbook-cli";
import { ROOT } from "../support/project-env";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-cycle-"));
const SUBMITTED = path.join(WORK, "submitted");
let source: string;

function work(name: string): string {
  return path.join(WORK, name);
}

function grade(out: string, ...extra: string[]): Promise<CliResult> {
  return runGradbook([
    "grade", "--source", source, "--out", work(out), "--assignment", ASSIGNMENT,
    "--due", DUE, "--late-penalty", LATE_PENALTY, "--workers", "2", ...extra,
  ]); // prettier-ignore
}

function csvOf(out: string): string {
  return fs.readFileSync(path.join(work(out), "grades.csv"), "utf8");
}

/** The rows of grades.csv as objects, by submission. */
function rowsOf(out: string): Record<string, Record<string, string>> {
  const [header, ...rows] = parseCsv(csvOf(out));
  return Object.fromEntries(
    rows.map((row) => [row[0], Object.fromEntries(header.map((name, k) => [name, row[k]]))]),
  );
}

beforeAll(() => {
  fs.chmodSync(WORK, 0o755);
  source = writeCycleSource(work("source"));
  writeSubmittedTree(SUBMITTED);
});

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("a class collected by nbgrader, graded at once", () => {
  test("partial credit, late penalties, manual cells pending; every student in the gradebook", async () => {
    const run = await grade("whole", SUBMITTED);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`skipped ${path.join(SUBMITTED, "frank")}: no hw1 folder`);
    expect(run.stdout).toMatch(
      /^graded 5 submissions in [\d.]+ s \([\d.]+ s each, 2 workers\); 1 with failing cells\n/,
    );
    expect(run.stdout).toContain(
      `gradebook: 5 rows; mean 6.8 / 12; 2 late; 4 manual scores pending; wrote ` +
        `${work("whole/grades.csv")} and ${work("whole/summary.html")}\n`,
    );
    const rows = rowsOf("whole");
    for (const [name, student] of Object.entries(STUDENTS)) {
      expect(rows[name], name).toMatchObject({
        raw: String(student.raw),
        penalty: String(student.penalty),
        total: String(student.raw - student.penalty),
        max: "12",
        test_mse: String(student.mse),
        explain: name === "bob" ? "0" : "",
      });
    }
    expect(rows.carol).toMatchObject({ timestamp: "2024-03-01T19:30:00Z", late_hours: "2.5" });
    expect(rows.bob).toMatchObject({ timestamp: "", late_hours: "" });
    expect(fs.readFileSync(work("whole/manual-pending.csv"), "utf8")).toBe(
      "submission,grade_id,points,comment\nalice,explain,,\ncarol,explain,,\ndave,explain,,\neve,explain,,\n",
    );
    const feedback = fs.readFileSync(work("whole/carol.html"), "utf8");
    expect(feedback).toContain("6.5 / 12 points (9.5 less 3 for handing in 2.5 h late)");
    expect(feedback).toContain("meanSquaredError is off by more than 1e-12: keep every digit");
    expect(feedback).not.toContain("BEGIN HIDDEN TESTS");
    expect(feedback).not.toContain("assertClose(m, 2.5");
    const summary = fs.readFileSync(work("whole/summary.html"), "utf8");
    expect(summary).toContain("60% pass (3 of 5, 2 with partial credit)");
  });
});

describe("the same class in two shards, graded apart and merged", () => {
  // deploy/'s scripts, as a Kubernetes Indexed Job's pod and a Slurm array task run them.
  function script(name: string, env: Record<string, string>): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        "bash",
        [path.join(ROOT, "deploy", name)],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            GRADBOOK: `${process.execPath} ${path.join(ROOT, "dist/cli/main.js")}`,
            SOURCE: source,
            SUBMITTED,
            RESULTS: work("cluster"),
            ASSIGNMENT,
            DUE,
            LATE_PENALTY,
            WORKERS: "1",
            ...env,
          },
        },
        (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }

  test("each shard grades its part; the merged gradebook equals the one graded at once", async () => {
    const shards = await Promise.all([
      script("grade-shard.sh", { JOB_COMPLETION_INDEX: "0", SHARD_COUNT: "2" }),
      script("grade-shard.sh", {
        SLURM_ARRAY_TASK_ID: "1",
        SLURM_ARRAY_TASK_COUNT: "2",
        SLURM_ARRAY_TASK_MIN: "0",
      }),
    ]);
    for (const run of shards) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/shard [01]\/2: \d left to the other shards/);
    }
    const parts = [Object.keys(rowsOf("cluster/shard-0")), Object.keys(rowsOf("cluster/shard-1"))];
    expect([...parts[0], ...parts[1]].sort()).toEqual(Object.keys(STUDENTS).sort());
    const merge = await script("merge-shards.sh", {});
    expect(merge.status, merge.stderr).toBe(0);
    expect(merge.stdout).toContain(
      `merged 5 results from ${work("cluster/shard-0")}, ${work("cluster/shard-1")}\n`,
    );
    for (const file of ["grades.csv", "summary.html", "manual-pending.csv", "carol.html"]) {
      expect(fs.readFileSync(path.join(work("cluster/class"), file), "utf8"), file).toBe(
        fs.readFileSync(path.join(work("whole"), file), "utf8"),
      );
    }
  });
});

describe("grading one late student again into the same folder", () => {
  test("changes that row only; the others stay as they were", async () => {
    const before = csvOf("whole").split("\n");
    const notebook = path.join(SUBMITTED, "carol", ASSIGNMENT, NOTEBOOK);
    fs.writeFileSync(notebook, serializeNotebook(STUDENTS.alice.notebook()));
    const run = await grade("whole", path.join(SUBMITTED, "carol"));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^graded 1 submission in /);
    expect(run.stdout).toContain("gradebook: 5 rows;");
    const after = csvOf("whole").split("\n");
    expect(after.filter((line, k) => line !== before[k])).toEqual([
      "carol,2024-03-01T19:30:00Z,2.5,11,3,8,12,2,3,5,1,",
    ]);
  });
});

describe("manual scores", () => {
  test("manual.csv fills the gradebook and reaches the feedback when it is rebuilt", async () => {
    fs.writeFileSync(
      work("whole/manual.csv"),
      "submission,grade_id,points,comment\n" +
        'alice,explain,1,"Right: lstsq avoids squaring the condition number."\n' +
        "carol,explain,0.5,Say why squaring it matters.\n" +
        "dave,explain,1,\n",
    );
    const run = await runGradbook(["gradebook", work("whole")]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("gradebook: 5 rows;");
    expect(run.stdout).toContain("1 manual score pending;");
    const rows = rowsOf("whole");
    expect([rows.alice.explain, rows.carol.explain, rows.eve.explain]).toEqual(["1", "0.5", ""]);
    expect(rows.alice.total).toBe("12");
    expect(fs.readFileSync(work("whole/alice.html"), "utf8")).toContain(
      "Right: lstsq avoids squaring the condition number.",
    );
  });
});

describe("an interrupted run", () => {
  test("loses no row already in the gradebook, and leaves no half-written file", async () => {
    const before = rowsOf("whole");
    const child = spawn(
      process.execPath,
      [
        "--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "grade", "--source", source,
        "--out", work("whole"), "--assignment", ASSIGNMENT, "--due", DUE, "--late-penalty",
        LATE_PENALTY, "--workers", "1", SUBMITTED,
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    ); // prettier-ignore
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/^\w+: .* \([\d.]+ s\)$/m.test(stderr)) {
          child.kill("SIGTERM");
          resolve();
        }
      });
      child.on("exit", () => resolve());
    });
    const status = await new Promise((resolve) =>
      child.exitCode === null ? child.on("exit", (code) => resolve(code)) : resolve(child.exitCode),
    );
    expect(status, "the run was interrupted (SIGTERM: 128 + 15)").toBe(143);
    const after = rowsOf("whole");
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(fs.readdirSync(work("whole")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("inputs that hold no notebook", () => {
  test("are the instructor's error, exit 2, saying what was expected", async () => {
    const empty = work("empty");
    fs.mkdirSync(empty);
    const run = await runGradbook(["grade", "--source", source, "--out", work("never"), empty]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `gradbook grade: ${empty} holds no notebook: expected notebook files (one per student), a ` +
        "folder per student holding a notebook, or nbgrader's submitted/ tree with --assignment NAME\n",
    );
    const tree = await runGradbook([
      "grade",
      "--source",
      source,
      "--out",
      work("never"),
      SUBMITTED,
    ]);
    expect(tree.status).toBe(2);
    expect(tree.stderr).toContain("pass --assignment NAME");
    expect(fs.existsSync(work("never"))).toBe(false);
  });
});
