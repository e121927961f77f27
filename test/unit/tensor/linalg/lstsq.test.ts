import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError } from "../../../../src/tensor/errors";
import { lstsq, lstsqFull } from "../../../../src/tensor/linalg/lstsq";
import { pinv } from "../../../../src/tensor/linalg/pinv";
import { solve } from "../../../../src/tensor/linalg/solve";
import {
  expectClose,
  lowRankMatrix,
  matrix,
  maxAbs,
  maxDifference,
  multiply,
  randomMatrix,
  slicedStorage,
  strided,
  transpose,
  transposedStorage,
  vector,
} from "./helpers";

// Column 3 = column 1 + column 2: rank 2, so XᵀX is singular and the normal equation has a whole
// line of solutions; lstsq must return the one of least norm.
const R = [
  [1, 1, 2],
  [1, 2, 3],
  [1, 3, 4],
  [1, 4, 5],
];
const bR = [1, 2, 2, 4];
const X = [
  [1, 0.5],
  [1, 1.5],
  [1, 2.0],
  [1, 3.5],
  [1, 4.0],
];
const y = [1, 2, 2.5, 4, 4.5];

// numpy 2.4: np.linalg.lstsq (rcond=None) and np.linalg.pinv on the matrices above.
const NUMPY = {
  lstsqR: [-0.2999999999999988, 0.5999999999999994, 0.3000000000000004],
  singularValuesR: [9.344132686098556, 0.8289658283575813, 1.1803977905049685e-16],
  lstsqX: [0.49999999999999994, 0.9999999999999999],
  residualsX: [5.506968602485762e-32],
  lstsqX2: [0.49999999999999994, 2.0000000000000013, 0.9999999999999999, 2.0],
  lstsqWide: [0.2000000000000004, 0.40000000000000197, -1.0427989196869446e-15],
  pinvR: [
    0.766666666666666, 0.3666666666666663, -0.03333333333333323, -0.4333333333333328,
    -0.5333333333333334, -0.23333333333333336, 0.06666666666666662, 0.36666666666666664,
    0.23333333333333345, 0.13333333333333336, 0.033333333333333354, -0.06666666666666665,
  ],
};

