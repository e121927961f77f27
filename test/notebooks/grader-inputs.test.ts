// Hostile inputs to `gradbook grade` (issue #20, input handling), graded in one run of the real
// CLI next to ordinary submissions: names that are spreadsheet formulas or not UTF-8, JSON built
// to exhaust the reader, symbolic links to the source and to /etc/passwd, a named pipe. Each
// must score 0 with its reason (or be graded normally, for a name), leak nothing, harm no other
// submission, and never turn into an internal error or exit 3.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../src/grader/report/csv";
import type { SubmissionResult } from "../../src/grader/scoring/results";
import { serializeNotebook } from "../../src/notebook";
import { SOURCE, submission } from "../fixtures/grader/submissions";
import { runGradbook, type CliResult } from "../support/gradbook-cli";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-inputs-"));
const CLASS = path.join(WORK, "class");
const OUT = path.join(WORK, "out");
const GOOD = serializeNotebook(submission());

function emptyNotebook(cells: unknown[], metadata: unknown = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells });
}

function named(bytes: number[]): Buffer {
  return Buffer.concat([Buffer.from(`${CLASS}/`), Buffer.from(bytes), Buffer.from(".ipynb")]);
}

function result(name: string): SubmissionResult {
  return JSON.parse(fs.readFileSync(path.join(OUT, `${name}.json`), "utf8")) as SubmissionResult;
}

let run: CliResult;

beforeAll(async () => {
  fs.mkdirSync(CLASS, { recursive: true });
  fs.chmodSync(WORK, 0o755);
  fs.writeFileSync(path.join(CLASS, "good.ipynb"), GOOD);
  fs.writeFileSync(path.join(CLASS, "-1+1.ipynb"), GOOD);
  fs.writeFileSync(path.join(CLASS, "=HYPERLINK(0).ipynb"), "not json");
  fs.writeFileSync(named([0x63, 0x61, 0x66, 0xe9]), GOOD);
  fs.writeFileSync(named([0x63, 0x61, 0x66, 0xe8]), "not json");
  const cell = {
    cell_type: "code",
    source: "",
    metadata: { deep: 0 },
    outputs: [],
    execution_count: null,
  };
  const deep = "[".repeat(200_000) + "]".repeat(200_000);
  fs.writeFileSync(
    path.join(CLASS, "deep.ipynb"),
    emptyNotebook([cell]).replace('"deep":0', `"deep":${deep}`),
  );
  fs.writeFileSync(path.join(CLASS, "many-cells.ipynb"), emptyNotebook(new Array(6000).fill(cell)));
  fs.writeFileSync(
    path.join(CLASS, "huge.ipynb"),
    emptyNotebook([cell], { pad: "x".repeat(33 * 1024 ** 2) }),
  );
  fs.symlinkSync(SOURCE, path.join(CLASS, "link-source.ipynb"));
  fs.symlinkSync("/etc/passwd", path.join(CLASS, "link-passwd.ipynb"));
  execFileSync("mkfifo", [path.join(CLASS, "pipe.ipynb")]);
  run = await runGradbook(["grade", "--source", SOURCE, "--out", OUT, "--workers", "2", CLASS], {
    maxBuffer: 64 * 1024 * 1024,
  });
});

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("hostile inputs", () => {
  test("the batch finishes with exit 0: no internal error, no 'kernels could not start'", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/internal error|did not start/);
    expect(run.stdout).toMatch(/^graded 11 submissions in /);
  });

  test("names that are formulas are defused in grades.csv; their work is graded as any other", () => {
    const rows = parseCsv(fs.readFileSync(path.join(OUT, "grades.csv"), "utf8"));
    const names = rows.slice(1).map((row) => row[0]);
    expect(names).toContain("'-1+1");
    expect(names).toContain("'=HYPERLINK(0)");
    expect(rows.find((row) => row[0] === "'-1+1")?.[5]).toBe("11");
    expect(rows.find((row) => row[0] === "good")?.[5]).toBe("11");
  });

  test("names that are not UTF-8 stay two students, shown escaped; each opens by its own bytes", () => {
    expect(result("caf\\xe9")).toMatchObject({ graded: true, total: 11 });
    expect(result("caf\\xe8")).toMatchObject({ graded: false, total: 0 });
    expect(result("caf\\xe8").reason).toMatch(/^not a notebook: not valid JSON/);
  });

  test("JSON built to exhaust the reader scores 0 with the reason", () => {
    expect(result("deep").reason).toBe(
      "not read: its JSON nests more than 100 levels deep (a notebook nests about 6; metadata " +
        "or outputs were made to exhaust the reader)",
    );
    expect(result("many-cells").reason).toBe(
      "not read: it has 6000 cells; gradbook reads notebooks of up to 5000 cells",
    );
    expect(result("huge").reason).toMatch(
      /^not read: the file is 33 MiB; gradbook reads notebooks up to 32 MiB/,
    );
    for (const name of ["deep", "many-cells", "huge"]) {
      expect(result(name)).toMatchObject({ graded: false, total: 0 });
    }
  });

  test("links and a pipe are refused, not followed: nothing of their targets reaches any file", () => {
    for (const name of ["link-source", "link-passwd"]) {
      expect(result(name)).toMatchObject({ graded: false, total: 0 });
      expect(result(name).reason).toMatch(/^is a symbolic link; gradbook does not follow links/);
    }
    expect(result("pipe").reason).toBe("is not a regular file (a pipe, a socket or a device)");
    const written = fs
      .readdirSync(OUT)
      .map((name) => fs.readFileSync(path.join(OUT, name), "utf8"));
    const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n")[0];
    expect(written.some((text) => text.includes(passwd))).toBe(false);
    expect(written.some((text) => text.includes("BEGIN HIDDEN TESTS"))).toBe(false);
  });
});
