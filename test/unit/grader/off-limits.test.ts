import { describe, expect, test } from "vitest";
import { studentVersion } from "../../../src/grader/authoring/assign";
import { markCells, validateAssignment } from "../../../src/grader/authoring/markup";
import { offLimitsByTest, unresolvedOffLimits } from "../../../src/grader/authoring/off-limits";
import { splitLines, type Cell, type JSONObject, type Notebook } from "../../../src/notebook";

function code(id: string, source: string, nbgrader?: JSONObject, extra: JSONObject = {}): Cell {
  const metadata: JSONObject = nbgrader
    ? {
        ...extra,
        nbgrader: {
          grade_id: id,
          solution: false,
          grade: false,
          locked: false,
          task: false,
          schema_version: 3,
          ...nbgrader,
        },
      }
    : extra;
  return {
    cell_type: "code",
    id,
    metadata,
    source: splitLines(source),
    outputs: [],
    execution_count: null,
  };
}

const SOLVE = (marker: string) =>
  `${marker}\nfunction f(z: number): number {\n  // BEGIN SOLUTION\n  return z * 2 + 1;\n  // END SOLUTION\n}`;

function notebook(solutionSource: string, extra: JSONObject = {}, cells: Cell[] = []): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      code("import", 'import * as gb from "gradbook";\nimport { linalg as la } from "gradbook";', {
        locked: true,
      }),
      code("solve", solutionSource, { solution: true }, extra),
      code("test-a", "if (f(1) !== 3) throw new Error();", {
        grade: true,
        locked: true,
        points: 1,
      }),
      code("test-b", "if (f(2) !== 5) throw new Error();", {
        grade: true,
        locked: true,
        points: 1,
      }),
      code(
        "next",
        "function g(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}",
        { solution: true },
      ),
      code("test-c", "if (g() !== 1) throw new Error();", { grade: true, locked: true, points: 1 }),
      ...cells,
    ],
  };
}

describe("off-limits declarations", () => {
  test("a marker line applies to the tests up to the next solution cell, names resolved through imports", () => {
    const source = notebook(
      SOLVE("// OFF-LIMITS: gb.softmax, la.inv — write the softmax yourself"),
    );
    const rules = offLimitsByTest(validateAssignment(source));
    const softmax = {
      module: "gradbook",
      path: ["softmax"],
      label: "gb.softmax",
      reason: "write the softmax yourself",
    };
    const inv = {
      module: "gradbook",
      path: ["linalg", "inv"],
      label: "la.inv",
      reason: "write the softmax yourself",
    };
    expect([...rules]).toEqual([
      ["test-a", [softmax, inv]],
      ["test-b", [softmax, inv]],
    ]);
  });

  test("metadata declares the same, with or without a marker line", () => {
    const source = notebook(SOLVE(""), {
      gradbook: { off_limits: ["gb.sigmoid"], off_limits_reason: "use exp" },
    });
    expect(offLimitsByTest(validateAssignment(source)).get("test-a")).toEqual([
      { module: "gradbook", path: ["sigmoid"], label: "gb.sigmoid", reason: "use exp" },
    ]);
  });

  test("the student version keeps the line and copies the declaration into its metadata", () => {
    const source = notebook(SOLVE("// OFF-LIMITS: gb.softmax -- write the softmax yourself"));
    const cell = studentVersion(validateAssignment(source)).notebook.cells[1];
    expect(cell.source[0]).toBe("// OFF-LIMITS: gb.softmax -- write the softmax yourself\n");
    expect(cell.metadata.gradbook).toEqual({
      off_limits: ["gb.softmax"],
      off_limits_reason: "write the softmax yourself",
    });
  });

  test("mistakes are markup problems that name the cell", () => {
    const problems = (source: Notebook) => markCells(source).problems;
    expect(problems(notebook(SOLVE("// OFF-LIMITS: np.softmax")))).toEqual([
      'cell 1 (grade_id "solve") declares an off-limits function "np.softmax": the notebook imports nothing named np (write the name as the notebook uses it, e.g. gb.softmax after import * as gb from "gradbook")',
    ]);
    expect(problems(notebook(SOLVE("// OFF-LIMITS:")))).toEqual([
      'cell 1 (grade_id "solve") its OFF-LIMITS line names no function ("// OFF-LIMITS: gb.name")',
    ]);
    const hidden =
      "function f(z: number): number {\n  // BEGIN SOLUTION\n  // OFF-LIMITS: gb.softmax\n  return z * 2 + 1;\n  // END SOLUTION\n}";
    expect(problems(notebook(hidden))).toEqual([
      'cell 1 (grade_id "solve") has an OFF-LIMITS line that its stub would remove: put it outside BEGIN SOLUTION … END SOLUTION so that students see the rule',
    ]);
    const inTest = notebook(SOLVE(""), {}, [code("plain", "// OFF-LIMITS: gb.softmax")]);
    expect(problems(inTest)).toEqual([
      "cell 6 declares off-limits functions but is not an autograded answer cell",
    ]);
  });

  test("names that the module does not export as functions are reported", () => {
    const source = notebook(SOLVE("// OFF-LIMITS: gb.softmax, gb.sofmax, la.inv"));
    const load = (module: string) =>
      ({ gradbook: { softmax: () => 0, linalg: { inv: () => 0 } } })[module];
    expect(unresolvedOffLimits(validateAssignment(source), load)).toEqual([
      "off-limits gb.sofmax: gradbook has no function sofmax",
    ]);
  });
});
