import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError } from "../../../../src/tensor/errors";
import { qr } from "../../../../src/tensor/linalg/qr";
import { svd, svdvals } from "../../../../src/tensor/linalg/svd";
import {
  expectClose,
  expectOrthonormalColumns,
  lowRankMatrix,
  matrix,
  maxAbs,
  maxDifference,
  multiply,
  randomMatrix,
  rowsOf,
  slicedStorage,
  strided,
  transpose,
  transposedStorage,
  vector,
} from "./helpers";

const W = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 10],
  [1, 0, 1],
];
// numpy 2.4: np.linalg.svd(W, full_matrices=False) (vectors determined up to a shared sign).
const NUMPY = {
  S: [17.450895584636637, 0.9869391657365876, 0.7015656613921288],
  U: [
    [-0.2088293975651837, 0.723187842845511, 0.6531005371338523],
    [-0.5027074321838486, 0.13767965376374286, -0.2083219712783603],
    [-0.8362242314927112, -0.21236852664821113, -0.09514883650333841],
    [-0.06636682156098839, -0.6426066182270619, 0.7218090769658088],
  ],
  Vt: [
    [-0.46642852963239634, -0.5513178255711642, -0.6917319437126237],
    [-0.8665983442107416, 0.441593318468393, 0.23238470452091542],
    [-0.17734637452218058, -0.7078446130977869, 0.6837428370025403],
  ],
};

