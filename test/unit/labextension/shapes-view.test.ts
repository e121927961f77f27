// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from "vitest";
import { renderShapes } from "../../../labextension/src/views/shapes-view";
import { failingTrace, passingTrace } from "../../support/display-bundles";

function rendered(bundle: Parameters<typeof renderShapes>[1]): HTMLElement {
  const host = document.createElement("div");
  renderShapes(host, bundle);
  return host;
}

describe("renderShapes", () => {
  it("marks a trace that ended in a ShapeError with status error", () => {
    const host = rendered(failingTrace());
    expect(host.classList.contains("gradbook-shapes")).toBe(true);
    expect(host.dataset.gradbookStatus).toBe("error");
    expect(host.querySelector(".gradbook-badge")?.textContent).toBe("✗ stopped at matmul");
  });

  it("lists every op with its input and output shapes, broadcast and details", () => {
    const host = rendered(failingTrace());
    const rows = [...host.querySelectorAll("tbody tr")];
    expect(rows.map((row) => row.querySelector(".gradbook-op-name")?.textContent)).toEqual([
      "add",
      "einsum",
      "matmul",
    ]);
    expect(rows[0].querySelector(".gradbook-op-inputs")?.textContent).toBe("[3, 4], [4]");
    expect(rows[0].querySelector(".gradbook-op-detail")?.textContent).toBe("broadcast to [3, 4]");
    expect(rows[1].querySelector(".gradbook-op-detail")?.textContent).toBe(
      "spec ij->ji · i 3 · j 4",
    );
    expect(rows[1].querySelectorAll("td")[3].textContent).toBe("[4, 3]");
  });

  it("highlights the failing op, the operand and the axis that broke", () => {
    const host = rendered(failingTrace());
    const failed = host.querySelectorAll("tr.is-failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].querySelector(".gradbook-op-name")?.textContent).toBe("matmul");
    expect(failed[0].textContent).toContain("✗ failed");
    const bad = failed[0].querySelectorAll(".gradbook-shape.is-bad");
    expect(bad).toHaveLength(1);
    expect(bad[0].textContent).toBe("[5, 2]");
    const axis = bad[0].querySelector(".gradbook-dim.is-bad");
    expect(axis?.textContent).toBe("5");
    expect(axis?.getAttribute("aria-label")).toBe("5, axis 0: this axis does not fit");
  });

  it("shows the error message with the operand named", () => {
    const host = rendered(failingTrace());
    expect(host.querySelector(".gradbook-error-title")?.textContent).toBe(
      "ShapeError in matmul (second operand, axis 0)",
    );
    expect(host.querySelector(".gradbook-error-message")?.textContent).toBe(
      "matmul: [3, 4] @ [5, 2]: inner dimensions differ (4 vs 5)",
    );
    expect(host.querySelector(".gradbook-error-shapes")?.textContent).toBe(
      "operand shapes: [3, 4] and [5, 2]",
    );
  });

  it("names each operand and shows the failing call when the trace knows them", () => {
    const trace = failingTrace();
    trace.ops[2] = {
      ...trace.ops[2],
      source: "h.matmul(W)",
      operands: ["h", "W"],
    };
    const host = rendered(trace);
    const failed = host.querySelector("tr.is-failed .gradbook-op-inputs");
    expect(failed?.textContent).toBe("h [3, 4], W [5, 2]");
    expect(host.querySelector("tbody tr .gradbook-operand-name")?.textContent).toBe("h");
    const call = host.querySelector(".gradbook-failed-call");
    expect(call?.getAttribute("data-gradbook-source")).toBe("h.matmul(W)");
    expect(call?.querySelector(".gradbook-call-source")?.textContent).toBe("h.matmul(W)");
    expect(call?.querySelector(".gradbook-call-operands")?.textContent).toBe("h [3, 4] @ W [5, 2]");
    expect(rendered(failingTrace()).querySelector(".gradbook-failed-call")).toBeNull();
  });

  it("marks a clean trace ok and counts the ops it did not record", () => {
    const host = rendered(passingTrace());
    expect(host.dataset.gradbookStatus).toBe("ok");
    expect(host.querySelector(".gradbook-badge")?.textContent).toBe("✓ all shapes fit");
    expect(host.querySelector(".gradbook-note")?.textContent).toBe(
      "7 more ops ran after these and were counted, not recorded.",
    );
    expect(host.querySelector(".is-failed, .gradbook-error")).toBeNull();
  });

  it("reports an error that is not a ShapeError", () => {
    const host = rendered({
      ...passingTrace(),
      droppedOps: 0,
      otherError: { name: "TypeError", message: "x.foo is not a function" },
    });
    expect(host.dataset.gradbookStatus).toBe("error");
    expect(host.querySelector(".gradbook-error-title")?.textContent).toBe(
      "The traced function threw TypeError (not a shape error)",
    );
    expect(host.querySelector(".gradbook-error-message")?.textContent).toBe(
      "x.foo is not a function",
    );
  });
});
