import { describe, expect, it } from "vitest";
import { gradcheck, GradcheckReport, numericalGradient } from "../../../src/check";
import { ShapeError, type Tensor, tensor } from "../../../src/tensor";
import { ridgeProblem, softmaxProblem } from "./fixtures";

describe("gradcheck on seed 001's regularized least squares", () => {
  const problem = ridgeProblem(20, 3, 2, 0.7);

  it("passes the correct dW = (1/m)Xᵀ(XW − Y) + (λ/m)W", () => {
    const report = gradcheck(problem.loss, problem.params, { W: problem.dW, b: problem.db });
    expect(report).toBeInstanceOf(GradcheckReport);
    expect(report.ok).toBe(true);
    expect(report.verdict).toBe("exact");
    expect(report.params.W).toMatchObject({ ok: true, shape: [3, 2], checked: 6, total: 6 });
    expect(report.params.W.maxRelError).toBeLessThan(1e-7);
    expect(report.params.W.normRelError).toBeLessThan(2e-7);
    expect(report.warnings).toEqual([]);
  });

  it("fails (λ/m)·sum(W) and points at W, not at b", () => {
    const report = gradcheck(problem.loss, problem.params, { W: problem.dWSeedBug, b: problem.db });
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe("wrong");
    expect(report.failing).toEqual(["W"]);
    expect(report.params.W.verdict).toBe("wrong");
    expect(report.params.b.ok).toBe(true);
    const worst = report.params.W.worst[0];
    expect(worst.passes).toBe(false);
    expect(worst.index).toHaveLength(2);
    // The bug writes (λ/m)·ΣW where (λ/m)·Wᵢⱼ belongs: analytic − numeric shows exactly that.
    const [i, j] = worst.index;
    const shift = (0.7 / 20) * (problem.params.W.sum().item() - problem.params.W.get(i, j));
    expect(worst.analytic - worst.numeric).toBeCloseTo(shift, 7);
    expect(report.toString()).toContain("gradcheck FAILED (wrong)");
  });

  it("lists the failing entries of W by decreasing relative error, the largest first", () => {
    const report = gradcheck(problem.loss, problem.params, { W: problem.dWSeedBug, b: problem.db });
    const { worst, maxRelError } = report.params.W;
    expect(worst.every((entry) => !entry.passes)).toBe(true);
    expect(worst[0].relError).toBe(maxRelError);
    for (let k = 1; k < worst.length; k++)
      expect(worst[k].relError).toBeLessThanOrEqual(worst[k - 1].relError);
  });

  it("fails only the bias when db misses its 1/m", () => {
    const report = gradcheck(problem.loss, problem.params, { W: problem.dW, b: problem.dbWrong });
    expect(report.failing).toEqual(["b"]);
    expect(report.params.W.verdict).toBe("exact");
    expect(report.params.b.verdict).toBe("wrong");
    expect(report.params.b.worst[0].relError).toBeCloseTo(19 / 21, 6);
  });

  it("checks only the parameters given a gradient and holds the others fixed", () => {
    const report = gradcheck(problem.loss, problem.params, { b: problem.db });
    expect(Object.keys(report.params)).toEqual(["b"]);
    expect(report.ok).toBe(true);
  });

  it("never modifies the caller's parameters", () => {
    const before = problem.params.W.toArray();
    gradcheck(problem.loss, problem.params, { W: problem.dWSeedBug });
    expect(problem.params.W.toArray()).toEqual(before);
  });
});

describe("gradcheck on softmax cross-entropy", () => {
  it("passes (1/m)Xᵀ(P − Y) and mean(P − Y)", () => {
    const problem = softmaxProblem(30, 4, 3);
    const report = gradcheck(problem.loss, problem.params, { W: problem.dW, b: problem.db });
    expect(report.ok).toBe(true);
    expect(["exact", "fine"]).toContain(report.verdict);
    expect(report.params.W.relErrorMap).toMatchObject({ rows: 4, cols: 3 });
    expect(report.params.W.relErrorMap?.values.every((value) => value !== null)).toBe(true);
  });

  it("checks a 784 × 10 W on a sample plus a random direction", () => {
    const problem = softmaxProblem(16, 784, 10);
    const report = gradcheck(problem.loss, problem.params, { W: problem.dW, b: problem.db });
    const W = report.params.W;
    expect(W).toMatchObject({ ok: true, checked: 64, total: 7840 });
    expect(W.directional?.passes).toBe(true);
    expect(W.directional?.relError).toBeLessThan(1e-7);
    expect(W.relErrorMap?.values.filter((value) => value !== null)).toHaveLength(64);
    expect(report.params.b.checked).toBe(10);
  });

  it("catches a wrong large gradient through the sample and the direction", () => {
    const problem = softmaxProblem(16, 784, 10);
    const report = gradcheck(problem.loss, problem.params, {
      W: problem.dW.mul(1.5),
      b: problem.db,
    });
    expect(report.params.W.ok).toBe(false);
    expect(report.params.W.directional?.passes).toBe(false);
  });

  it("draws the same sample for the same seed, another for another seed", () => {
    const problem = softmaxProblem(8, 50, 3);
    const grads = { W: problem.dW, b: problem.db };
    const indices = (seed: number) =>
      gradcheck(problem.loss, problem.params, grads, { maxEntries: 10, seed, worst: 10 })
        .params.W.worst.map((entry) => entry.index.join(","))
        .sort();
    expect(indices(3)).toEqual(indices(3));
    expect(indices(3)).not.toEqual(indices(4));
  });
});

