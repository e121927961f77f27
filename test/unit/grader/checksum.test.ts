// nbgrader's checksum against nbgrader itself: every expected value below was computed by
// nbgrader 0.9.5's compute_checksum (nbgrader/utils.py) and Python's repr(float(x)).
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  changedSinceRelease,
  hasNbgraderChecksum,
  nbgraderChecksum,
  pythonFloat,
} from "../../../src/grader/authoring/checksum";
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, type Cell, type JSONObject } from "../../../src/notebook";

function cell(cellType: "code" | "markdown", source: string, nbgrader: JSONObject): Cell {
  const metadata = { nbgrader: { ...nbgrader, schema_version: 3 } };
  return cellType === "code"
    ? { cell_type: "code", source, metadata, outputs: [], execution_count: null }
    : { cell_type: "markdown", source, metadata };
}

const test_predict = { grade: true, solution: false, locked: true, grade_id: "test_predict" };

describe("nbgraderChecksum", () => {
  test.each([
    ["a test cell", cell("code", "assertShape(predict(X, w), [3, 1]);", { ...test_predict, points: 2 }), "936edf7311b6894dc1f5ec227ea6f4e5"],
    ["a stubbed solution", cell("code", '// YOUR CODE HERE\nthrow new Error("not implemented");', { grade: false, solution: true, locked: false, grade_id: "predict" }), "cefec3c2529b31594d2bdb85d4b9ffce"],
    ["locked markdown with non-ASCII text", cell("markdown", "## Read me\n\nκ(XᵀX) — unicode", { grade: false, solution: false, locked: true, grade_id: "intro" }), "1f63546f7dc72bfc6820e59353e3eae6"],
    ["a manually graded answer (half a point)", cell("markdown", "YOUR ANSWER HERE", { grade: true, solution: true, locked: false, grade_id: "explain", points: 0.5 }), "2c137db7d9974b24a7695aa418162e2e"],
    ["a grade cell, locked or not (points 1e16)", cell("code", "x", { grade: true, solution: false, locked: false, grade_id: "big", points: 1e16 }), "7080ab1ba47822201fa6aa9c40989bb0"],
    ["points 1.5e-5", cell("code", "x", { grade: true, solution: false, locked: true, grade_id: "tiny", points: 1.5e-5 }), "becb0be3a5685ce489e1aa5a245c08c2"],
    ["points 0.1", cell("code", "x", { grade: true, solution: false, locked: true, grade_id: "tenth", points: 0.1 }), "89a0045970b0fe34a476a83e26889964"],
    ["points 123456789.25", cell("code", "x", { grade: true, solution: false, locked: true, grade_id: "many", points: 123456789.25 }), "faf8da2e5ea80d2dbffd7eb9b3310863"],
    ["an empty locked cell", cell("code", "", { grade: false, solution: false, locked: true, grade_id: "empty" }), "b004904825a3e34e89a43f55fdc2e25e"],
  ])("%s", (_what, given, expected) => {
    expect(nbgraderChecksum(given)).toBe(expected);
  }); // prettier-ignore

  test("a source stored as a list of lines hashes as its joined text", () => {
    const joined = cell("code", "a\nb", { ...test_predict, points: 1 });
    const lines = { ...joined, source: ["a\n", "b"] };
    expect(nbgraderChecksum(lines)).toBe(nbgraderChecksum(joined));
  });

  test("only grade, solution and locked cells have one, as in nbgrader's ComputeChecksums", () => {
    expect(hasNbgraderChecksum(cell("code", "x", { ...test_predict, points: 1 }))).toBe(true);
    const task = { grade: false, solution: false, locked: false, task: true, grade_id: "t" };
    expect(hasNbgraderChecksum(cell("markdown", "x", task))).toBe(false);
    const plain: Cell = { cell_type: "markdown", source: "x", metadata: {} };
    expect(hasNbgraderChecksum(plain)).toBe(false);
  });
});

describe("pythonFloat is Python's repr(float(x))", () => {
  test.each([
    [1, "1.0"], [2.5, "2.5"], [0.1, "0.1"], [1e16, "1e+16"], [1e-5, "1e-05"], [1.5e-5, "1.5e-05"],
    [0.0001, "0.0001"], [123456789.25, "123456789.25"], [1e15, "1000000000000000.0"],
    [9999999999999998, "9999999999999998.0"], [1e22, "1e+22"], [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"], [0, "0.0"], [-0, "-0.0"], [100, "100.0"],
    [1234567890123456.8, "1234567890123456.8"], [0.30000000000000004, "0.30000000000000004"],
    [1 / 3, "0.3333333333333333"], [NaN, "nan"], [Infinity, "inf"], [-Infinity, "-inf"],
  ])("%s → %s", (value, repr) => {
    expect(pythonFloat(value)).toBe(repr);
  }); // prettier-ignore
});

describe("changedSinceRelease", () => {
  const released = cell("code", "assertShape(w, [2]);", { ...test_predict, points: 1 });
  const withChecksum = (given: Cell, checksum: string): Cell => ({
    ...given,
    metadata: {
      nbgrader: { ...(given.metadata.nbgrader as JSONObject), checksum },
    },
  });
  const edited = (given: Cell): Cell => ({ ...given, source: "assertShape(w, [3]);" });

  test("compares with nbgrader's checksum, whoever made the release", () => {
    const handedOut = withChecksum(released, nbgraderChecksum(released));
    expect(changedSinceRelease(handedOut)).toBe(false);
    expect(changedSinceRelease(edited(handedOut))).toBe(true);
  });

  test("still reads the sha256 of releases made by earlier gradbook versions", () => {
    const fields = ["code", "assertShape(w, [2]);", "test_predict", 1, false, true, true];
    const sha256 = createHash("sha256").update(JSON.stringify(fields)).digest("hex");
    const handedOut = withChecksum(released, sha256);
    expect(changedSinceRelease(handedOut)).toBe(false);
    expect(changedSinceRelease(edited(handedOut))).toBe(true);
  });

  test("no cell of the course's releases (nbgrader's generate_assignment writes the same) changed", () => {
    const releases = path.resolve(__dirname, "../../../notebooks/release");
    const files = fs.readdirSync(releases).filter((name) => name.endsWith(".ipynb"));
    expect(files).toHaveLength(8);
    for (const file of files) {
      const cells = readNotebook(path.join(releases, file)).cells.filter(hasNbgraderChecksum);
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.map(changedSinceRelease), file).toEqual(cells.map(() => false));
    }
  });

  test("says nothing without a checksum or with one of neither kind", () => {
    expect(changedSinceRelease(released)).toBeUndefined();
    expect(changedSinceRelease(withChecksum(released, "not-a-checksum"))).toBeUndefined();
  });
});
