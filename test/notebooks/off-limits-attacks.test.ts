// Off-limits functions against students who try to get around them (issue 12): one
// `gradbook grade` batch over a class in which each submission reaches the off-limits twin in
// another way (test/fixtures/grader/off-limits-class.ts). Each must lose exactly the points of
// the exercise it cheats on, with feedback naming the function; the reference, whose tests use
// the twins as their oracles and whose own cells may call them outside the tests, keeps all.
// `gradbook check` enforces the same rules from the student's own notebook.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentVersion } from "../../src/grader/authoring/assign";
import { validateAssignment } from "../../src/grader/authoring/markup";
import { checkNotebook } from "../../src/grader/check";
import { gradeBatch, type BatchReport } from "../../src/grader/grade";
import { splitLines, writeNotebook, type Cell, type Notebook } from "../../src/notebook";
import {
  ATTACKS,
  REFERENCE,
  TEST_OF,
  offLimitsSource,
  type Attack,
} from "../fixtures/grader/off-limits-class";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-off-limits-"));
const SOURCE = path.join(WORK, "source.ipynb");
const MAX = 4;

function plainCell(source: string): Cell {
  return {
    cell_type: "code",
    id: "attack-setup",
    metadata: {},
    source: splitLines(source),
    outputs: [],
    execution_count: null,
  };
}

function withoutDelimiters(code: string): string {
  return code
    .split("\n")
    .filter((line) => !/\/\/ (BEGIN|END) SOLUTION/.test(line))
    .join("\n");
}

/** The release answered with the references, then `attack` applied. */
function submission(release: Notebook, attack?: Attack): Notebook {
  const cells = release.cells.map((cell): Cell => {
    const code =
      attack !== undefined && attack.cell === cell.id ? attack.code : REFERENCE[cell.id ?? ""];
    return code === undefined ? cell : { ...cell, source: splitLines(withoutDelimiters(code)) };
  });
  const calls = plainCell(
    attack?.before ?? "const outsideTheTests = gb.softmax(gb.tensor([[1, 2]]));",
  );
  cells.splice(1, 0, calls);
  return { ...release, cells };
}

let release: Notebook;
let report: BatchReport;

beforeAll(async () => {
  fs.chmodSync(WORK, 0o755);
  writeNotebook(SOURCE, offLimitsSource());
  release = studentVersion(validateAssignment(offLimitsSource(), SOURCE)).notebook;
  const files = [
    ["reference", submission(release)] as const,
    ...Object.entries(ATTACKS).map(
      ([name, attack]) => [name, submission(release, attack)] as const,
    ),
  ].map(([name, notebook]) => {
    const file = path.join(WORK, `${name}.ipynb`);
    writeNotebook(file, notebook);
    return file;
  });
  report = await gradeBatch({
    source: SOURCE,
    submissions: files,
    outDir: path.join(WORK, "graded"),
    workers: 2,
    timeoutMs: 60_000,
  });
}, 900_000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe("off-limits functions against a class of attacks", () => {
  it("the reference keeps full marks: the tests' oracles and calls outside the tests are allowed", () => {
    expect(report.environmentErrors).toEqual([]);
    const reference = report.results.find((result) => result.submission === "reference");
    expect(reference?.tests.map((test) => `${test.gradeId}: ${test.error}`)).toEqual(
      reference?.tests.map((test) => `${test.gradeId}: `),
    );
    expect(reference?.total).toBe(MAX);
  });

  it.each(Object.entries(ATTACKS))(
    "%s loses exactly its exercise's points, naming the function",
    (name, attack) => {
      const result = report.results.find((candidate) => candidate.submission === name);
      const { test, points } = TEST_OF[attack.cell];
      const lost = result?.tests.filter((entry) => !entry.passed).map((entry) => entry.gradeId);
      const failing = result?.tests.find((entry) => entry.gradeId === test);
      const twin = attack.cell === "exp-all" ? "gb.exp" : "gb.softmax";
      expect(
        {
          total: result?.total,
          lost,
          names: failing?.error.includes(`${twin} is off-limits: this exercise asks you to`),
        },
        failing?.error,
      ).toEqual({
        total: MAX - points,
        lost: [test],
        names: true,
      });
    },
  );

  it("gradbook check enforces the rule from the student's notebook", async () => {
    const file = path.join(WORK, "checked.ipynb");
    writeNotebook(file, submission(release, ATTACKS.alias));
    const { result } = await checkNotebook(file, { timeoutMs: 60_000 });
    expect(result.tests.map((test) => [test.gradeId, test.passed])).toEqual([
      ["test-softmax-rows", false],
      ["test-exp-all", true],
      ["test-softmax-later", true],
    ]);
    expect(result.tests[0].error).toContain(
      "gb.softmax is off-limits: this exercise asks you to write the softmax yourself",
    );
  });
});
