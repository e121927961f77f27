import { describe, expect, it } from "vitest";
import { explainFailure } from "../../../labextension/src/inspector/queries";

describe("explainFailure", () => {
  it("recognises a missing gradbook and a library without the query functions", () => {
    const missing = explainFailure(
      { kind: "failed", stderr: "Error: Cannot find module 'gradbook/internal'\nRequire stack:" },
      "q",
    );
    expect(missing.status).toBe("no-gradbook");
    expect(missing.message).toMatch(/^gradbook\/internal cannot be loaded in this kernel\./);
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
