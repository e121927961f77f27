import { describe, expect, it } from "vitest";
import { makeLinear } from "../../../src/data";
import {
  addBias,
  normalEquation,
  ridgeNormalEquation,
  ridgePenaltyMatrix,
} from "../../../src/models";
import { LinAlgError, matmul, ShapeError, tensor } from "../../../src/tensor";
import { expectClose } from "./close";

// Oracles: numpy 2.4 (np.linalg.lstsq(..., rcond=None)[0], np.linalg.solve(D.T@D + λL, D.T@y)).
const RANK_DEFICIENT_X = [
  [1, 2, 3],
  [1, 0, 1],
  [1, 1, 2],
  [1, 3, 4],
  [1, -1, 0],
]; // column 2 = column 0 + column 1
const RANK_DEFICIENT_Y = [1, 2, 0.5, -1, 3];
const RANK_DEFICIENT_W = [1.6333333333333342, -1.2666666666666666, 0.3666666666666669];
const RANK_DEFICIENT_W2 = [
  [1.6333333333333342, 4.233333333333335],
  [-1.2666666666666666, -3.166666666666667],
  [0.3666666666666669, 1.066666666666667],
];
const FEATURES = [
  [0.5, 1.2],
  [-0.3, 0.8],
  [1.5, -0.7],
  [0.1, 0.0],
  [-1.2, 2.2],
  [0.9, 0.4],
];
const TARGETS = [1.0, 0.2, 2.1, -0.4, 0.3, 1.7];
const LAMBDA = 0.7;
const RIDGE_FREE_BIAS = [0.42923998979852035, 0.8735972966080089, 0.2600420811017603];
const RIDGE_PENALIZED_BIAS = [0.32855457201545196, 0.9387374837231469, 0.3309174722850646];
const OLS = [-0.007983908771728372, 1.4184843440576305, 0.7231222914215195];

describe("normalEquation", () => {
  it("recovers seed 004's w = [0.5, 1] exactly from noise-free toy data", () => {
    const { X, y, w } = makeLinear();
    expect(X.shape).toEqual([20, 2]);
    expect(w.toArray()).toEqual([0.5, 1]);
    expectClose(normalEquation(X, y), [0.5, 1], { rtol: 1e-13, atol: 1e-14 });
  });

  it("gives numpy's minimum-norm lstsq answer when XᵀX is singular", () => {
    expectClose(normalEquation(RANK_DEFICIENT_X, RANK_DEFICIENT_Y), RANK_DEFICIENT_W, {
      rtol: 1e-10,
    });
    // More features than examples: XᵀX [4, 4] has rank 2.
    const w = normalEquation(
      [
        [1, 2, -1, 0.5],
        [1, -1, 3, 2],
      ],
      [1.5, -0.5],
    );
    expectClose(
      w,
      [0.2640117994100296, 0.4793510324483778, -0.19911504424778773, 0.1563421828908555],
      { rtol: 1e-10 },
    );
  });

  it("solves every column of a multi-output y", () => {
    const Y = RANK_DEFICIENT_Y.map((v, i) => [v, 2 * v - 1 + i]);
    const W = normalEquation(RANK_DEFICIENT_X, Y);
    expect(W.shape).toEqual([3, 2]);
    expectClose(W, RANK_DEFICIENT_W2, { rtol: 1e-10 });
  });

  it("matches numpy on a full-rank design matrix", () => {
    expectClose(normalEquation(addBias(FEATURES), TARGETS), OLS, { rtol: 1e-12 });
  });

  it("names the argument in its errors", () => {
    expect(() => normalEquation([1, 2, 3], [1, 2, 3])).toThrow(
      /normalEquation: .*X must be a 2-D matrix \[m, n\].*X\.reshape\(-1, 1\)/,
    );
    expect(() => normalEquation(RANK_DEFICIENT_X, [1, 2, 3])).toThrow(ShapeError);
    expect(() => normalEquation(RANK_DEFICIENT_X, [1, 2, 3])).toThrow(
      "X has 5 rows (examples) but y has 3",
    );
    expect(() => normalEquation([[1, NaN]], [1])).toThrow(
      "normalEquation: X has a non-finite value (NaN) at X[0, 1]",
    );
    expect(() => normalEquation([[1, 2]], [Infinity])).toThrow(
      "y has a non-finite value (Infinity) at y[0]",
    );
  });
});

