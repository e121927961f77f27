import { describe, expect, test } from "vitest";
import {
  MarkupError,
  findRegions,
  nbgraderMetadata,
  roleOf,
  validateAssignment,
} from "../../../src/grader/authoring/markup";
import type { Cell, JSONObject, Notebook } from "../../../src/notebook";

function meta(gradeId: string, flags: Partial<Record<string, unknown>> = {}): JSONObject {
  return {
    nbgrader: {
      grade_id: gradeId,
      solution: false,
      grade: false,
      locked: false,
      schema_version: 3,
      ...flags,
    } as JSONObject,
  };
}

function code(source: string, metadata: JSONObject = {}): Cell {
  return { cell_type: "code", source, metadata, outputs: [], execution_count: null };
}

function markdown(source: string, metadata: JSONObject = {}): Cell {
  return { cell_type: "markdown", source, metadata };
}

function notebook(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

function problemsOf(cells: Cell[]): string[] {
  try {
    validateAssignment(notebook(cells), "hw.ipynb");
  } catch (error) {
    if (error instanceof MarkupError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe("cell roles", () => {
  test("nbgrader's flags map to the roles of create-assignment", () => {
    const role = (flags: Record<string, unknown>) =>
      roleOf(nbgraderMetadata(code("", meta("x", flags))));
    expect(role({ solution: true })).toBe("solution");
    expect(role({ grade: true, locked: true, points: 1 })).toBe("tests");
    expect(role({ solution: true, grade: true, points: 1 })).toBe("manual");
    expect(role({ task: true, points: 1 })).toBe("task");
    expect(role({ locked: true })).toBe("readonly");
    expect(role({})).toBe("plain");
    expect(roleOf(nbgraderMetadata(code("")))).toBe("plain");
  });

  test("metadata is read defensively", () => {
    const cell = code("", { nbgrader: { grade_id: 3, points: "2", grade: "yes" } });
    expect(nbgraderMetadata(cell)).toMatchObject({ grade_id: "", points: undefined, grade: false });
    expect(nbgraderMetadata(code("", { nbgrader: [] as unknown as JSONObject }))).toBeUndefined();
  });
});

describe("findRegions", () => {
  test("finds solution and hidden regions by their delimiter lines", () => {
    const lines = [
      "a",
      "  // BEGIN SOLUTION",
      "b",
      "  // END SOLUTION",
      "//BEGIN HIDDEN TESTS",
      "c",
      "// END HIDDEN TESTS",
    ];
    expect(findRegions(lines, "code")).toEqual({
      regions: [
        { kind: "solution", begin: 1, end: 3 },
        { kind: "hidden", begin: 4, end: 6 },
      ],
      problems: [],
    });
  });

  test("reports unbalanced, nested and misplaced delimiters with their line", () => {
    expect(findRegions(["// END SOLUTION"], "code").problems).toEqual([
      'line 1: "END SOLUTION" without a matching "BEGIN SOLUTION" before it',
    ]);
    expect(findRegions(["// BEGIN SOLUTION", "x"], "code").problems).toEqual([
      'line 1: "BEGIN SOLUTION" is never closed by "END SOLUTION"',
    ]);
    expect(
      findRegions(["// BEGIN SOLUTION", "// BEGIN HIDDEN TESTS", "// END SOLUTION"], "code")
        .problems,
    ).toEqual([
      'line 2: "BEGIN HIDDEN TESTS" inside the region opened by "BEGIN SOLUTION" on line 1',
    ]);
    expect(findRegions(["const s = 1; // BEGIN SOLUTION"], "code").problems).toEqual([
      'line 1: "BEGIN SOLUTION" must be a `// BEGIN SOLUTION` comment on a line of its own',
    ]);
    expect(findRegions(["// BEGIN SOLUTION", "// END HIDDEN TESTS"], "code").problems).toHaveLength(
      2,
    );
  });

  test("markdown delimiters may take any form, as nbgrader writes them", () => {
    expect(findRegions(["### BEGIN SOLUTION", "answer", "### END SOLUTION"], "markdown")).toEqual({
      regions: [{ kind: "solution", begin: 0, end: 2 }],
      problems: [],
    });
  });
});

describe("validateAssignment", () => {
  test("accepts a well-formed source and sums the points of its tests", () => {
    const assignment = validateAssignment(
      notebook([
        code("import x", meta("setup", { locked: true })),
        code("// BEGIN SOLUTION\nf\n// END SOLUTION", meta("f", { solution: true })),
        code(
          "t\n// BEGIN HIDDEN TESTS\nh\n// END HIDDEN TESTS",
          meta("t1", { grade: true, locked: true, points: 2 }),
        ),
        code("t", meta("t2", { grade: true, locked: true, points: 0.5 })),
        markdown("explain", meta("m", { solution: true, grade: true, points: 1 })),
      ]),
    );
    expect(assignment.tests.map((test) => test.gradeId)).toEqual(["t1", "t2"]);
    expect(assignment.maxPoints).toBe(2.5);
    expect(assignment.cells.map((cell) => cell.role)).toEqual([
      "readonly",
      "solution",
      "tests",
      "tests",
      "manual",
    ]);
  });

  test("lists every problem, each naming its cell", () => {
    const problems = problemsOf([
      code("a", meta("same", { locked: true })),
      code("b", meta("same", { solution: true })),
      code("c", meta("t", { grade: true, locked: true })),
      code("// BEGIN SOLUTION\nx\n// END SOLUTION", meta("r", { locked: true })),
      code("// BEGIN HIDDEN TESTS\nx\n// END HIDDEN TESTS", meta("s", { solution: true })),
      code("// BEGIN SOLUTION\nx"),
      markdown("t", meta("md", { grade: true, points: 1 })),
      code("x", meta("old", { locked: true, schema_version: 1 })),
      code("x", meta("", { solution: true })),
    ]);
    expect(problems).toEqual([
      'cell 1 (grade_id "same") reuses the grade_id of cell 0: grade_ids must be unique',
      'cell 2 (grade_id "t") is graded but has no points (give "points" a number ≥ 0)',
      'cell 3 (grade_id "r") has a BEGIN SOLUTION region but is not a solution cell (mark it "Autograded answer" or "Manually graded answer"), so the solution would reach students',
      'cell 4 (grade_id "s") has a BEGIN HIDDEN TESTS region but is not an autograder test cell, so the hidden tests would reach students',
      'cell 5 line 1: "BEGIN SOLUTION" is never closed by "END SOLUTION"',
      'cell 6 (grade_id "md") is an autograder test cell but not a code cell',
      'cell 7 (grade_id "old") uses nbgrader schema_version 1; open and save it with nbgrader\'s create-assignment tool to update it to schema_version 3',
      "cell 8 has nbgrader metadata but no grade_id",
    ]);
  });

  test("MarkupError's message names the file and counts the problems", () => {
    expect(() =>
      validateAssignment(notebook([code("x", meta("t", { grade: true }))]), "hw.ipynb"),
    ).toThrow(
      /^hw\.ipynb: 1 problem in the nbgrader markup:\n {2}- cell 0 \(grade_id "t"\) is graded/,
    );
  });
});
