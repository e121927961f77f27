import { describe, expect, it } from "vitest";
import { gradcheck, traceShapes } from "../../../src/check";
import { gradcheckBundle, gradcheckMime } from "../../../src/display/gradcheck-bundle";
import { MIME, type GradcheckBundle, type ShapesBundle } from "../../../src/protocol";
import { shapesBundle, traceMime } from "../../../src/display/trace-bundle";
import { type Tensor, tensor, zeros } from "../../../src/tensor";
import { ridgeProblem } from "../check/fixtures";

describe("the gradcheck bundle", () => {
  const problem = ridgeProblem(10, 3, 2, 0.5);
  const report = gradcheck(problem.loss, problem.params, { W: problem.dWSeedBug, b: problem.db });

  it("follows the schema and survives JSON", () => {
    const bundle = gradcheckBundle(report);
    expect(bundle).toMatchObject({
      version: 1,
      ok: false,
      verdict: "wrong",
      thresholds: { eps: 1e-6, rtol: 1e-3, atol: 1e-5 },
      warnings: [],
    });
    expect(bundle.params.W).toMatchObject({
      ok: false,
      verdict: "wrong",
      shape: [3, 2],
      checked: 6,
      total: 6,
    });
    expect(bundle.params.W.relErrorMap).toMatchObject({ rows: 3, cols: 2 });
    expect(bundle.params.W.worst[0]).toEqual({
      index: report.params.W.worst[0].index,
      analytic: report.params.W.worst[0].analytic,
      numeric: report.params.W.worst[0].numeric,
      relError: report.params.W.worst[0].relError,
    });
    expect(bundle.params.b).toMatchObject({ ok: true, verdict: "exact", shape: [2] });
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it("encodes NaN and Infinity as strings", () => {
    const f = ({ x }: { x: Tensor }) => x.sum();
    const nanReport = gradcheck(f, { x: tensor([1, 2]) }, { x: tensor([NaN, Infinity]) });
    const bundle: GradcheckBundle = gradcheckBundle(nanReport);
    const entries = bundle.params.x.worst;
    expect(entries.map((entry) => entry.analytic).sort()).toEqual(["Infinity", "NaN"]);
    expect(entries.find((entry) => entry.analytic === "NaN")?.relError).toBe("NaN");
    expect(bundle.params.x.maxRelError).toBe("NaN");
    expect(JSON.stringify(bundle)).not.toContain("null");
  });

  it("has a text/plain report and an HTML verdict table", () => {
    const mime = gradcheckMime(report);
    expect(Object.keys(mime).sort()).toEqual([MIME.gradcheck, "text/html", "text/plain"].sort());
    const lines = mime["text/plain"].split("\n");
    expect(lines[0]).toBe("gradcheck FAILED (wrong) — eps 1e-06, rtol 0.001, atol 1e-05");
    expect(lines[1]).toMatch(
      /^W {2}\[3, 2\] {2}✗ wrong {2}max rel\. error \S+ {2}‖g−g̃‖\/\(‖g‖\+‖g̃‖\) \S+ {2}all 6 entries$/,
    );
    expect(mime["text/plain"]).toMatch(/\nb {2}\[2\] {2}✓ exact/);
    expect(mime["text/html"]).toContain(
      "<caption>Gradient check FAILED (wrong): eps 1e-06, rtol 0.001, atol 1e-05</caption>",
    );
    expect(mime["text/html"]).toContain("<caption>Worst entries of W</caption>");
    expect(mime["text/html"]).not.toContain("Worst entries of b");
  });
});

describe("the shapes bundle", () => {
  const X = zeros([3, 4]);
  const bias = zeros([4]);
  const W = zeros([5, 2]);

  it("ends with the failing op and carries the error's operand and axis", () => {
    const trace = traceShapes(() => X.add(bias).matmul(W));
    const bundle: ShapesBundle = shapesBundle(trace);
    expect(bundle).toEqual({
      version: 1,
      ops: [
        {
          op: "add",
          inputs: [[3, 4], [4]],
          output: [3, 4],
          broadcast: [3, 4],
          source: "X.add(bias)",
          operands: ["X", "bias"],
        },
        {
          op: "matmul",
          inputs: [
            [3, 4],
            [5, 2],
          ],
          output: null,
          source: "X.add(bias).matmul(W)",
          operands: ["X.add(bias)", "W"],
        },
      ],
      droppedOps: 0,
      error: {
        name: "ShapeError",
        message: trace.error?.message,
        op: "matmul",
        shapes: [
          [3, 4],
          [5, 2],
        ],
        operand: 1,
        axis: 0,
      },
    });
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it("has a text/plain table and an HTML table", () => {
    const trace = traceShapes(() => X.add(bias).matmul(W));
    const mime = traceMime(trace);
    expect(mime["text/plain"].split("\n")).toEqual([
      "shape trace: 2 ops, stopped by a ShapeError at op 2",
      "  #  op      inputs                        →  output    details",
      "  1  add     X [3, 4], bias [4]            →  [3, 4]    broadcast to [3, 4]",
      "  2  matmul  X.add(bias) [3, 4], W [5, 2]  →  ✗ failed",
      `ShapeError: ${trace.error?.message} (operand 1, axis 0)`,
      "in X.add(bias).matmul(W): X.add(bias) [3, 4] @ W [5, 2]",
    ]);
    expect(mime["text/html"]).toContain(
      "<thead><tr><th>#</th><th>op</th><th>inputs</th><th>output</th><th>details</th></tr></thead>",
    );
    expect(mime["text/html"]).toContain("<td>✗ failed</td>");
    expect(mime["text/html"]).toContain(
      "<p>in X.add(bias).matmul(W): X.add(bias) [3, 4] @ W [5, 2]</p>",
    );
    expect(mime[MIME.shapes]).toEqual(shapesBundle(trace));
  });

  it("reports other errors and a passing trace", () => {
    const failed = traceShapes(() => {
      throw new RangeError("learningRate must be positive");
    });
    expect(shapesBundle(failed)).toEqual({
      version: 1,
      ops: [],
      droppedOps: 0,
      otherError: { name: "RangeError", message: "learningRate must be positive" },
    });
    expect(traceMime(failed)["text/plain"]).toBe(
      "shape trace: 0 ops, stopped by RangeError\nRangeError: learningRate must be positive",
    );
    const passing = traceShapes(() => X.sum(1));
    expect(traceMime(passing)["text/plain"]).toBe(
      "shape trace: 1 op\n  #  op   inputs    →  output  details\n  1  sum  X [3, 4]  →  [3]     axis=1",
    );
  });
});