describe("ridgeNormalEquation", () => {
  const D = addBias(FEATURES);

  it("leaves the bias unpenalized by default: (XᵀX + λL)⁻¹Xᵀy with L = diag(0, 1, 1)", () => {
    expectClose(ridgeNormalEquation(D, TARGETS, LAMBDA), RIDGE_FREE_BIAS, { rtol: 1e-12 });
    expectClose(ridgeNormalEquation(D, TARGETS, LAMBDA, { penalizeBias: false }), RIDGE_FREE_BIAS, {
      rtol: 1e-12,
    });
  });

  it("penalizes every weight with { penalizeBias: true } (L = I)", () => {
    expectClose(
      ridgeNormalEquation(D, TARGETS, LAMBDA, { penalizeBias: true }),
      RIDGE_PENALIZED_BIAS,
      {
        rtol: 1e-12,
      },
    );
  });

  it("differs between the two settings exactly by the L matrix", () => {
    const free = ridgePenaltyMatrix(3);
    const all = ridgePenaltyMatrix(3, { penalizeBias: true });
    expect(free.toArray()).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(all.sub(free).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // Each solution satisfies its own system (DᵀD + λL)w = Dᵀy and not the other one.
    const gram = matmul(D.T, D);
    const rhs = matmul(D.T, tensor(TARGETS));
    for (const [L, options] of [
      [free, { penalizeBias: false }],
      [all, { penalizeBias: true }],
    ] as const) {
      const w = ridgeNormalEquation(D, TARGETS, LAMBDA, options);
      expectClose(matmul(gram.add(L.mul(LAMBDA)), w), rhs, { rtol: 1e-12, atol: 1e-12 });
    }
    const wFree = ridgeNormalEquation(D, TARGETS, LAMBDA);
    const residual = matmul(gram.add(all.mul(LAMBDA)), wFree).sub(rhs);
    // Only the bias row feels the difference: λ·w₀.
    expectClose(residual, [LAMBDA * wFree.get(0), 0, 0], { atol: 1e-12 });
  });

  it("shifts only the bias when y shifts by a constant, unless the bias is penalized", () => {
    const shifted = TARGETS.map((v) => v + 10);
    const moved = ridgeNormalEquation(D, shifted, LAMBDA).sub(
      ridgeNormalEquation(D, TARGETS, LAMBDA),
    );
    expectClose(moved, [10, 0, 0], { atol: 1e-12 });
    const options = { penalizeBias: true };
    const shrunk = ridgeNormalEquation(D, shifted, LAMBDA, options).sub(
      ridgeNormalEquation(D, TARGETS, LAMBDA, options),
    );
    expect(shrunk.get(0)).toBeLessThan(9.9);
  });

  it("equals the normal equation at λ = 0 and handles several outputs", () => {
    expectClose(ridgeNormalEquation(D, TARGETS, 0), OLS, { rtol: 1e-10 });
    const Y = TARGETS.map((v) => [v, -v]);
    const W = ridgeNormalEquation(D, Y, LAMBDA);
    expect(W.shape).toEqual([3, 2]);
    expectClose(W.slice(null, 0), RIDGE_FREE_BIAS, { rtol: 1e-12 });
    expectClose(
      W.slice(null, 1),
      RIDGE_FREE_BIAS.map((v) => -v),
      { rtol: 1e-12 },
    );
  });

  it("solves a singular XᵀX once λ > 0 and explains when it cannot", () => {
    const w = ridgeNormalEquation(RANK_DEFICIENT_X, RANK_DEFICIENT_Y, 0.1);
    expect(w.shape).toEqual([3]);
    expect(() => ridgeNormalEquation(RANK_DEFICIENT_X, RANK_DEFICIENT_Y, 0)).toThrow(LinAlgError);
    expect(() => ridgeNormalEquation(RANK_DEFICIENT_X, RANK_DEFICIENT_Y, 0)).toThrow(
      /ridgeNormalEquation: XᵀX \+ λL is not positive definite \(λ = 0, X \[5, 3\]\).*normalEquation/,
    );
  });

  it("names a NaN or an Infinity in X rather than blaming the matrix", () => {
    for (const bad of [NaN, Infinity]) {
      const broken = addBias(FEATURES);
      broken.data[4 * 3 + 1] = bad;
      expect(() => ridgeNormalEquation(broken, TARGETS, LAMBDA)).toThrow(
        `ridgeNormalEquation: X has a non-finite value (${bad}) at X[4, 1]`,
      );
    }
    expect(() => ridgeNormalEquation(D, [1, 2, NaN, 4, 5, 6], LAMBDA)).toThrow(
      "ridgeNormalEquation: y has a non-finite value (NaN) at y[2]",
    );
  });

  it("validates λ and the options", () => {
    expect(() => ridgeNormalEquation(D, TARGETS, -1)).toThrow(
      "ridgeNormalEquation: lambda (λ) must be a finite number ≥ 0, got -1",
    );
    expect(() => ridgeNormalEquation(D, TARGETS, NaN)).toThrow("got NaN");
    expect(() =>
      ridgeNormalEquation(D, TARGETS, 1, { penalize_bias: true } as unknown as object),
    ).toThrow(
      'ridgeNormalEquation: unknown option "penalize_bias" (did you mean penalizeBias?); the options are penalizeBias',
    );
    expect(() =>
      ridgeNormalEquation(D, TARGETS, 1, { penalizeBias: "yes" } as unknown as object),
    ).toThrow('ridgeNormalEquation: option penalizeBias must be true or false, got "yes"');
    expect(() => ridgePenaltyMatrix(0)).toThrow(
      "ridgePenaltyMatrix: n must be an integer ≥ 1, got 0",
    );
  });
});
