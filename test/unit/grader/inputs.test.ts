// What `gradbook grade` is given: layouts (files, a flat folder, a folder per student, nbgrader's
// submitted/ tree), names as bytes, links, hostile files, nbgrader's timestamps, and shards.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { shardOf, parseShard } from "../../../src/grader/shard";
import { collectSubmissions, GradeInputError } from "../../../src/grader/submissions";
import { isoTime, parseTime } from "../../../src/grader/timestamp";
import { NotebookError, parseNotebook, pathText, readNotebook } from "../../../src/notebook";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-inputs-"));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

const NOTEBOOK = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] });

function files(root: string, tree: Record<string, string>): string {
  for (const [name, text] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function collect(inputs: string[], assignment?: string) {
  const { submissions, skipped } = collectSubmissions(inputs, { notebook: "hw.ipynb", assignment });
  const shown = submissions.map((s) => ({
    name: s.name,
    file: pathText(s.path).slice(WORK.length + 1),
    ...(s.timestamp ? { timestamp: s.timestamp } : {}),
    ...(s.refused ? { refused: s.refused } : {}),
  }));
  return { shown, skipped, submissions };
}

describe("layouts", () => {
  test("files as given; a folder of notebooks, hidden entries and other files left out", () => {
    const dir = files(path.join(WORK, "flat"), {
      "b.ipynb": NOTEBOOK,
      "a.ipynb": NOTEBOOK,
      "notes.txt": "",
      ".ipynb_checkpoints/a-checkpoint.ipynb": NOTEBOOK,
    });
    expect(collect([dir, path.join(dir, "notes.txt")]).shown).toEqual([
      { name: "a", file: "flat/a.ipynb" },
      { name: "b", file: "flat/b.ipynb" },
      { name: "notes.txt", file: "flat/notes.txt" },
    ]);
  });

  test("a folder per student (an LMS download): the notebook named like the source, or the only one", () => {
    const dir = files(path.join(WORK, "lms"), {
      "alice/hw.ipynb": NOTEBOOK,
      "alice/scratch.ipynb": NOTEBOOK,
      "bob/my homework.ipynb": NOTEBOOK,
      "bob/timestamp.txt": "2024-03-01 18:00:00.5 UTC",
      "carol/a.ipynb": NOTEBOOK,
      "carol/b.ipynb": NOTEBOOK,
      "dave/readme.txt": "",
    });
    expect(collect([dir]).shown).toEqual([
      { name: "alice", file: "lms/alice/hw.ipynb" },
      { name: "bob", file: "lms/bob/my homework.ipynb", timestamp: "2024-03-01T18:00:00.500Z" },
      {
        name: "carol",
        file: "lms/carol",
        refused: `no hw.ipynb in ${dir}/carol (found a.ipynb, b.ipynb)`,
      },
      { name: "dave", file: "lms/dave", refused: `no notebook in ${dir}/dave (expected hw.ipynb)` },
    ]);
  });

  test("nbgrader's submitted/ tree with --assignment: student = folder, time from timestamp.txt", () => {
    const dir = files(path.join(WORK, "submitted"), {
      "alice/ps1/hw.ipynb": NOTEBOOK,
      "alice/ps1/timestamp.txt": "2024-03-01 17:04:05.123456 UTC",
      "alice/ps2/hw.ipynb": NOTEBOOK,
      "bob/ps1/other.ipynb": NOTEBOOK,
      "carol/ps2/hw.ipynb": NOTEBOOK,
      "dave/ps1/hw.ipynb": NOTEBOOK,
      "dave/ps1/timestamp.txt": "yesterday",
    });
    const { shown, skipped, submissions } = collect([dir], "ps1");
    expect(shown).toEqual([
      {
        name: "alice",
        file: "submitted/alice/ps1/hw.ipynb",
        timestamp: "2024-03-01T17:04:05.123Z",
      },
      {
        name: "bob",
        file: "submitted/bob/ps1",
        refused: `no hw.ipynb in ${dir}/bob/ps1 (found other.ipynb)`,
      },
      { name: "dave", file: "submitted/dave/ps1/hw.ipynb" },
    ]);
    expect(skipped).toEqual([`${dir}/carol: no ps1 folder (nothing handed in)`]);
    expect(submissions[2].notes[0]).toMatch(
      /^timestamp\.txt could not be read \("yesterday" is not a time/,
    );
    expect(collect([path.join(dir, "alice")], "ps2").shown).toEqual([
      { name: "alice", file: "submitted/alice/ps2/hw.ipynb" },
    ]);
  });

  test("an input without notebooks is the instructor's error, saying what was expected", () => {
    const empty = files(path.join(WORK, "empty"), { "readme.txt": "" });
    expect(() => collect([empty])).toThrow(
      `${empty} holds no notebook: expected notebook files (one per student), a folder per ` +
        "student holding a notebook, or nbgrader's submitted/ tree with --assignment NAME",
    );
    const tree = path.join(WORK, "submitted");
    expect(() => collect([tree])).toThrow(
      /like nbgrader's submitted\/ tree .*: pass --assignment NAME/,
    );
    expect(() => collect([tree], "ps9")).toThrow(
      `${tree} holds no submission of ps9: expected nbgrader's submitted/ tree, ${tree}/<student>/ps9/hw.ipynb`,
    );
    expect(() => collect([path.join(WORK, "nobody.ipynb")])).toThrow(GradeInputError);
  });

  test('two students with one name, a name that is only .ipynb, or "summary" stop the batch', () => {
    const dir = files(path.join(WORK, "clash"), {
      "x/alice.ipynb": NOTEBOOK,
      "y/alice.ipynb": NOTEBOOK,
      ".ipynb": NOTEBOOK,
      "summary.ipynb": NOTEBOOK,
    });
    expect(() => collect([`${dir}/x/alice.ipynb`, `${dir}/y/alice.ipynb`])).toThrow(
      `submissions must have distinct file names: ${dir}/x/alice.ipynb and ${dir}/y/alice.ipynb`,
    );
    expect(() => collect([`${dir}/.ipynb`])).toThrow("has no name");
    expect(() => collect([`${dir}/summary.ipynb`])).toThrow('is named "summary"');
  });
});

describe("names are bytes", () => {
  test("names that are not UTF-8 stay distinct, shown escaped, and open by their bytes", () => {
    const dir = path.join(WORK, "bytes");
    fs.mkdirSync(dir);
    const raw = (bytes: number[]) =>
      Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(bytes), Buffer.from(".ipynb")]);
    fs.writeFileSync(raw([0x63, 0x61, 0x66, 0xe9]), NOTEBOOK);
    fs.writeFileSync(raw([0x63, 0x61, 0x66, 0xe8]), NOTEBOOK);
    fs.writeFileSync(raw([0x6c, 0x69, 0x6e, 0x65, 0x0a, 0x1b, 0x5b, 0x32, 0x4a, 0x5c]), NOTEBOOK);
    const { submissions } = collect([dir]);
    expect(submissions.map((s) => s.name)).toEqual([
      "caf\\xe8",
      "caf\\xe9",
      "line\\x0a\\x1b[2J\\x5c",
    ]);
    expect(submissions.every((s) => readNotebook(s.path).nbformat === 4)).toBe(true);
    const lossy = `${dir}/caf\uFFFD.ipynb`;
    expect(() => collect([lossy])).toThrow(`submission ${lossy} does not exist`);
  });

  test("pathText escapes invalid UTF-8, controls and backslashes, and keeps valid text", () => {
    expect(pathText(Buffer.from("Zoë 名前.ipynb"))).toBe("Zoë 名前.ipynb");
    expect(pathText(Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0x5c, 0x09, 0x7f]))).toBe(
      "\\xc3(\\xe2\\x82\\x5c\\x09\\x7f",
    );
    expect(pathText(Buffer.from([0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]))).toBe(
      "\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80",
    );
  });
});

