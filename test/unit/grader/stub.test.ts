import { describe, expect, test } from "vitest";
import { findRegions } from "../../../src/grader/authoring/markup";
import { stubSolutionRegions, syntaxErrors } from "../../../src/grader/authoring/stub";

function stub(text: string): string {
  const lines = text.split("\n");
  return stubSolutionRegions(lines, findRegions(lines, "code").regions).join("\n");
}

describe("stubSolutionRegions", () => {
  test("a region inside a function body becomes a throw; the signature stays", () => {
    const source = [
      "function predict(X: Tensor, w: Tensor): Tensor {",
      "  // BEGIN SOLUTION",
      "  const yHat = matmul(X, w);",
      "  return yHat;",
      "  // END SOLUTION",
      "}",
    ].join("\n");
    expect(stub(source)).toBe(
      [
        "function predict(X: Tensor, w: Tensor): Tensor {",
        "  // YOUR CODE HERE",
        '  throw new Error("not implemented");',
        "}",
      ].join("\n"),
    );
  });

  test("a region nested in a loop of a method is still inside a function", () => {
    const source = [
      "class Model {",
      "  fit(X: number[]): void {",
      "    for (const x of X) {",
      "      // BEGIN SOLUTION",
      "      this.total += x;",
      "      // END SOLUTION",
      "    }",
      "  }",
      "}",
    ].join("\n");
    expect(stub(source)).toContain(
      '      // YOUR CODE HERE\n      throw new Error("not implemented");\n    }',
    );
    expect(stub(source)).not.toContain("this.total");
  });

  test("whole function declarations keep their signatures, with bodies that throw", () => {
    const source = [
      "// BEGIN SOLUTION",
      "/** The mean squared error. */",
      "function mse(yHat: Tensor,",
      "             y: Tensor): number {",
      "  return mean(pow(sub(yHat, y), 2)).item();",
      "}",
      "const relu = (z: number): number => Math.max(z, 0);",
      "// END SOLUTION",
    ].join("\n");
    expect(stub(source)).toBe(
      [
        "function mse(yHat: Tensor,",
        "             y: Tensor): number {",
        "  // YOUR CODE HERE",
        '  throw new Error("not implemented");',
        "}",
        "const relu = (z: number): number => {",
        "  // YOUR CODE HERE",
        '  throw new Error("not implemented");',
        "};",
      ].join("\n"),
    );
  });

  test("a class keeps its shape: property types, method signatures", () => {
    const source = [
      "// BEGIN SOLUTION",
      "class Scaler {",
      "  mean: number = 0;",
      "  private std?: number;",
      "  constructor(values: number[]) {",
      "    this.mean = values[0];",
      "  }",
      "  scale(x: number): number {",
      "    return (x - this.mean) / (this.std ?? 1);",
      "  }",
      "}",
      "// END SOLUTION",
    ].join("\n");
    expect(stub(source)).toBe(
      [
        "class Scaler {",
        "  mean: number;",
        "  private std?: number;",
        "  constructor(values: number[]) {",
        "    // YOUR CODE HERE",
        '    throw new Error("not implemented");',
        "  }",
        "  scale(x: number): number {",
        "    // YOUR CODE HERE",
        '    throw new Error("not implemented");',
        "  }",
        "}",
      ].join("\n"),
    );
  });

  test("a top-level computation becomes one throw; imports and types stay", () => {
    const source = [
      "const before = 1;",
      "// BEGIN SOLUTION",
      'import { lstsq } from "gradbook";',
      "type Weights = Tensor;",
      "const w: Weights = lstsq(X, y);",
      "console.log(w);",
      "function helper(): number { return 2; }",
      "// END SOLUTION",
      "const after = 2;",
    ].join("\n");
    expect(stub(source)).toBe(
      [
        "const before = 1;",
        'import { lstsq } from "gradbook";',
        "type Weights = Tensor;",
        "// YOUR CODE HERE",
        'throw new Error("not implemented");',
        "function helper(): number {",
        "  // YOUR CODE HERE",
        '  throw new Error("not implemented");',
        "}",
        "const after = 2;",
      ].join("\n"),
    );
  });

  test("an empty region and several regions in one cell", () => {
    const source = [
      "function a(): number {",
      "  // BEGIN SOLUTION",
      "  // END SOLUTION",
      "}",
      "function b(): number {",
      "  // BEGIN SOLUTION",
      "  return 2;",
      "  // END SOLUTION",
      "}",
    ].join("\n");
    const out = stub(source);
    expect(out.match(/throw new Error\("not implemented"\);/g)).toHaveLength(2);
    expect(out).not.toContain("return 2");
  });
});

describe("syntaxErrors", () => {
  test("is empty for valid TypeScript and names line and column otherwise", () => {
    expect(syntaxErrors("const x: number = 1;\nawait f();")).toEqual([]);
    expect(syntaxErrors("const x = ;")).toEqual(["1:11 Expression expected."]);
  });
});
