import { describe, expect, test } from "vitest";
import { cellFrames, compileError, thrownError } from "../../../src/preload/cell-error";

// The stack Node's vm gives an error a tslab cell threw: the compiled line with a caret first,
// then the cell's and the library's frames, then the kernel's machinery.
const VM_STACK = [
  "evalmachine.<anonymous>:6",
  "    matmul(a, b);",
  "    ^",
  "",
  "ShapeError: matmul: [2, 2] @ [1, 3]: axis 1 of the left (2) must equal axis 0 of the right (1)",
  "    at planMatmul (/course/node_modules/gradbook/dist/tensor/matmul/plan.js:26:15)",
  "    at matmul (/course/node_modules/gradbook/dist/tensor/matmul/index.js:23:40)",
  "    at evalmachine.<anonymous>:6:44",
  "    at Script.runInThisContext (node:vm:137:12)",
  "    at Object.runInThisContext (node:vm:317:38)",
  "    at Object.execute (/course/node_modules/tslab/dist/executor.js:176:38)",
  "    at /course/node_modules/gradbook/dist/preload/cell-outcome.js:63:37",
  "    at async Promise.all (index 0)",
].join("\n");

class ShapeError extends Error {
  override readonly name = "ShapeError";
}

describe("thrownError", () => {
  test("an Error: its name and message, then its own frames, without Node's arrow or machinery", () => {
    const error = new ShapeError(
      "matmul: [2, 2] @ [1, 3]: axis 1 of the left (2) must equal axis 0 of the right (1)",
    );
    error.stack = VM_STACK;
    expect(thrownError(error)).toEqual({
      ename: "ShapeError",
      evalue: "matmul: [2, 2] @ [1, 3]: axis 1 of the left (2) must equal axis 0 of the right (1)",
      traceback: [
        "ShapeError: matmul: [2, 2] @ [1, 3]: axis 1 of the left (2) must equal axis 0 of the right (1)",
        "    at planMatmul (/course/node_modules/gradbook/dist/tensor/matmul/plan.js:26:15)",
        "    at matmul (/course/node_modules/gradbook/dist/tensor/matmul/index.js:23:40)",
        "    at evalmachine.<anonymous>:6:44",
        "    at async Promise.all (index 0)",
      ],
    });
  });

  test("an error with a code shows it as Node does", () => {
    const error = Object.assign(new Error("Access to this API has been restricted"), {
      code: "ERR_ACCESS_DENIED",
    });
    error.stack = "";
    expect(thrownError(error).traceback).toEqual([
      "Error [ERR_ACCESS_DENIED]: Access to this API has been restricted",
    ]);
  });

  test("a message of several lines is several lines of the traceback", () => {
    const error = new Error("assertClose failed\n  largest difference 0.5 at [1]");
    error.stack = "";
    expect(thrownError(error)).toEqual({
      ename: "Error",
      evalue: "assertClose failed\n  largest difference 0.5 at [1]",
      traceback: ["Error: assertClose failed", "  largest difference 0.5 at [1]"],
    });
  });

  test("an Error without a message or a stack is its name", () => {
    const error = new TypeError();
    Object.defineProperty(error, "stack", { value: undefined });
    expect(thrownError(error)).toEqual({
      ename: "TypeError",
      evalue: "",
      traceback: ["TypeError"],
    });
  });

  test("another value reads as Node's REPL shows it", () => {
    expect(thrownError("text")).toEqual({
      ename: "Uncaught",
      evalue: "'text'",
      traceback: ["Uncaught 'text'"],
    });
    expect(thrownError({ code: 3 }).traceback).toEqual(["Uncaught { code: 3 }"]);
  });

  test("an Error whose properties throw when read is still reported", () => {
    const error = new Error("hidden");
    for (const key of ["stack", "name", "message"]) {
      Object.defineProperty(error, key, {
        get: () => {
          throw new Error("no");
        },
      });
    }
    expect(thrownError(error)).toEqual({ ename: "Error", evalue: "", traceback: ["Error"] });
  });

  test("a Proxy that throws on every trap is still reported", () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("no");
        },
        getPrototypeOf: () => {
          throw new Error("no");
        },
      },
    );
    expect(() => thrownError(hostile)).not.toThrow();
    expect(thrownError(hostile).ename).toBe("Uncaught");
  });
});

test("cellFrames keeps a cell's and its libraries' frames only", () => {
  expect(cellFrames(VM_STACK)).toHaveLength(4);
});

test("compileError: TSError, the diagnostics as evalue and traceback", () => {
  const lines = ["1:7 - Type 'string' is not assignable to type 'number'.", "2:1 - Cannot find name 'x'."];
  expect(compileError(lines)).toEqual({ ename: "TSError", evalue: lines.join("\n"), traceback: lines });
}); // prettier-ignore
