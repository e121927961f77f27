import { describe, expect, it } from "vitest";
import { makeMultiOutput } from "../../../src/data";
import {
  addBias,
  DivergenceError,
  linearRegressionGD,
  ridgeNormalEquation,
} from "../../../src/models";
import { Tensor } from "../../../src/tensor";
import { expectClose } from "./close";

const FEATURES = [
  [0.5, 1.2],
  [-0.3, 0.8],
  [1.5, -0.7],
  [0.1, 0.0],
  [-1.2, 2.2],
  [0.9, 0.4],
];
const TARGETS = [1.0, 0.2, 2.1, -0.4, 0.3, 1.7];
// numpy: np.linalg.solve(D.T@D + 0.7·diag(0, 1, 1), D.T@y) with D = [1 X]: [b, w₁, w₂].
const RIDGE = [0.42923998979852035, 0.8735972966080089, 0.2600420811017603];

describe("linearRegressionGD", () => {
  it("converges to the ridge closed form of the same objective (bias unpenalized, λ/2m)", () => {
    // tolerance 0: run all maxIters, down to rounding error (a cost-change test stops earlier,
    // since J is flat near its minimum: |ΔJ| reaches rounding with w still ~1e-8 away).
    const fit = linearRegressionGD(FEATURES, TARGETS, {
      learningRate: 0.5,
      lambda: 0.7,
      tolerance: 0,
      maxIters: 20000,
    });
    expect(fit.w.shape).toEqual([2]);
    expect(fit.b.shape).toEqual([]);
    expectClose([fit.b.item(), fit.w.get(0), fit.w.get(1)], RIDGE, { rtol: 1e-10 });
    const closed = ridgeNormalEquation(addBias(FEATURES), TARGETS, 0.7);
    expectClose(closed, [fit.b.item(), fit.w.get(0), fit.w.get(1)], { rtol: 1e-10 });
  });

  it("gets within about √tolerance of the minimizer when the cost change stops it", () => {
    const fit = linearRegressionGD(FEATURES, TARGETS, {
      learningRate: 0.5,
      lambda: 0.7,
      tolerance: 1e-12,
    });
    expect(fit.converged).toBe(true);
    expectClose([fit.b.item(), fit.w.get(0), fit.w.get(1)], RIDGE, { atol: 1e-5 });
  });

  it("records J(0) = Σy²/2m first, then a non-increasing cost, and stops at the tolerance", () => {
    const fit = linearRegressionGD(FEATURES, TARGETS, { learningRate: 0.1, tolerance: 1e-6 });
    const m = TARGETS.length;
    expectClose(fit.history[0], TARGETS.reduce((s, v) => s + v * v, 0) / (2 * m), { rtol: 1e-15 });
    for (let t = 1; t < fit.history.length; t++) {
      expect(fit.history[t]).toBeLessThanOrEqual(fit.history[t - 1]);
    }
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBe(fit.history.length - 1);
    const last = fit.history.length - 1;
    expect(Math.abs(fit.history[last] - fit.history[last - 1])).toBeLessThan(1e-6);
    expect(Math.abs(fit.history[last - 1] - fit.history[last - 2])).toBeGreaterThanOrEqual(1e-6);
  });

  it("stops at maxIters without converging", () => {
    const fit = linearRegressionGD(FEATURES, TARGETS, { maxIters: 7, tolerance: 0 });
    expect(fit.iterations).toBe(7);
    expect(fit.history).toHaveLength(8);
    expect(fit.converged).toBe(false);
  });

  it("fits seed 000's 3-input/2-output map: w [3, 2], b [2]", () => {
    const { X, y, W, b } = makeMultiOutput();
    const fit = linearRegressionGD(X.squeeze(2), y.squeeze(2), {
      learningRate: 0.5,
      tolerance: 1e-15,
      maxIters: 20000,
    });
    expect(fit.w.shape).toEqual([3, 2]);
    expect(fit.b.shape).toEqual([2]);
    // Noise-free data: the generating map is the exact minimizer.
    expectClose(fit.w, W.squeeze(2).T, { atol: 1e-5 });
    expectClose(fit.b, b.squeeze(1), { atol: 1e-5 });
  });

  it("throws a DivergenceError naming the learning rate and the iteration", () => {
    const { X, y } = makeMultiOutput({ m: 200 });
    let caught: unknown;
    try {
      linearRegressionGD(X.squeeze(2), y.squeeze(2), { learningRate: 5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DivergenceError);
    const error = caught as DivergenceError;
    expect(error.message).toMatch(
      /^linearRegressionGD: gradient descent diverged with learningRate = 5: the cost grew from [\d.e+-]+ to [\d.e+-]+ at iteration 1\. Try a smaller learningRate \(e\.g\. 0\.5\)/,
    );
    expect(error.learningRate).toBe(5);
    expect(error.iteration).toBe(1);
    expect(error.history).toHaveLength(2);
    expect(error.history[1]).toBeGreaterThan(error.history[0]);
  });

  it("reports a cost that overflows as non-finite, not as NaN weights", () => {
    expect(() => linearRegressionGD([[1e200], [2e200]], [1, 2], { learningRate: 1 })).toThrow(
      /diverged with learningRate = 1: the cost became Infinity at iteration 1/,
    );
  });

  it("calls onEpoch after every iteration with copies of the weights", () => {
    const seen: { iteration: number; cost: number; w: Tensor; b: Tensor }[] = [];
    const fit = linearRegressionGD(FEATURES, TARGETS, {
      maxIters: 5,
      tolerance: 0,
      onEpoch: (iteration, cost, params) => seen.push({ iteration, cost, ...params }),
    });
    expect(seen.map((s) => s.iteration)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((s) => s.cost)).toEqual(fit.history.slice(1));
    expect(seen[4].w.toArray()).toEqual(fit.w.toArray());
    expect(seen[0].w.toArray()).not.toEqual(seen[4].w.toArray());
    expect(seen[4].b.item()).toBe(fit.b.item());
  });

  it("validates its options and data with messages naming them", () => {
    expect(() => linearRegressionGD(FEATURES, TARGETS, { learningRate: -0.1 })).toThrow(
      "linearRegressionGD: option learningRate must be a positive finite number, got -0.1",
    );
    expect(() => linearRegressionGD(FEATURES, TARGETS, { maxIters: 0 })).toThrow(
      "linearRegressionGD: option maxIters must be an integer ≥ 1, got 0",
    );
    expect(() => linearRegressionGD(FEATURES, TARGETS, { lambda: -1 })).toThrow(
      "linearRegressionGD: option lambda must be a finite number ≥ 0, got -1",
    );
    expect(() =>
      linearRegressionGD(FEATURES, TARGETS, { learning_rate: 0.1 } as unknown as object),
    ).toThrow(
      'linearRegressionGD: unknown option "learning_rate" (did you mean learningRate?); the options are learningRate, lambda, tolerance, maxIters, onEpoch',
    );
    expect(() =>
      linearRegressionGD(FEATURES, TARGETS, { onEpoch: 3 } as unknown as object),
    ).toThrow("linearRegressionGD: option onEpoch must be a function, got 3");
    expect(() =>
      linearRegressionGD(FEATURES, TARGETS, { tolerance: "1e-6" } as unknown as object),
    ).toThrow('linearRegressionGD: option tolerance must be a finite number ≥ 0, got "1e-6"');
    expect(() => linearRegressionGD(FEATURES, TARGETS.slice(1))).toThrow(
      "linearRegressionGD: [6, 2], [5]: X has 6 rows (examples) but y has 5",
    );
    expect(() => linearRegressionGD(FEATURES, [[[1]]])).toThrow(
      "y must be [m] (one output) or [m, k] (k outputs), got 3-D",
    );
  });
});
