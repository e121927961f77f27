import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError } from "../../../../src/tensor/errors";
import { cholesky } from "../../../../src/tensor/linalg/cholesky";
import {
  expectClose,
  matrix,
  maxAbs,
  maxDifference,
  multiply,
  rowsOf,
  slicedStorage,
  spdMatrix,
  strided,
  transpose,
  transposedStorage,
} from "./helpers";

const A3 = [
  [4, 2, 1],
  [2, 5, 3],
  [1, 3, 6],
];
// numpy 2.4: np.linalg.cholesky(A3).
const L3 = [2, 0, 0, 1, 2, 0, 0.5, 1.25, 2.0463381929681126];

describe("cholesky", () => {
  it("matches numpy and returns the lower factor with zeros above", () => {
    const l = cholesky(matrix(A3));
    expect(l.shape).toEqual([3, 3]);
    expectClose(l.data, L3, 1e-15);
    expectClose(cholesky(transposedStorage(A3)).data, L3, 1e-15);
    expectClose(cholesky(slicedStorage(A3)).data, L3, 1e-15);
  });

  it("reads only the lower triangle, like numpy", () => {
    const upperGarbage = A3.map((row, i) => row.map((v, j) => (j > i ? 1e6 : v)));
    expectClose(cholesky(matrix(upperGarbage)).data, L3, 1e-15);
  });

  it("gives Lᵀ with upper: true", () => {
    expectClose(
      cholesky(matrix(A3), { upper: true }).data,
      transpose(Float64Array.from(L3), 3, 3),
      1e-15,
    );
  });

  it("reconstructs A = L·Lᵀ across the blocked sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer(), (n, seed) => {
        const a = spdMatrix(n, seed);
        const l = cholesky(strided(a, [n, n])).data;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
        const error = maxDifference(multiply(l, transpose(l, n, n), n, n, n), a);
        expect(error).toBeLessThanOrEqual(1e-13 * maxAbs(a));
      }),
      { numRuns: 10 },
    );
  });

  it("factors every matrix of a stack", () => {
    const stack = strided(
      Float64Array.from([...A3.flat(), ...A3.flat().map((v) => 4 * v)]),
      [2, 3, 3],
    );
    const l = cholesky(stack);
    expect(l.shape).toEqual([2, 3, 3]);
    expectClose(
      l.data.subarray(9),
      L3.map((v) => 2 * v),
      1e-15,
    );
  });

  it("names the leading minor that is not positive definite", () => {
    const indefinite = matrix([
      [4, 2, 1],
      [2, 1, 3],
      [1, 3, 6],
    ]);
    expect(() => cholesky(indefinite)).toThrow(LinAlgError);
    expect(() => cholesky(indefinite)).toThrow(
      "linalg.cholesky: Matrix is not positive definite: A [3, 3] has a leading minor A[:2, :2] " +
        "that is not positive definite (pivot 2 of 3 is 0, must be > 0)",
    );
    const stack = strided(Float64Array.from([1, 0, 0, 1, -1, 0, 0, 1]), [2, 2, 2]);
    expect(() => cholesky(stack)).toThrow(
      "linalg.cholesky: Matrix is not positive definite: matrix [1] of A [2, 2, 2] has a leading " +
        "minor A[:1, :1] that is not positive definite (pivot 1 of 2 is -1, must be > 0)",
    );
    expect(() => cholesky(matrix([[Number.NaN]]))).toThrow("pivot 1 of 1 is NaN, must be > 0");
    // A failure deep inside the blocked part still names its minor.
    const n = 100;
    const a = spdMatrix(n, 3);
    a[70 * n + 70] = -1e6;
    expect(() => cholesky(strided(a, [n, n]))).toThrow("has a leading minor A[:71, :71]");
  });

  it("rejects non-square input and leaves its input alone", () => {
    expect(() => cholesky(matrix([[1, 2]]))).toThrow(
      "linalg.cholesky: A has shape [1, 2]: expected a square matrix (its last two axes equal), got 1×2",
    );
    const a = matrix(A3);
    cholesky(a);
    expect(rowsOf(a)).toEqual(A3);
  });
});
