import { describe, expect, it } from "vitest";
import { l2Shrinkage, ridgeFromOptimum } from "../../../src/models";
import { eye, matmul, tensor } from "../../../src/tensor";
import * as linalg from "../../../src/tensor/linalg";
import { expectClose } from "./close";

// numpy: eigvalsh(H), λ/(λ + α), their sum, and np.linalg.solve(H + αI, H @ w*).
const H = [
  [4, 1, 0],
  [1, 3, 0.5],
  [0, 0.5, 0.2],
];
const ALPHA = 0.5;
const EIGENVALUES = [0.10523172404699163, 2.4608626610789037, 4.633905614874105];
const FACTORS = [0.17387013909869203, 0.8311302963921312, 0.9026082601613507];
const EFFECTIVE = 1.9076086956521738;
const W_STAR = [1, -2, 0.5];
const W_TILDE = [0.7907608695652174, -1.5584239130434785, -0.1725543478260869];

describe("l2Shrinkage", () => {
  it("gives seed 002's eigenvalues, factors λᵢ/(λᵢ + α) and effective number of parameters", () => {
    const result = l2Shrinkage(H, ALPHA);
    expectClose(result.eigenvalues, EIGENVALUES, { rtol: 1e-13 });
    expectClose(result.factors, FACTORS, { rtol: 1e-13 });
    expectClose(result.effectiveParams, EFFECTIVE, { rtol: 1e-13 });
    // The eigenvectors diagonalize H: QᵀHQ = Λ.
    const Q = result.eigenvectors;
    expectClose(matmul(matmul(Q.T, H), Q), linalg.eigh(H).values.mul(eye(3)), { atol: 1e-13 });
  });

  it("keeps every direction at α = 0 and drops the flat ones of a singular H", () => {
    expect(l2Shrinkage(H, 0).effectiveParams).toBeCloseTo(3, 14);
    const singular = l2Shrinkage(
      [
        [1, 1],
        [1, 1],
      ],
      0,
    );
    expectClose(singular.eigenvalues, [0, 2], { rtol: 1e-15 });
    expect(singular.eigenvalues.get(0)).toBe(0);
    expect(singular.factors.toArray()).toEqual([0, 1]);
    expect(singular.effectiveParams).toBe(1);
    expect(l2Shrinkage(H, 1e6).effectiveParams).toBeLessThan(1e-5);
  });

  it("refuses a matrix that cannot be a Hessian at a minimum", () => {
    expect(() => l2Shrinkage([[1, 2, 3]], 1)).toThrow(
      "l2Shrinkage: [1, 3]: H must be a square matrix [n, n]",
    );
    expect(() =>
      l2Shrinkage(
        [
          [1, 2],
          [0, 1],
        ],
        1,
      ),
    ).toThrow("l2Shrinkage: H must be symmetric, but H[1, 0] = 0 and H[0, 1] = 2");
    expect(() =>
      l2Shrinkage(
        [
          [1, 0],
          [0, -1],
        ],
        1,
      ),
    ).toThrow(
      "l2Shrinkage: H must be positive semi-definite (a Hessian at a minimum), but it has the eigenvalue -1",
    );
    expect(() => l2Shrinkage(H, -0.1)).toThrow(
      "l2Shrinkage: alpha (α) must be a finite number ≥ 0, got -0.1",
    );
  });
});

describe("ridgeFromOptimum", () => {
  it("equals (H + αI)⁻¹Hw* and Q diag(λ/(λ + α)) Qᵀ w*", () => {
    const wTilde = ridgeFromOptimum(H, W_STAR, ALPHA);
    expectClose(wTilde, W_TILDE, { rtol: 1e-13 });
    expectClose(ridgeFromOptimum(H, W_STAR, 0), W_STAR, { rtol: 1e-13 });
    // Shrinking never lengthens the weights.
    expect(linalg.norm(wTilde).item()).toBeLessThan(linalg.norm(tensor(W_STAR)).item());
    expect(() => ridgeFromOptimum(H, [1, 2], ALPHA)).toThrow(
      "ridgeFromOptimum: [3, 3], [2]: wStar must be a vector [3] to match H",
    );
  });
});
