// The gradebook of a results folder: CSV (columns, spreadsheet safety), manual.csv, late
// penalties, rebuilding from result files (union, re-grades, other assignments refused, crash
// safety) and merging shards.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { writeFileAtomic } from "../../../src/grader/report/atomic-write";
import { csvText, parseCsv } from "../../../src/grader/report/csv";
import { rebuildGradebook } from "../../../src/grader/report/gradebook";
import { gradebookCsv, pendingCsv } from "../../../src/grader/report/gradebook-csv";
import { latePenalty, parseLatePenalty } from "../../../src/grader/report/late-policy";
import { readManualCsv } from "../../../src/grader/report/manual-csv";
import {
  GradebookError,
  mergeResults,
  resultBase,
  ResultsFolder,
} from "../../../src/grader/report/results-folder";
import { gradebookRows } from "../../../src/grader/report/rows";
import { IDENTITY, makeResult, writeResults } from "../../support/results";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-gradebook-"));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

function folder(name: string): string {
  return path.join(WORK, name);
}

function csv(
  results: Parameters<typeof gradebookRows>[1],
  entries: Parameters<typeof gradebookRows>[2] = [],
) {
  return gradebookCsv(IDENTITY.items, gradebookRows(IDENTITY.items, results, entries).rows);
}

describe("grades.csv", () => {
  test("one row per submission, sorted; late columns; a blank cell while a manual score waits", () => {
    expect(csv([makeResult("zoe", [2, 0.5]), makeResult("adam", [0, 0.5])])).toBe(
      "submission,timestamp,late_hours,raw,penalty,total,max,t1,t2,essay\n" +
        "adam,,,0.5,0,0.5,3.5,0,0.5,\n" +
        "zoe,,,2.5,0,2.5,3.5,2,0.5,\n",
    );
  });

  test("every text field that a spreadsheet would run as a formula is defused", () => {
    const names = ["-1+1", "=HYPERLINK(1)", "+1", "@SUM(A1)", "\tx", "\rx", "-1", 'a "b", c'];
    const lines = csv(names.map((name) => makeResult(name, [0, 0])))
      .split("\n")
      .slice(1, -1);
    expect(lines.map((line) => parseCsv(line)[0][0]).sort()).toEqual(
      ["'-1+1", "'=HYPERLINK(1)", "'+1", "'@SUM(A1)", "'\tx", "'\rx", "'-1", 'a "b", c'].sort(),
    );
    expect(csvText("caf\\xe9")).toBe("caf\\xe9");
  });

  test("timestamps and the late penalty, rounded up to the hundredth of an hour", () => {
    const late = { due: "2024-03-01T17:00:00Z", penalty: "per-hour:10%" };
    const results = [
      makeResult("early", [2, 0.5], { timestamp: "2024-03-01T16:00:00Z", late }),
      makeResult("second", [2, 0.5], { timestamp: "2024-03-01T17:00:01Z", late }),
      makeResult("hours", [2, 0], { timestamp: "2024-03-01T19:30:00Z", late }),
      makeResult("unknown", [2, 0.5], { late }),
    ];
    expect(csv(results).split("\n").slice(1, -1)).toEqual([
      "early,2024-03-01T16:00:00Z,0,2.5,0,2.5,3.5,2,0.5,",
      "hours,2024-03-01T19:30:00Z,2.5,2,1.05,0.95,3.5,2,0,",
      "second,2024-03-01T17:00:01Z,0.01,2.5,0.35,2.15,3.5,2,0.5,",
      "unknown,,,2.5,0,2.5,3.5,2,0.5,",
    ]);
  });
});

describe("late penalties", () => {
  test("none, zero, per hour and flat, in points or percent; never below zero", () => {
    const hour = 3600;
    expect(latePenalty(parseLatePenalty("none"), 5 * hour, 8, 10)).toBe(0);
    expect(latePenalty(parseLatePenalty("zero"), 1, 8, 10)).toBe(8);
    expect(latePenalty(parseLatePenalty("per-hour:1"), 2.5 * hour, 8, 10)).toBe(3);
    expect(latePenalty(parseLatePenalty("per-hour:1"), 20 * hour, 8, 10)).toBe(8);
    expect(latePenalty(parseLatePenalty("flat:10%"), 20 * hour, 8, 10)).toBe(1);
    expect(latePenalty(parseLatePenalty("flat:2"), 0, 8, 10)).toBe(0);
    expect(latePenalty(parseLatePenalty("flat:2"), undefined, 8, 10)).toBe(0);
    expect(() => parseLatePenalty("per-day:1")).toThrow(
      "--late-penalty must be none, zero, per-hour:P or flat:P (P points, or P% of the " +
        'assignment\'s points), got "per-day:1"',
    );
  });
});

