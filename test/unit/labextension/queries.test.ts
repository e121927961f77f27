import { describe, expect, it } from "vitest";
import { explainFailure, previewCode } from "../../../labextension/src/inspector/queries";

describe("previewCode", () => {
  it("asks the library for one tensor by name with the preview size", () => {
    expect(previewCode("X_train", 3)).toBe(
      'require("gradbook").inspectTensor("X_train", { edgeItems: 3 });',
    );
    expect(previewCode("$w", 0)).toBe('require("gradbook").inspectTensor("$w", { edgeItems: 1 });');
  });

  it("refuses anything that is not an identifier, so no code can be smuggled in", () => {
    expect(previewCode('x"); process.exit(); ("', 3)).toBeNull();
    expect(previewCode("a.b", 3)).toBeNull();
    expect(previewCode("1x", 3)).toBeNull();
  });
});

describe("explainFailure", () => {
  it("recognises a missing gradbook and a library without the query functions", () => {
    expect(
      explainFailure({ kind: "failed", stderr: "Error: Cannot find module 'gradbook'" }, "q")
        .status,
    ).toBe("no-gradbook");
    expect(
      explainFailure(
        {
          kind: "failed",
          stderr: "TypeError: (intermediate value).inspectTensor is not a function",
        },
        "preview query",
      ).message,
    ).toBe(
      "The gradbook library in this kernel has no inspectTensor(): it is older than this " +
        "extension. Rebuild it (npm run build) and restart the kernel.",
    );
  });

  it("quotes the first line of stderr for any other failure", () => {
    expect(
      explainFailure({ kind: "failed", stderr: "\nRangeError: boom\n  at x\n" }, "tensor query"),
    ).toEqual({ status: "error", message: "The tensor query failed: RangeError: boom" });
    expect(explainFailure({ kind: "timeout" }, "tensor query").message).toBe(
      "The kernel did not answer the tensor query in time.",
    );
    expect(explainFailure({ kind: "no-answer", stderr: "" }, "preview query").message).toBe(
      "The kernel ran the preview query but sent nothing back.",
    );
  });
});
