import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError } from "../../../../src/tensor/errors";
import { qr } from "../../../../src/tensor/linalg/qr";
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
  transposedStorage,
  vector,
} from "./helpers";

const M = [
  [1, 2],
  [3, 4],
  [5, 6],
];

// numpy 2.4: np.linalg.qr(M), qr(M, mode='complete') and qr(M.T). Same signs: both use
// LAPACK's reflector convention.
const NUMPY = {
  Q: [
    -0.16903085094570325, 0.8970852271450607, -0.50709255283711, 0.27602622373694136,
    -0.8451542547285166, -0.345032779671177,
  ],
  R: [-5.916079783099616, -7.437357441610946, 0, 0.8280786712108248],
  completeQ: [
    -0.16903085094570325, 0.8970852271450607, 0.40824829046386274, -0.50709255283711,
    0.27602622373694136, -0.8164965809277261, -0.8451542547285166, -0.345032779671177,
    0.40824829046386313,
  ],
  completeR: [-5.916079783099616, -7.437357441610946, 0, 0.8280786712108248, 0, 0],
  wideQ: [-0.44721359549995787, -0.8944271909999157, -0.8944271909999157, 0.4472135954999581],
  wideR: [
    -2.23606797749979, -4.919349550499537, -7.602631123499284, 0, -0.8944271909999153,
    -1.7888543819998306,
  ],
};

describe("qr", () => {
  it("matches numpy's reduced factors, signs included", () => {
    const { Q, R } = qr(matrix(M));
    expect([Q.shape, R.shape]).toEqual([
      [3, 2],
      [2, 2],
    ]);
    expectClose(Q.data, NUMPY.Q, 1e-14);
    expectClose(R.data, NUMPY.R, 1e-14);
  });

  it("matches numpy's complete mode and wide matrices", () => {
    const complete = qr(matrix(M), { mode: "complete" });
    expect([complete.Q.shape, complete.R.shape]).toEqual([
      [3, 3],
      [3, 2],
    ]);
    expectClose(complete.Q.data, NUMPY.completeQ, 1e-14);
    expectClose(complete.R.data, NUMPY.completeR, 1e-14);
    const wide = qr(transposedStorage([M.map((r) => r[0]), M.map((r) => r[1])]));
    expect([wide.Q.shape, wide.R.shape]).toEqual([
      [2, 2],
      [2, 3],
    ]);
    expectClose(wide.Q.data, NUMPY.wideQ, 1e-14);
    expectClose(wide.R.data, NUMPY.wideR, 1e-14);
  });

  it("reads sliced views", () => {
    expectClose(qr(slicedStorage(M)).R.data, NUMPY.R, 1e-14);
  });

  it("gives Q·R = A, QᵀQ = I and R upper triangular for random shapes and ranks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer(),
        (m, n, rankWish, seed) => {
          const rank = Math.min(rankWish, m, n);
          const a =
            rank === Math.min(m, n) ? randomMatrix(m, n, seed) : lowRankMatrix(m, n, rank, seed);
          const k = Math.min(m, n);
          const { Q, R } = qr(strided(a, [m, n]));
          expectOrthonormalColumns(Q.data, m, k, 1e-13 * Math.max(m, n));
          for (let i = 0; i < k; i++)
            for (let j = 0; j < Math.min(i, n); j++) expect(R.data[i * n + j]).toBe(0);
          const error = maxDifference(multiply(Q.data, R.data, m, k, n), a);
          expect(error).toBeLessThanOrEqual(1e-13 * Math.max(1, maxAbs(a)) * Math.max(m, n));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("factors stacks and empty matrices", () => {
    const stack = strided(Float64Array.from([...M.flat(), ...M.flat().map((v) => -v)]), [2, 3, 2]);
    const { Q, R } = qr(stack);
    expect([Q.shape, R.shape]).toEqual([
      [2, 3, 2],
      [2, 2, 2],
    ]);
    expectClose(
      R.data.subarray(4),
      NUMPY.R.map((v) => -v),
      1e-14,
    );
    const empty = qr(strided(new Float64Array(0), [0, 3]));
    expect([empty.Q.shape, empty.R.shape]).toEqual([
      [0, 0],
      [0, 3],
    ]);
  });

  it("rejects non-matrices and leaves its input alone", () => {
    expect(() => qr(vector([1, 2]))).toThrow(LinAlgError);
    expect(() => qr(vector([1, 2]))).toThrow(
      "linalg.qr: A has shape [2] (1-D): expected a matrix (2-D) or a stack of matrices (leading axes are the batch)",
    );
    expect(() => qr(matrix(M), { mode: "r" as "reduced" })).toThrow(
      'linalg.qr: mode must be "reduced" or "complete", got "r"',
    );
    const a = matrix(M);
    qr(a);
    expect(rowsOf(a)).toEqual(M);
  });
});
