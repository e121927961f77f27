import { describe, expect, test } from "vitest";
import { cleanErrorText, outcomeOf } from "../../../src/grader/scoring/error-report";

describe("cleanErrorText", () => {
  test("drops Node's source arrow and the cell's stack frames", () => {
    const raw = [
      "[evalmachine.<anonymous>:7",
      "        assertClose(fitted.T, [[1, 2]], { atol: 1e-9 });",
      "        ^",
      "",
      "TypeError: Cannot read properties of undefined (reading 'T')",
      "  at evalmachine.<anonymous>:7:24",
      "  at evalmachine.<anonymous>:9:3]",
    ].join("\n");
    expect(cleanErrorText(raw)).toBe(
      "TypeError: Cannot read properties of undefined (reading 'T')",
    );
  });

  test("removes Node's brackets and the error's extra properties", () => {
    expect(
      cleanErrorText(
        "timed out after 8.0 s and was interrupted\n[Error: Script execution was interrupted by `SIGINT`\n" +
          "  at a (x.js:1:1)] {\n  code: 'ERR_SCRIPT_EXECUTION_INTERRUPTED'\n}",
      ),
    ).toBe(
      "timed out after 8.0 s and was interrupted\nError: Script execution was interrupted by `SIGINT`",
    );
    expect(cleanErrorText("[Error: y]")).toBe("Error: y");
    expect(
      cleanErrorText("[AssertionError: expected shape [3, 1], got [3]\n  at f (a.js:1:1)]"),
    ).toBe("AssertionError: expected shape [3, 1], got [3]");
    expect(cleanErrorText("AssertionError: got [1]]")).toBe("AssertionError: got [1]]");
  });

  test("gives type errors on a prefixed first line their column back", () => {
    expect(
      cleanErrorText("1:45 - Cannot find name 'predict'.\n2:5 - other", { prefixLength: 30 }),
    ).toBe("1:15 - Cannot find name 'predict'.\n2:5 - other");
  });

  test("replaces lines of hidden test code, whole or quoted in a message", () => {
    const hidden = ["const secret = tensor([[2, 0], [0, 3]]);", "// a comment", "x"];
    const raw = [
      "AssertionError: The expression evaluated to a falsy value:",
      "",
      "  const secret = tensor([[2, 0], [0, 3]]);",
      "assert(const secret = tensor([[2, 0], [0, 3]]);)",
      "x is fine",
    ].join("\n");
    expect(cleanErrorText(raw, { hiddenLines: hidden })).toBe(
      [
        "AssertionError: The expression evaluated to a falsy value:",
        "",
        "[hidden test code]",
        "[hidden test code]",
        "x is fine",
      ].join("\n"),
    );
  });

  test("drops terminal control: ANSI escapes and carriage returns cannot dress up a message", () => {
    expect(
      cleanErrorText(
        "Error: \u001b[2K\r\u001b[32m✓ passed\u001b[0m\u0007 6 / 6\u001bM\tend\r\nnext",
      ),
    ).toBe("Error: ✓ passed 6 / 6\tend\nnext");
  });

  test("truncates long errors and says by how much", () => {
    expect(cleanErrorText("x".repeat(50), { maxChars: 10 })).toBe(
      `${"x".repeat(10)}\n… (40 more characters)`,
    );
  });
});

describe("outcomeOf", () => {
  test("classifies statuses and tslab's type errors", () => {
    expect(outcomeOf("ok", "")).toBe("passed");
    expect(outcomeOf("error", "Error: boom")).toBe("failed");
    expect(outcomeOf("error", "3:5 - Cannot find name 'x'.")).toBe("type-error");
    expect(outcomeOf("timeout", "")).toBe("timeout");
    expect(outcomeOf("died", "kernel died: exit code 1")).toBe("kernel-died");
  });
});
