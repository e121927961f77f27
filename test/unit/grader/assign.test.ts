import { describe, expect, test } from "vitest";
import { TEXT_STUB, studentVersion, visibleTestSource } from "../../../src/grader/authoring/assign";
import { nbgraderChecksum } from "../../../src/grader/authoring/checksum";
import {
  MarkupError,
  cellLines,
  findRegions,
  nbgraderMetadata,
  validateAssignment,
} from "../../../src/grader/authoring/markup";
import { readNotebook, sourceText, type Cell, type Notebook } from "../../../src/notebook";
import { SOURCE } from "../../fixtures/grader/submissions";

function fixture(): { source: Notebook; release: Notebook } {
  const source = readNotebook(SOURCE);
  return { source, release: studentVersion(validateAssignment(source, SOURCE)).notebook };
}

function regionLines(cell: Cell, kind: "solution" | "hidden"): string[] {
  const lines = cellLines(cell);
  return (
    findRegions(lines, cell.cell_type)
      .regions.filter((region) => region.kind === kind)
      .flatMap((region) => lines.slice(region.begin + 1, region.end))
      .map((line) => line.trim())
      // Signatures are kept on purpose (see stub.ts).
      .filter((line) => line !== "" && line !== "}" && !line.endsWith("{"))
  );
}

describe("studentVersion on the fixture assignment", () => {
  test("no line of a solution region or a hidden test survives, anywhere in the file", () => {
    const { source, release } = fixture();
    const text = JSON.stringify(release);
    const secret = source.cells.flatMap((cell) => [
      ...regionLines(cell, "solution"),
      ...regionLines(cell, "hidden"),
    ]);
    expect(secret.length).toBeGreaterThan(8);
    for (const line of secret) {
      expect(text).not.toContain(JSON.stringify(line).slice(1, -1));
    }
    expect(text).not.toMatch(/BEGIN|END (SOLUTION|HIDDEN)/);
  });

  test("solution cells become stubs, tests lose their hidden part, the rest is unchanged", () => {
    const { source, release } = fixture();
    const byId = (notebook: Notebook, id: string): Cell =>
      notebook.cells.find((cell) => nbgraderMetadata(cell)?.grade_id === id) as Cell;
    expect(sourceText(byId(release, "predict").source)).toBe(
      [
        "/** ŷ = X·w for X: [m, n] and w: [n, 1]. */",
        "function predict(X: Tensor, w: Tensor): Tensor {",
        "  // YOUR CODE HERE",
        '  throw new Error("not implemented");',
        "}",
      ].join("\n"),
    );
    expect(sourceText(byId(release, "weights").source)).toBe(
      '// YOUR CODE HERE\nthrow new Error("not implemented");',
    );
    expect(sourceText(byId(release, "explain").source)).toBe(
      `## 4. In your words\n\nWhy is \`lstsq\` preferred to inverting XᵀX?\n\n${TEXT_STUB}`,
    );
    expect(sourceText(byId(release, "test_weights").source)).toBe(
      sourceText(byId(source, "test_weights").source),
    );
    expect(sourceText(byId(release, "test_fit").source)).toBe(
      "assertShape(fitLeastSquares(tensor([[1, 0], [1, 1]]), tensor([[1], [2]])), [2, 1]);",
    );
    expect(sourceText(byId(release, "setup").source)).toBe(
      sourceText(byId(source, "setup").source),
    );
  });

  test("outputs are cleared; locked cells are read-only and undeletable; nbgrader's checksums and cell types recorded", () => {
    const { release } = fixture();
    for (const cell of release.cells) {
      const nbgrader = nbgraderMetadata(cell);
      if (cell.cell_type === "code") {
        expect(cell.outputs).toEqual([]);
        expect(cell.execution_count).toBeNull();
      }
      if (nbgrader === undefined) {
        continue;
      }
      expect(cell.metadata.deletable).toBe(false);
      expect(cell.metadata.editable).toBe(nbgrader.locked ? false : undefined);
      expect(nbgrader.checksum).toBe(nbgraderChecksum(cell));
      expect(cell.metadata.nbgrader).toMatchObject({ cell_type: cell.cell_type });
    }
  });

  test("counts what it did", () => {
    const source = readNotebook(SOURCE);
    expect(studentVersion(validateAssignment(source, SOURCE)).stats).toEqual({
      solutionRegions: 5,
      hiddenRegions: 3,
      tests: 4,
      points: 11,
    });
  });
});

describe("studentVersion edge cases", () => {
  function single(cell: Cell): Cell {
    const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
    return studentVersion(validateAssignment(notebook)).notebook.cells[0];
  }
  const solutionMeta = {
    nbgrader: { grade_id: "s", solution: true, grade: false, locked: false, schema_version: 3 },
  };

  test("a solution cell without delimiters is replaced as a whole, signatures kept", () => {
    const cell = single({
      cell_type: "code",
      metadata: solutionMeta,
      source: "function f(x: number): number {\n  return x + 1;\n}\nconsole.log(f(1));",
      outputs: [{ output_type: "stream", name: "stdout", text: "2\n" }],
      execution_count: 3,
    });
    expect(sourceText(cell.source)).toBe(
      'function f(x: number): number {\n  // YOUR CODE HERE\n  throw new Error("not implemented");\n}\n' +
        '// YOUR CODE HERE\nthrow new Error("not implemented");',
    );
  });

  test("a markdown answer without delimiters becomes the text stub; its attachments go", () => {
    const cell = single({
      cell_type: "markdown",
      metadata: solutionMeta,
      source: "The answer is 42.\n![plot](attachment:p.png)",
      attachments: { "p.png": { "image/png": "iVBOR" } },
    });
    expect(sourceText(cell.source)).toBe(TEXT_STUB);
    expect(cell.cell_type === "markdown" && cell.attachments).toBeUndefined();
  });

  test("a stub that would not parse is an error naming the cell", () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: "code",
          metadata: solutionMeta,
          source: "const total = [\n  // BEGIN SOLUTION\n  1, 2,\n  // END SOLUTION\n];",
          outputs: [],
          execution_count: null,
        },
      ],
    };
    expect(() => studentVersion(validateAssignment(notebook, "hw.ipynb"))).toThrow(MarkupError);
    expect(() => studentVersion(validateAssignment(notebook, "hw.ipynb"))).toThrow(
      /hw\.ipynb: .*cell 0 \(grade_id "s"\): its student version does not parse \(3:3 Expression or comma expected\.\)/s,
    );
  });

  test("visibleTestSource drops hidden regions with their delimiters", () => {
    const cell: Cell = {
      cell_type: "code",
      metadata: {},
      source: "a\n// BEGIN HIDDEN TESTS\nb\n// END HIDDEN TESTS\nc",
      outputs: [],
      execution_count: null,
    };
    expect(visibleTestSource(cell)).toBe("a\nc");
  });
});