describe("links and files that are not notebooks", () => {
  test("a symbolic link in a folder or on the command line is refused, never followed", () => {
    const dir = files(path.join(WORK, "links"), {
      "real/hw.ipynb": NOTEBOOK,
      "alice.ipynb": NOTEBOOK,
    });
    fs.symlinkSync("/etc/passwd", path.join(dir, "passwd.ipynb"));
    fs.symlinkSync(path.join(dir, "alice.ipynb"), path.join(dir, "copy.ipynb"));
    const { shown } = collect([dir]);
    expect(shown.map((s) => [s.name, s.refused?.slice(0, 28)])).toEqual([
      ["alice", undefined],
      ["copy", "is a symbolic link; gradbook"],
      ["passwd", "is a symbolic link; gradbook"],
    ]);
    expect(collect([path.join(dir, "copy.ipynb")]).shown[0].refused).toMatch(/^is a symbolic link/);
    const students = files(path.join(WORK, "link-students"), { "bob/hw.ipynb": NOTEBOOK });
    fs.symlinkSync(path.join(dir, "real"), path.join(students, "mallory"));
    expect(collect([students]).shown[1]).toMatchObject({
      name: "mallory",
      refused: expect.stringMatching(/^is a symbolic link/),
    });
    expect(() => readNotebook(path.join(dir, "passwd.ipynb"), { refuseLinks: true })).toThrow(
      "is a symbolic link; links are not followed (copy the notebook itself)",
    );
  });

  test("a pipe is refused without waiting on it; a folder and a missing file say what they are", () => {
    const fifo = path.join(WORK, "pipe.ipynb");
    execFileSync("mkfifo", [fifo]);
    expect(() => readNotebook(fifo)).toThrow(
      "is not a regular file (a pipe, a socket or a device)",
    );
    expect(() => readNotebook(WORK)).toThrow("is a folder, not a notebook file");
    expect(() => readNotebook(path.join(WORK, "none.ipynb"))).toThrow("no such file");
  });
});