describe("manual.csv", () => {
  test("points and comments for manual cells and tests; what does not apply is reported", () => {
    const file = path.join(folder("manual"), "manual.csv");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      "submission,grade_id,points,comment\n" +
        'alice,essay,0.5,"Good, but ""why"" is missing"\n' +
        "'-1+1,essay,1,\n" +
        "bob,essay,,looked at it: see me\n" +
        "alice,t1,1,half for the idea\n" +
        "carol,essay,1,\n" +
        "alice,nope,1,\n" +
        "bob,t2,9,\n" +
        "bob,t1,lots,\n",
    );
    const { entries, problems } = readManualCsv(file);
    expect(problems).toEqual([`${file}:9: points must be a number, got "lots"; row ignored`]);
    const results = [
      makeResult("alice", [2, 0.5]),
      makeResult("bob", [0, 0.5]),
      makeResult("-1+1", [0, 0]),
    ];
    const { rows, problems: rowProblems } = gradebookRows(IDENTITY.items, results, entries);
    expect(rowProblems).toEqual([
      'manual.csv:6: no submission "carol" in the gradebook; row ignored',
      'manual.csv:7: no graded cell "nope" in the assignment; row ignored',
      'manual.csv:8: 9 points is outside 0–0.5 for "t2"; row ignored',
    ]);
    expect(gradebookCsv(IDENTITY.items, rows).split("\n").slice(1, -1)).toEqual([
      "'-1+1,,,1,0,1,3.5,0,0,1",
      "alice,,,2,0,2,3.5,1,0.5,0.5",
      "bob,,,0.5,0,0.5,3.5,0,0.5,",
    ]);
    expect(rows[1].comments.get("essay")).toBe('Good, but "why" is missing');
    expect(rows[2].comments.get("essay")).toBe("looked at it: see me");
    expect(pendingCsv(IDENTITY.items, rows)).toBe(
      "submission,grade_id,points,comment\nbob,essay,,\n",
    );
  });

  test("a file without its header is not read, and says so", () => {
    const file = path.join(folder("manual"), "bad.csv");
    fs.writeFileSync(file, "alice,essay,1\n");
    expect(readManualCsv(file).problems[0]).toContain(
      'the first line must be "submission,grade_id,points,comment"',
    );
  });
});

