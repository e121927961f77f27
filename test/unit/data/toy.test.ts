import { describe, expect, it } from "vitest";
import { makeBlobs, makeLinear, makeMultiOutput, makePolynomial } from "../../../src/data";
import { einsum } from "../../../src/tensor/einsum";
import { expectClose } from "../models/close";

describe("makeLinear (seed 004, exercise 1.1)", () => {
  it("draws X ~ N(0, 1) [20, 2] with a bias column of ones and y = Xw without noise", () => {
    const { X, y, w } = makeLinear();
    expect(X.shape).toEqual([20, 2]);
    expect(y.shape).toEqual([20]);
    expect(w.toArray()).toEqual([0.5, 1]);
    for (let i = 0; i < 20; i++) {
      expect(X.get(i, 0)).toBe(1);
      expect(y.get(i)).toBe(0.5 * 1 + 1 * X.get(i, 1));
    }
    const column = X.slice(null, 1);
    expect(Math.abs(column.mean().item())).toBeLessThan(1);
    expect(column.std().item()).toBeGreaterThan(0.4);
  });

  it("is deterministic per seed and takes other sizes and weights", () => {
    expect(makeLinear({ seed: 3 }).X.toArray()).toEqual(makeLinear({ seed: 3 }).X.toArray());
    expect(makeLinear({ seed: 3 }).X.toArray()).not.toEqual(makeLinear({ seed: 4 }).X.toArray());
    const { X, y } = makeLinear({ m: 5, w: [1, 2, 3] });
    expect(X.shape).toEqual([5, 3]);
    expectClose(y, X.matmul([1, 2, 3]), { rtol: 1e-15 });
    expect(() => makeLinear({ m: 0 })).toThrow(
      "makeLinear: option m must be an integer ≥ 1, got 0",
    );
    expect(() => makeLinear({ n: 3 } as unknown as object)).toThrow(
      'makeLinear: unknown option "n"; the options are m, w, seed',
    );
  });
});

describe("makePolynomial (seed 003)", () => {
  it("samples sorted x in the range and a noisy polynomial of it", () => {
    const { x, y, coefficients } = makePolynomial({ m: 50, coefficients: [1, 0, -2], noise: 0 });
    const values = x.toArray() as number[];
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(coefficients.toArray()).toEqual([1, 0, -2]);
    expectClose(
      y,
      values.map((v) => 1 - 2 * v * v),
      { rtol: 1e-15, atol: 1e-15 },
    );
    const noisy = makePolynomial({ m: 50, coefficients: [1, 0, -2], noise: 0.1 });
    const residual = noisy.y.sub(y);
    expect(residual.std().item()).toBeGreaterThan(0.05);
    expect(residual.std().item()).toBeLessThan(0.2);
    expect(makePolynomial().y.toArray()).toEqual(makePolynomial().y.toArray());
  });
});

describe("makeBlobs", () => {
  it("shares the examples out between the centers and labels each with its center", () => {
    const { X, y, centers } = makeBlobs({ m: 100, centers: 3, std: 0.5, seed: 2 });
    expect(X.shape).toEqual([100, 2]);
    expect(centers.shape).toEqual([3, 2]);
    const counts = [0, 0, 0];
    y.forEach((label) => counts[label]++);
    expect(counts).toEqual([34, 33, 33]);
    for (let i = 0; i < 100; i++) {
      const dx = X.get(i, 0) - centers.get(y[i], 0);
      const dy = X.get(i, 1) - centers.get(y[i], 1);
      expect(Math.hypot(dx, dy)).toBeLessThan(0.5 * 6);
    }
    expect(y.slice(0, 10)).not.toEqual(new Int32Array(10));
  });

  it("accepts explicit centers and is deterministic", () => {
    const centers = [
      [0, 0],
      [5, 5],
    ];
    const a = makeBlobs({ m: 10, centers, std: 0 });
    for (let i = 0; i < 10; i++) expect(a.X.slice(i).toArray()).toEqual(centers[a.y[i]]);
    expect(makeBlobs({ seed: 9 }).X.toArray()).toEqual(makeBlobs({ seed: 9 }).X.toArray());
    expect(() => makeBlobs({ centers: [1, 2] })).toThrow(
      "makeBlobs: option centers must be an integer ≥ 1 (how many to draw) or a [K, d] matrix of finite coordinates, got [1, 2]",
    );
    expect(() => makeBlobs({ centers: 2.5 })).toThrow(RangeError);
  });

  it("validates options with the library's one message format, knowing scikit-learn's names", () => {
    const unknown = (options: object) => () => makeBlobs(options);
    expect(unknown({ n_samples: 10 })).toThrow(
      'makeBlobs: unknown option "n_samples" (did you mean m? scikit-learn\'s n_samples; m is the number of examples); the options are m, centers, dims, std, box, seed',
    );
    expect(unknown({ random_state: 0 })).toThrow(
      'unknown option "random_state" (did you mean seed? scikit-learn\'s random_state)',
    );
    expect(unknown({ cluster_std: 2 })).toThrow("(did you mean std? scikit-learn's cluster_std)");
    expect(() => makeBlobs({ std: -1 })).toThrow(
      new RangeError("makeBlobs: option std must be a finite number ≥ 0, got -1"),
    );
    expect(() => makeBlobs({ box: [1, -1] })).toThrow(
      "makeBlobs: option box must be [low, high] with low < high, got [1, -1]",
    );
    expect(() => makePolynomial({ noise: "0.1" as unknown as number })).toThrow(
      new TypeError('makePolynomial: option noise must be a finite number ≥ 0, got "0.1"'),
    );
    expect(() => makeLinear({ w: [] })).toThrow(
      "makeLinear: option w must be a non-empty list of finite numbers, got []",
    );
    expect(() => makeMultiOutput({ inputs: 0 })).toThrow(
      "makeMultiOutput: option inputs must be an integer ≥ 1, got 0",
    );
  });
});

describe("makeMultiOutput (seed 000)", () => {
  it("maps 3 inputs to 2 outputs in the (m, n, 1) layout: y = einsum('ijk,pjk->ipk', X, W) + b", () => {
    const { X, y, W, b } = makeMultiOutput();
    expect(X.shape).toEqual([1000, 3, 1]);
    expect(W.shape).toEqual([2, 3, 1]);
    expect(b.shape).toEqual([2, 1]);
    expect(y.shape).toEqual([1000, 2, 1]);
    expectClose(y, einsum("ijk,pjk->ipk", X, W).add(b), { rtol: 1e-15 });
    // The same map as a plain matrix product on the squeezed [m, n] form.
    expectClose(y.squeeze(2), X.squeeze(2).matmul(W.squeeze(2).T).add(b.squeeze(1)), {
      rtol: 1e-14,
    });
    const values = X.toArray() as number[][][];
    expect(values.flat(2).every((v) => v >= 0 && v < 1)).toBe(true);
    expect(makeMultiOutput({ m: 4, seed: 1 }).y.toArray()).toEqual(
      makeMultiOutput({ m: 4, seed: 1 }).y.toArray(),
    );
  });
});