describe("lstsq", () => {
  it("returns numpy's minimum-norm solution for a rank-deficient design matrix", () => {
    const x = lstsq(matrix(R), vector(bR));
    expect(x.shape).toEqual([3]);
    expectClose(x.data, NUMPY.lstsqR, 1e-13);
    const full = lstsqFull(transposedStorage(R), slicedStorage(bR.map((v) => [v])));
    expect(full.rank).toBe(2);
    expect(full.residuals.shape).toEqual([0]);
    expect(full.solution.shape).toEqual([3, 1]);
    expectClose(full.solution.data, NUMPY.lstsqR, 1e-13);
    expectClose(full.singularValues.data.subarray(0, 2), NUMPY.singularValuesR.slice(0, 2), 1e-14);
    expect(full.singularValues.data[2]).toBeLessThan(1e-14);
  });

  it("fits a full-rank line with numpy's residuals", () => {
    const full = lstsqFull(matrix(X), vector(y));
    expectClose(full.solution.data, NUMPY.lstsqX, 1e-14);
    expect(full.rank).toBe(2);
    expect(full.residuals.shape).toEqual([1]);
    expect(full.residuals.data[0]).toBeLessThan(1e-28);
    const twoColumns = lstsqFull(matrix(X), matrix(y.map((v) => [v, 2 * v + 1])));
    expect(twoColumns.solution.shape).toEqual([2, 2]);
    expectClose(twoColumns.solution.data, NUMPY.lstsqX2, 1e-13);
    expect(twoColumns.residuals.shape).toEqual([2]);
    const noisy = lstsqFull(matrix(X), vector([1, 2.2, 2.4, 4.1, 4.4]));
    const x = noisy.solution.data;
    const fitted = multiply(Float64Array.from(X.flat()), x, 5, 2, 1);
    const expected = [1, 2.2, 2.4, 4.1, 4.4].reduce((sum, v, i) => sum + (v - fitted[i]) ** 2, 0);
    expect(noisy.residuals.data[0]).toBeCloseTo(expected, 14);
  });

  it("gives the minimum-norm solution of an underdetermined system", () => {
    const full = lstsqFull(
      matrix([
        [1, 2, 3],
        [2, 4, 7],
      ]),
      vector([1, 2]),
    );
    expectClose(full.solution.data, NUMPY.lstsqWide, 1e-13);
    expect(full.residuals.shape).toEqual([0]);
  });

  it("agrees with solve on square systems and with the normal equation on tall full-rank ones", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer(),
        (n, extra, seed) => {
          const m = n + extra;
          const a = randomMatrix(m, n, seed);
          const b = randomMatrix(m, 1, seed + 1);
          const x = lstsq(strided(a, [m, n]), strided(b, [m])).data;
          const at = transpose(a, m, n);
          const normal = solve(
            strided(multiply(at, a, n, m, n), [n, n]),
            strided(multiply(at, b, n, m, 1), [n]),
          ).data;
          expect(maxDifference(x, normal)).toBeLessThan(1e-8 * Math.max(1, maxAbs(normal)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("returns a solution orthogonal to the null space for random rank-deficient systems", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer(),
        (m, n, seed) => {
          const rank = Math.max(1, Math.min(m, n) - 1);
          const a = lowRankMatrix(m, n, rank, seed);
          const b = randomMatrix(m, 1, seed + 2);
          const x = lstsq(strided(a, [m, n]), strided(b, [m])).data;
          // The minimum-norm least-squares solution is A⁺·b.
          const pinvB = multiply(pinv(strided(a, [m, n])).data, b, n, m, 1);
          expect(maxDifference(x, pinvB)).toBeLessThan(1e-10 * Math.max(1, maxAbs(x)));
          // The residual is orthogonal to the column space: Aᵀ(b − Ax) = 0.
          const residual = b.map((v, i) => v - multiply(a, x, m, n, 1)[i]);
          expect(maxAbs(multiply(transpose(a, m, n), residual, n, m, 1))).toBeLessThan(
            1e-10 * Math.max(1, maxAbs(a)) * m,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it("handles tall systems with more columns than one block of reflectors", () => {
    const m = 260;
    const n = 90;
    const a = randomMatrix(m, n, 21);
    const b = randomMatrix(m, 2, 22);
    const x = lstsq(strided(a, [m, n]), strided(b, [m, 2])).data;
    const at = transpose(a, m, n);
    const gram = strided(multiply(at, a, n, m, n), [n, n]);
    const normal = solve(gram, strided(multiply(at, b, n, m, 2), [n, 2])).data;
    expect(maxDifference(x, normal)).toBeLessThan(1e-10 * Math.max(1, maxAbs(normal)));
  });

  it("uses rcond: a larger cutoff lowers the rank", () => {
    const a = matrix([
      [1, 0],
      [0, 1e-8],
    ]);
    expect(lstsqFull(a, vector([1, 1])).rank).toBe(2);
    const cut = lstsqFull(a, vector([1, 1]), { rcond: 1e-6 });
    expect(cut.rank).toBe(1);
    expectClose(cut.solution.data, [1, 0], 1e-15);
  });

  it("rejects stacks, bad right-hand sides and non-matrices", () => {
    expect(() => lstsq(strided(new Float64Array(8), [2, 2, 2]), vector([1, 2]))).toThrow(
      "linalg.lstsq: A has shape [2, 2, 2]: expected a 2-D matrix (linalg.lstsq does not accept stacks of matrices)",
    );
    expect(() => lstsq(matrix(X), vector([1, 2]))).toThrow(
      "linalg.lstsq: [5, 2], [2]: b has 2 rows but A has 5: axis 0 of b must equal axis 0 of A",
    );
    expect(() => lstsq(matrix(X), strided(new Float64Array(10), [5, 1, 2]))).toThrow(
      "linalg.lstsq: [5, 2], [5, 1, 2]: b must be a vector [5] or a matrix [5, k], got 3-D",
    );
    expect(() => lstsq(vector([1]), vector([1]))).toThrow(LinAlgError);
  });
});

describe("pinv", () => {
  it("matches numpy on a rank-deficient matrix", () => {
    const p = pinv(matrix(R));
    expect(p.shape).toEqual([3, 4]);
    expectClose(p.data, NUMPY.pinvR, 1e-13);
  });

  it("satisfies the Penrose identities A·A⁺·A = A and A⁺·A·A⁺ = A⁺", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (m, n, rankWish, seed) => {
          const rank = Math.min(rankWish, m, n);
          const a = lowRankMatrix(m, n, rank, seed);
          const p = pinv(strided(a, [m, n])).data;
          const apa = multiply(multiply(a, p, m, n, m), a, m, m, n);
          expect(maxDifference(apa, a)).toBeLessThan(1e-10 * Math.max(1, maxAbs(a)));
          const pap = multiply(multiply(p, a, n, m, n), p, n, n, m);
          expect(maxDifference(pap, p)).toBeLessThan(1e-8 * Math.max(1, maxAbs(p)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("inverts invertible matrices, handles stacks, empties and the rcond option", () => {
    const a = matrix([
      [4, 7],
      [2, 6],
    ]);
    expectClose(pinv(a).data, [0.6, -0.7, -0.2, 0.4], 1e-14);
    const stack = pinv(strided(Float64Array.from([4, 7, 2, 6, 8, 14, 4, 12]), [2, 2, 2]));
    expect(stack.shape).toEqual([2, 2, 2]);
    expectClose(stack.data.subarray(4), [0.3, -0.35, -0.1, 0.2], 1e-14);
    expect(pinv(strided(new Float64Array(0), [0, 3])).shape).toEqual([3, 0]);
    const nearlySingular = matrix([
      [1, 0],
      [0, 1e-10],
    ]);
    expectClose(pinv(nearlySingular).data, [1, 0, 0, 1e10], 1e-14);
    expectClose(pinv(nearlySingular, { rcond: 1e-8 }).data, [1, 0, 0, 0], 1e-14);
  });
});