describe("hostile JSON is refused with a reason before anything walks it", () => {
  const cell = { cell_type: "code", source: "", metadata: {}, outputs: [], execution_count: null };

  test("nesting 200,000 deep", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const text = JSON.stringify({
      nbformat: 4,
      metadata: {},
      cells: [{ ...cell, metadata: { x: 0 } }],
    }).replace("0", deep);
    expect(() => parseNotebook(text, "deep.ipynb")).toThrow(
      "deep.ipynb: not read: its JSON nests more than 100 levels deep",
    );
    const brackets = JSON.stringify({
      nbformat: 4,
      metadata: {},
      cells: [{ ...cell, source: "[".repeat(5000) }],
    });
    expect(parseNotebook(brackets).cells).toHaveLength(1);
  });

  test("too many cells, too many bytes", () => {
    const many = JSON.stringify({ nbformat: 4, metadata: {}, cells: new Array(5001).fill(cell) });
    expect(() => parseNotebook(many, "many.ipynb")).toThrow(
      "many.ipynb: not read: it has 5001 cells; gradbook reads notebooks of up to 5000 cells",
    );
    const big = path.join(WORK, "big.ipynb");
    fs.writeFileSync(big, " ".repeat(2048));
    const limits = { maxBytes: 1024, maxDepth: 100, maxCells: 10 };
    expect(() => readNotebook(big, { limits })).toThrow(NotebookError);
    expect(() => readNotebook(big, { limits })).toThrow(
      "not read: the file is 0 MiB; gradbook reads notebooks up to 0 MiB (clear the outputs before handing it in)",
    );
  });
});

describe("nbgrader's timestamps and due dates", () => {
  test("reads nbgrader's format in any zone, ISO 8601 and offsets", () => {
    const iso = (text: string, zone = false) => isoTime(parseTime(text, zone));
    expect(iso("2024-03-01 17:04:05.123456 UTC")).toBe("2024-03-01T17:04:05.123Z");
    expect(iso("2024-03-01 18:00:00.000000 Europe/Berlin")).toBe("2024-03-01T17:00:00Z");
    expect(iso("2024-07-01 19:00:00 Europe/Berlin")).toBe("2024-07-01T17:00:00Z");
    expect(iso("2024-03-01 12:00:00 EST")).toBe("2024-03-01T17:00:00Z");
    expect(iso("2024-03-01T17:00:00Z", true)).toBe("2024-03-01T17:00:00Z");
    expect(iso("2024-03-01T18:30:00+01:30", true)).toBe("2024-03-01T17:00:00Z");
    expect(iso("2024-03-01 17:00:00")).toBe("2024-03-01T17:00:00Z");
  });

  test("says what is wrong: not a time, no zone for a due date, unknown zone, no such day", () => {
    expect(() => parseTime("2024-03-01T17:00:00", true)).toThrow(
      '"2024-03-01T17:00:00" has no time zone: add one, such as Z (UTC) or +01:00',
    );
    expect(() => parseTime("2024-03-01 17:00:00 Mars/Olympus")).toThrow(
      'unknown time zone "Mars/Olympus"',
    );
    expect(() => parseTime("2024-02-30 17:00:00")).toThrow("is not a valid date and time");
    expect(() => parseTime("soon")).toThrow('"soon" is not a time: expected ISO 8601');
  });
});

describe("shards", () => {
  test("stable by name: adding students moves no one; every student in exactly one shard", () => {
    const names = Array.from({ length: 200 }, (_, k) => `student-${k}`);
    const before = new Map(names.map((name) => [name, shardOf(name, 3)]));
    const more = [...names, "zoe", "yann", "xavier"];
    expect(
      more.filter((name) => before.has(name) && shardOf(name, 3) !== before.get(name)),
    ).toEqual([]);
    const sizes = [0, 1, 2].map((i) => names.filter((name) => shardOf(name, 3) === i).length);
    expect(sizes.every((size) => size > 40)).toBe(true);
  });

  test("I/N counts from 0", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(() => parseShard("3/3")).toThrow(
      '--shard must be I/N with 0 ≤ I < N (shards count from 0), got "3/3"; the last of 3 shards is 2/3',
    );
    expect(() => parseShard("1")).toThrow("--shard must be I/N");
  });
});
