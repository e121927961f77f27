import { describe, expect, test } from "vitest";
import { studentVersion } from "../../../src/grader/authoring/assign";
import { MarkupError, validateAssignment } from "../../../src/grader/authoring/markup";
import {
  isTrivialLine,
  secretLines,
  shownSecrets,
} from "../../../src/grader/authoring/secret-lines";
import { splitLines, type Cell, type Notebook } from "../../../src/notebook";

function code(id: string, source: string, nbgrader?: Record<string, unknown>): Cell {
  const metadata = nbgrader
    ? {
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
    : {};
  return {
    cell_type: "code",
    id,
    metadata,
    source: splitLines(source),
    outputs: [],
    execution_count: null,
  } as Cell;
}

const SOLUTION =
  "function layer(X: number[], w: number): number[] {\n" +
  "  // BEGIN SOLUTION\n" +
  "  const scaled = X.map((x) => x * w + 1);\n" +
  "  return scaled;\n" +
  "  // END SOLUTION\n" +
  "}";
const TEST =
  '{\n  if (layer([1], 2)[0] !== 3) throw new Error("layer");\n' +
  "  // BEGIN HIDDEN TESTS\n  const hiddenCheck = layer([2, 3], 5);\n  // END HIDDEN TESTS\n}";

function notebook(...extra: Cell[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      code("solution", SOLUTION, { solution: true }),
      code("test", TEST, { grade: true, locked: true, points: 1 }),
      ...extra,
    ],
  };
}

describe("secret lines", () => {
  test("trivial lines have fewer than three names and numbers besides keywords", () => {
    for (const line of ["}", "} else {", "", "let total = 0;", "return best;", "  return;"]) {
      expect(isTrivialLine(line), line).toBe(true);
    }
    for (const line of ["return T.squeeze(2);", "const m = X.shape[0];", "return X.matmul(w);"]) {
      expect(isTrivialLine(line), line).toBe(false);
    }
  });

  test("are the solution's and hidden tests' lines, less what the stub keeps", () => {
    const source = notebook();
    const release = studentVersion(validateAssignment(source)).notebook;
    expect(secretLines(source, release).map((line) => [line.text, line.cell, line.kind])).toEqual([
      ["const scaled = X.map((x) => x * w + 1);", 0, "solution"],
      ["const hiddenCheck = layer([2, 3], 5);", 1, "hidden"],
    ]);
  });

  test("shown anywhere else in the student version, they are reported with both cells", () => {
    const leaks: Cell[] = [
      code("demo", "// the mistake:\nconst scaled = X.map((x) => x * w + 1);"),
      {
        cell_type: "markdown",
        id: "md",
        metadata: {},
        source: "Try this:\n\n    const hiddenCheck = layer([2, 3], 5);",
      },
    ];
    const stubbed = studentVersion(validateAssignment(notebook())).notebook;
    const release = { ...stubbed, cells: [...stubbed.cells, ...leaks] };
    expect(shownSecrets(notebook(...leaks), release)).toEqual([
      'cell 2 shows the line "const scaled = X.map((x) => x * w + 1);" of the solution in cell 0',
      'cell 3 shows the line "const hiddenCheck = layer([2, 3], 5);" of the hidden tests in cell 1',
    ]);
  });

  test("gradbook assign refuses a source whose other cells repeat a solution line", () => {
    const source = notebook(code("demo", "const scaled = X.map((x) => x * w + 1);"));
    expect(() => studentVersion(validateAssignment(source, "leaky.ipynb"))).toThrow(MarkupError);
    expect(() => studentVersion(validateAssignment(source, "leaky.ipynb"))).toThrow(
      'cell 2 shows the line "const scaled = X.map((x) => x * w + 1);" of the solution in cell 0: students would see it',
    );
  });
});
