import { describe, expect, test } from "vitest";
import { validateAssignment } from "../../../src/grader/authoring/markup";
import type { Cell, JSONObject, Notebook } from "../../../src/notebook";
import { protectTestCells, refusedDeclarations } from "../../../src/grader/sandbox/test-cell";

function cell(source: string, nbgrader: JSONObject): Cell {
  return {
    cell_type: "code",
    source,
    metadata: {
      nbgrader: { schema_version: 3, solution: false, grade: false, locked: true, ...nbgrader },
    },
    outputs: [],
    execution_count: null,
  };
}

function protect(cells: Cell[]): string[] {
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
  const protectedCells = protectTestCells(validateAssignment(notebook));
  return [...protectedCells.values()].map((entry) => entry.code);
}

const setup = cell(
  [
    'import { tensor, matmul } from "gradbook";',
    'import { assertClose as close } from "gradbook/dist/check/assert";',
    'import * as gb from "gradbook";',
    "function checkFinite(x: number): void { if (!isOk(x)) throw new Error(String(x)); }",
    "function isOk(x: number): boolean { return Number.isFinite(x); }",
    "function unused(): void {}",
    "const data = tensor([1]);",
  ].join("\n"),
  { grade_id: "setup" },
);

describe("protectTestCells", () => {
  test("a test runs strict, with the read-only imports and helpers it uses bound locally", () => {
    const [code] = protect([
      setup,
      cell("close(gb.sum(data).item(), 1);\ncheckFinite(2);", {
        grade_id: "t",
        grade: true,
        points: 1,
      }),
    ]);
    expect(code).toBe(
      '"use strict"; import * as gb from "gradbook"; ' +
        'import { assertClose as close } from "gradbook/dist/check/assert"; ' +
        "close(gb.sum(data).item(), 1);\ncheckFinite(2);" +
        "\nfunction checkFinite(x: number): void { if (!isOk(x)) throw new Error(String(x)); }" +
        "\nfunction isOk(x: number): boolean { return Number.isFinite(x); }",
    );
  });

  test("names the test declares itself are not repeated; a test without needs only goes strict", () => {
    const [own, bare] = protect([
      setup,
      cell(
        'import { tensor } from "gradbook";\nfunction isOk(): boolean { return true; }\ntensor([isOk() ? 1 : 0]);',
        {
          grade_id: "t1",
          grade: true,
          points: 1,
        },
      ),
      cell("if (1 + 1 !== 2) throw new Error();", { grade_id: "t2", grade: true, points: 1 }),
    ]);
    expect(own).toBe(
      '"use strict"; import { tensor } from "gradbook";\nfunction isOk(): boolean { return true; }\ntensor([isOk() ? 1 : 0]);',
    );
    expect(bare).toBe('"use strict"; if (1 + 1 !== 2) throw new Error();');
  });

  test("only cells before the test count, and property names are not taken for uses", () => {
    const [code] = protect([
      cell("const o = { checkFinite: 1 };\nconsole.log(o.checkFinite);", {
        grade_id: "t",
        grade: true,
        points: 1,
      }),
      setup,
    ]);
    expect(code).toBe('"use strict"; const o = { checkFinite: 1 };\nconsole.log(o.checkFinite);');
  });

  test("the first line's shift is reported", () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [setup, cell("close(1, 1);", { grade_id: "t", grade: true, points: 1 })],
    };
    const [entry] = protectTestCells(validateAssignment(notebook)).values();
    expect(entry.code.slice(entry.prefixLength)).toBe("close(1, 1);");
  });
});

describe("refusedDeclarations", () => {
  test("finds standard globals a cell declares at its top level, in any form", () => {
    expect(
      refusedDeclarations(
        [
          "const Math = { abs: () => 0 };",
          "let { a: Object, b } = x;",
          "function Array() {}",
          "class JSON {}",
          'import Number from "gradbook";',
          "function f() { const Reflect = 1; return Reflect; }",
        ].join("\n"),
      ),
    ).toEqual(["Array", "JSON", "Math", "Number", "Object"]);
    expect(refusedDeclarations("const mathScore = Math.abs(-1);")).toEqual([]);
  });
});