describe("gradcheck's bands and warnings", () => {
  const x = tensor([0.3, -0.7, 1.1]);

  it("calls a gradient off by a relative 1e-6 suspicious, though within torch's tolerances", () => {
    const f = ({ x }: { x: Tensor }) => x.mul(x).sum();
    const report = gradcheck(f, { x }, { x: x.mul(2 * (1 + 1e-6)) });
    expect(report.ok).toBe(true);
    expect(report.verdict).toBe("suspicious");
  });

  it("calls a steep but correct gradient fine when truncation error shows", () => {
    // Central differences err by eps²·f‴/6: for sin(300x) that is ~1.5e-8 relative.
    const f = ({ x }: { x: Tensor }) => x.mul(300).map(Math.sin).sum();
    const report = gradcheck(f, { x }, { x: x.map((v) => 300 * Math.cos(300 * v)) });
    expect(report.verdict).toBe("fine");
    expect(report.params.x.normRelError).toBeGreaterThan(1e-9);
    expect(report.params.x.normRelError).toBeLessThan(2e-7);
  });

  it("warns when f is not deterministic", () => {
    let calls = 0;
    const f = ({ x }: { x: Tensor }) => x.sum().item() + 1e-9 * calls++;
    const report = gradcheck(f, { x }, { x: tensor([1, 1, 1]) });
    expect(report.warnings.some((w) => w.startsWith("f is not deterministic"))).toBe(true);
  });

  it("warns about an entry on a kink and names it", () => {
    const f = ({ x }: { x: Tensor }) => x.abs().sum();
    const report = gradcheck(f, { x: tensor([0, 1, -2]) }, { x: tensor([1, 1, -1]) });
    expect(report.params.x.ok).toBe(false);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^x\[0\] sits on a kink of f/);
  });

  it("does not mistake strong curvature for a kink", () => {
    const f = ({ x }: { x: Tensor }) => x.mul(1000).map(Math.exp).sum().item() * 1e-6;
    const report = gradcheck(f, { x: tensor([0.001]) }, { x: tensor([1e-3 * Math.exp(1)]) });
    expect(report.warnings).toEqual([]);
  });

  it("warns when the gradient is too small to judge", () => {
    const f = ({ x }: { x: Tensor }) => x.mul(x).sum().item() * 1e-3;
    const report = gradcheck(f, { x: tensor([1e-4, 0, 0]) }, { x: tensor([3e-7, 0, 0]) });
    expect(report.ok).toBe(true);
    expect(report.warnings.some((w) => w.includes("the gradient of x is tiny"))).toBe(true);
  });

  it("reports NaN gradients as failing, worst first", () => {
    const f = ({ x }: { x: Tensor }) => x.sum();
    const report = gradcheck(f, { x }, { x: tensor([1, NaN, 1]) });
    expect(report.ok).toBe(false);
    expect(report.params.x.worst[0].index).toEqual([1]);
    expect(report.params.x.maxRelError).toBeNaN();
  });
});

describe("gradcheck's inputs", () => {
  const f = ({ w }: { w: Tensor }) => w.mul(w).sum();
  const w = tensor([1, 2]);

  it("returns the numerical gradient without analytic gradients", () => {
    const numeric = gradcheck(f, { w });
    expect(numeric.w.shape).toEqual([2]);
    expect(numeric.w.toArray()).toEqual([expect.closeTo(2, 8), expect.closeTo(4, 8)]);
    expect(numericalGradient(f, { w }, { eps: 1e-4 }).w.get(1)).toBeCloseTo(4, 8);
  });

  it("rejects a gradient of the wrong shape with a ShapeError naming the parameter", () => {
    expect(() => gradcheck(f, { w }, { w: tensor([1, 2, 3]) })).toThrow(ShapeError);
    expect(() => gradcheck(f, { w }, { w: tensor([1, 2, 3]) })).toThrow(
      "gradcheck: [2], [3]: the gradient of 'w' must have its parameter's shape [2], got [3]",
    );
  });

  it("names unknown gradients, bad options and bad losses", () => {
    const grads = { v: tensor([1, 2]) } as unknown as { w: Tensor };
    expect(() => gradcheck(f, { w }, grads)).toThrow(
      "gradcheck: grads has 'v' but params has no parameter of that name (params: w)",
    );
    expect(() => gradcheck(f, { w }, { w }, { eps: 0 })).toThrow(
      "gradcheck: option eps must be a positive finite number, got 0",
    );
    expect(() => gradcheck(f, { w }, { w }, { rtol: -1 })).toThrow(
      "gradcheck: option rtol must be a finite number ≥ 0, got -1",
    );
    expect(() => gradcheck(f, { w }, { w }, { maxEntries: 1.5 })).toThrow(
      "option maxEntries must be an integer ≥ 1",
    );
    expect(() => gradcheck(({ w }: { w: Tensor }) => w, { w }, { w })).toThrow(
      "gradcheck: f must return the loss as a number or a size-1 tensor, got a tensor of shape [2]",
    );
  });
});