/** Checks U·diag(S)·Vt = A, orthonormal U columns and Vt rows, S descending and ≥ 0. */
function expectSVD(
  a: Float64Array,
  m: number,
  n: number,
  u: Float64Array,
  s: Float64Array,
  vt: Float64Array,
): void {
  const k = Math.min(m, n);
  for (let i = 0; i < k; i++) {
    expect(s[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
  }
  const size = Math.max(m, n, 4);
  expectOrthonormalColumns(u, m, k, 1e-13 * size);
  expectOrthonormalColumns(transpose(vt, k, n), n, k, 1e-13 * size);
  const us = u.map((v, index) => v * s[index % k]);
  const error = maxDifference(multiply(us, vt, m, k, n), a);
  expect(error).toBeLessThanOrEqual(1e-13 * Math.max(1, maxAbs(a)) * size);
}

describe("svd", () => {
  it("matches numpy's singular values, and its vectors up to a shared sign", () => {
    const { U, S, Vt } = svd(matrix(W));
    expect([U.shape, S.shape, Vt.shape]).toEqual([[4, 3], [3], [3, 3]]);
    expectClose(S.data, NUMPY.S, 1e-14);
    const u = rowsOf(U);
    const vt = rowsOf(Vt);
    for (let j = 0; j < 3; j++) {
      const sign = Math.sign(u[0][j] * NUMPY.U[0][j]);
      for (let i = 0; i < 4; i++) expect(u[i][j]).toBeCloseTo(sign * NUMPY.U[i][j], 13);
      for (let i = 0; i < 3; i++) expect(vt[j][i]).toBeCloseTo(sign * NUMPY.Vt[j][i], 13);
    }
  });

  it("makes the largest-magnitude entry of each column of U positive", () => {
    const { U } = svd(matrix(W));
    const u = rowsOf(U);
    for (let j = 0; j < 3; j++) {
      const column = u.map((row) => row[j]);
      const largest = column.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("decomposes wide matrices (m < n) and views", () => {
    const wide = W[0].map((_, j) => W.map((row) => row[j]));
    const { U, S, Vt } = svd(matrix(wide));
    expect([U.shape, S.shape, Vt.shape]).toEqual([[3, 3], [3], [3, 4]]);
    expectClose(S.data, NUMPY.S, 1e-14);
    expectClose(svd(transposedStorage(W)).S.data, NUMPY.S, 1e-14);
    expectClose(svdvals(slicedStorage(W)).data, NUMPY.S, 1e-14);
  });

  it("holds U·S·Vt = A with orthonormal factors for random shapes and ranks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer(),
        (m, n, rankWish, seed) => {
          const rank = Math.min(rankWish, m, n);
          const a =
            rank === Math.min(m, n) ? randomMatrix(m, n, seed) : lowRankMatrix(m, n, rank, seed);
          const { U, S, Vt } = svd(strided(a, [m, n]));
          expectSVD(a, m, n, U.data, S.data, Vt.data);
          const k = Math.min(m, n);
          for (let i = rank; i < k; i++)
            expect(S.data[i]).toBeLessThan(1e-12 * Math.max(1, S.data[0]));
          expect(maxDifference(svdvals(strided(a, [m, n])).data, S.data)).toBeLessThan(
            1e-12 * Math.max(1, S.data[0]),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("takes the QR path for tall matrices and matches the direct path", () => {
    const m = 300;
    const n = 12;
    const a = randomMatrix(m, n, 5);
    const tall = svd(strided(a, [m, n]));
    expectSVD(a, m, n, tall.U.data, tall.S.data, tall.Vt.data);
    const wide = svd(strided(transpose(a, m, n), [n, m]));
    expect(maxDifference(tall.S.data, wide.S.data)).toBeLessThan(1e-12);
  });

  it("converges on singular values spanning hundreds of orders of magnitude", () => {
    const n = 120;
    const left = qr(strided(randomMatrix(n, n, 31), [n, n])).Q.data;
    const right = qr(strided(randomMatrix(n, n, 32), [n, n])).Q.data;
    const sigma = Array.from({ length: n }, (_, i) => 10 ** ((-300 * i) / n));
    const a = multiply(
      left.map((v, index) => v * sigma[index % n]),
      transpose(right, n, n),
      n,
      n,
      n,
    );
    const { U, S, Vt } = svd(strided(a, [n, n]));
    expectSVD(a, n, n, U.data, S.data, Vt.data);
    expect(S.data[0]).toBeCloseTo(1, 13);
  });

  it("handles zero, rank-one, tiny, huge and empty matrices", () => {
    const zero = svd(strided(new Float64Array(12), [4, 3]));
    expect(Array.from(zero.S.data)).toEqual([0, 0, 0]);
    expectSVD(new Float64Array(12), 4, 3, zero.U.data, zero.S.data, zero.Vt.data);
    const ones = new Float64Array(20).fill(1);
    const rankOne = svd(strided(ones, [4, 5]));
    expectClose(rankOne.S.data, [Math.sqrt(20), 0, 0, 0], 1e-14);
    for (const scale of [1e-160, 1e160]) {
      const a = randomMatrix(7, 5, 3).map((v) => v * scale);
      const reference = svdvals(strided(randomMatrix(7, 5, 3), [7, 5])).data;
      expectClose(
        svdvals(strided(a, [7, 5])).data.map((v) => v / scale),
        reference,
        1e-13,
      );
    }
    const empty = svd(strided(new Float64Array(0), [0, 3]));
    expect([empty.U.shape, empty.S.shape, empty.Vt.shape]).toEqual([[0, 0], [0], [0, 3]]);
  });

  it("decomposes each matrix of a stack", () => {
    const stack = strided(
      Float64Array.from([...W.flat(), ...W.flat().map((v) => 3 * v)]),
      [2, 4, 3],
    );
    const { U, S, Vt } = svd(stack);
    expect([U.shape, S.shape, Vt.shape]).toEqual([
      [2, 4, 3],
      [2, 3],
      [2, 3, 3],
    ]);
    expectClose(
      S.data.subarray(3),
      NUMPY.S.map((v) => 3 * v),
      1e-14,
    );
  });

  it("rejects non-matrices and non-finite input", () => {
    expect(() => svd(vector([1, 2, 3]))).toThrow(
      "linalg.svd: A has shape [3] (1-D): expected a matrix (2-D) or a stack of matrices (leading axes are the batch)",
    );
    expect(() => svdvals(matrix([[1, Number.POSITIVE_INFINITY]]))).toThrow(LinAlgError);
    expect(() => svd(matrix([[Number.NaN, 1]]))).toThrow(
      "linalg.svd: SVD did not converge: the matrix contains NaN or Infinity",
    );
  });
});