describe("rebuilding a results folder", () => {
  test("grades.csv is the union of every result; grading one again changes its row only", () => {
    const dir = folder("union");
    writeResults(dir, [
      makeResult("alice", [2, 0.5]),
      makeResult("bob", [0, 0.5]),
      makeResult("carol", [2, 0]),
    ]);
    const first = rebuildGradebook(dir, { feedback: "all" });
    expect(first.rows.map((row) => row.result.submission)).toEqual(["alice", "bob", "carol"]);
    const before = fs.readFileSync(path.join(dir, "grades.csv"), "utf8").split("\n");
    writeResults(dir, [makeResult("bob", [2, 0.5], { gradedAt: "2024-03-03T00:00:00Z" })]);
    rebuildGradebook(dir, { feedback: new Set(["bob"]) });
    const after = fs.readFileSync(path.join(dir, "grades.csv"), "utf8").split("\n");
    expect(after.filter((line, k) => line !== before[k])).toEqual(["bob,,,2.5,0,2.5,3.5,2,0.5,"]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "alice.html",
      "alice.json",
      "bob.html",
      "bob.json",
      "carol.html",
      "carol.json",
      "grades.csv",
      "manual-pending.csv",
      "summary.html",
    ]);
  });

  test("results of another assignment, or of another version of it, are refused, not mixed", () => {
    const dir = folder("mixed");
    const other = { ...IDENTITY, checksum: "b".repeat(64) };
    writeResults(dir, [
      makeResult("alice", [2, 0.5]),
      makeResult("bob", [0, 0], { assignment: other }),
    ]);
    expect(() => rebuildGradebook(dir, { feedback: "all" })).toThrow(GradebookError);
    expect(() => rebuildGradebook(dir, { feedback: "all" })).toThrow(
      /holds 1 result\(s\) of hw\.ipynb \(version bbbbbbbbbbbb\), which is not hw\.ipynb \(version aaaaaaaaaaaa\)/,
    );
    expect(fs.existsSync(path.join(dir, "grades.csv"))).toBe(false);
  });

  test("a damaged or foreign JSON file is reported and left out; the other rows stay", () => {
    const dir = folder("damaged");
    writeResults(dir, [makeResult("alice", [2, 0.5])]);
    fs.writeFileSync(path.join(dir, "bob.json"), '{"submission": "bob", "tes');
    fs.writeFileSync(path.join(dir, "notes.json"), "{}");
    const { rows, problems } = rebuildGradebook(dir, { feedback: "all" });
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([
      expect.stringMatching(/bob\.json could not be read \(.*\); left out of the gradebook$/),
      `${path.join(dir, "notes.json")} is not a gradbook result of this version; left out of the gradebook`,
    ]);
  });

  test("re-reads only files that changed", () => {
    const dir = folder("cache");
    writeResults(dir, [makeResult("alice", [2, 0.5])]);
    const reader = new ResultsFolder(dir);
    const first = reader.load().results[0];
    expect(reader.load().results[0]).toBe(first);
    writeResults(dir, [makeResult("alice", [0, 0.5], { gradedAt: "2024-03-04T00:00:00Z" })]);
    expect(reader.load().results[0].total).toBe(0.5);
  });

  test("an atomic write replaces a file whole and leaves nothing beside it", () => {
    const file = path.join(folder("atomic"), "grades.csv");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "old\n");
    writeFileAtomic(file, "new\n");
    expect(fs.readFileSync(file, "utf8")).toBe("new\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["grades.csv"]);
  });

  test("long names get a short file name of their own", () => {
    const long = "é".repeat(150);
    expect(Buffer.byteLength(resultBase(long))).toBeLessThanOrEqual(200);
    expect(resultBase(long)).not.toBe(resultBase(`${long}x`));
    expect(resultBase("alice")).toBe("alice");
  });
});

describe("merging shards", () => {
  test("copies results and notebooks in, newest wins, and equals the folder graded at once", () => {
    const all = [makeResult("a", [2, 0.5]), makeResult("b", [0, 0.5]), makeResult("c", [2, 0])];
    writeResults(folder("whole"), all);
    writeResults(folder("shard0"), [all[0], all[2]]);
    writeResults(folder("shard1"), [all[1]]);
    fs.writeFileSync(path.join(folder("shard1"), "b.ipynb"), "{}");
    writeResults(folder("merged"), [makeResult("a", [0, 0], { gradedAt: "2024-03-01T00:00:00Z" })]);
    const report = mergeResults(new ResultsFolder(folder("merged")), [
      folder("shard0"),
      folder("shard1"),
    ]);
    expect(report).toEqual({ copied: ["a", "c", "b"], kept: [] });
    expect(fs.existsSync(path.join(folder("merged"), "b.ipynb"))).toBe(true);
    rebuildGradebook(folder("whole"), { feedback: "all" });
    rebuildGradebook(folder("merged"), { feedback: "all" });
    for (const file of ["grades.csv", "summary.html", "a.html"]) {
      expect(fs.readFileSync(path.join(folder("merged"), file), "utf8")).toBe(
        fs.readFileSync(path.join(folder("whole"), file), "utf8"),
      );
    }
    expect(mergeResults(new ResultsFolder(folder("merged")), [folder("shard0")]).kept).toEqual([
      "a",
      "c",
    ]);
  });

  test("a missing folder or another assignment's results stop the merge before any copy", () => {
    writeResults(folder("alien"), [
      makeResult("z", [0, 0], { assignment: { ...IDENTITY, notebook: "hw2.ipynb" } }),
    ]);
    const target = new ResultsFolder(folder("target"));
    expect(() => mergeResults(target, [folder("shard0"), folder("alien")])).toThrow(GradebookError);
    expect(() => mergeResults(target, [folder("nowhere")])).toThrow(
      `results folder ${folder("nowhere")} does not exist`,
    );
    expect(fs.existsSync(folder("target"))).toBe(false);
  });
});
