import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError, ShapeError } from "../../../../src/tensor/errors";
import { det, slogdet } from "../../../../src/tensor/linalg/det";
import { inv, solve } from "../../../../src/tensor/linalg/solve";
import {
  expectClose,
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

const A3 = [
  [4, 2, 1],
  [2, 5, 3],
  [1, 3, 6],
];
// Needs row exchanges: its (0, 0) entry is 0.
const P4 = [
  [0, 2, 1, 3],
  [1, 1, 0, 2],
  [3, 0, 2, 1],
  [2, 1, 1, 0],
];
const B42 = [
  [1, 0],
  [2, 1],
  [0, -1],
  [3, 2],
];

// numpy 2.4: np.linalg.solve / inv / det on the matrices above.
const NUMPY = {
  solveA3: [0.08955223880597016, 0.10447761194029853, 0.43283582089552236],
  solveP4: [1.125, 0.75, 2.125, 1.75, -1.3750000000000002, -1.25, -0.625, -0.75],
  invP4: [
    -0.3125, 0.4375, 0.0625, 0.1875, 0.1875, -0.0625, -0.4375, 0.6875, 0.4375, -0.8125, 0.3125,
    -0.06250000000000003, 0.0625, 0.3125, 0.1875, -0.4375,
  ],
  detP4: 15.999999999999991,
  detA3: 66.99999999999997,
  logAbsDetP4: 2.7725887222397807,
};

describe("solve", () => {
  it("matches numpy for a vector right-hand side", () => {
    const x = solve(matrix(A3), vector([1, 2, 3]));
    expect(x.shape).toEqual([3]);
    expectClose(x.data, NUMPY.solveA3, 1e-14);
  });

  it("pivots rows and solves several right-hand sides at once", () => {
    const x = solve(matrix(P4), matrix(B42));
    expect(x.shape).toEqual([4, 2]);
    expectClose(x.data, NUMPY.solveP4, 1e-14);
  });

  it("reads transposed and sliced views without copying them first", () => {
    for (const a of [transposedStorage(P4), slicedStorage(P4)]) {
      expectClose(solve(a, slicedStorage(B42)).data, NUMPY.solveP4, 1e-14);
    }
    const reversed = { data: Float64Array.of(3, 2, 1), shape: [3], strides: [-1], offset: 2 };
    expectClose(solve(matrix(A3), reversed).data, NUMPY.solveA3, 1e-14);
  });

  it("never writes into its inputs", () => {
    const a = matrix(P4);
    const b = matrix(B42);
    const before = [a.data.slice(), b.data.slice()];
    solve(a, b);
    inv(a);
    det(a);
    expect([a.data, b.data]).toEqual(before);
  });

  it("satisfies A·x = b for random systems of many sizes (blocked LU included)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (n, k, seed) => {
          const a = randomMatrix(n, n, seed);
          const b = randomMatrix(n, k, seed + 7);
          const x = solve(strided(a, [n, n]), strided(b, [n, k]));
          const residual = maxDifference(multiply(a, x.data, n, n, k), b);
          expect(residual).toBeLessThanOrEqual(1e-9 * Math.max(1, maxAbs(x.data)) * n);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("solves stacks of matrices, broadcasting batch axes as numpy does", () => {
    const stackA = strided(
      Float64Array.from([
        ...A3.flat(),
        ...P4.slice(0, 3)
          .map((r) => r.slice(0, 3))
          .flat(),
      ]),
      [2, 3, 3],
    );
    // A vector b is solved against every matrix of the stack.
    const x = solve(stackA, vector([1, 2, 3]));
    expect(x.shape).toEqual([2, 3]);
    expectClose(x.data.subarray(0, 3), NUMPY.solveA3, 1e-14);
    // b [3, 3, 1] against A [2, 3, 3]? No: the batch axes [3] and [2] do not broadcast.
    const bStack = strided(
      Float64Array.from({ length: 9 }, (_, i) => i + 1),
      [3, 3, 1],
    );
    expect(() => solve(stackA, bStack)).toThrow(
      "linalg.solve: [2, 3, 3], [3, 3, 1]: the batch axes [2] and [3] do not broadcast " +
        "(batch axis 0: 2 vs 3; sizes must match or be 1)",
    );
    // b [1, 3, 2] broadcasts against A [2, 3, 3] to x [2, 3, 2].
    const b = strided(Float64Array.from([1, 0, 2, 1, 3, -1]), [1, 3, 2]);
    const xs = solve(stackA, b);
    expect(xs.shape).toEqual([2, 3, 2]);
    const single = solve(
      matrix(A3),
      matrix([
        [1, 0],
        [2, 1],
        [3, -1],
      ]),
    );
    expectClose(xs.data.subarray(0, 6), single.data, 1e-15);
  });

  it("names the singular pivot", () => {
    const singular = matrix([
      [1, 2, 3],
      [2, 4, 6],
      [1, 0, 1],
    ]);
    expect(() => solve(singular, vector([1, 2, 3]))).toThrow(LinAlgError);
    expect(() => solve(singular, vector([1, 2, 3]))).toThrow(
      "linalg.solve: Singular matrix: A [3, 3] has no pivot in column 2 (U[2, 2] is exactly 0 " +
        "after partial pivoting, pivot 3 of 3), so it has no inverse; lstsq or pinv give the " +
        "least-squares, minimum-norm answer",
    );
    const stack = strided(Float64Array.from([1, 0, 0, 1, 1, 1, 1, 1]), [2, 2, 2]);
    expect(() => inv(stack)).toThrow(
      "linalg.inv: Singular matrix: matrix [1] of A [2, 2, 2] has no pivot in column 1",
    );
  });

  it("rejects non-square, non-matrix and mismatched operands with clear messages", () => {
    expect(() =>
      solve(
        matrix([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        vector([1, 2]),
      ),
    ).toThrow(LinAlgError);
    expect(() =>
      solve(
        matrix([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        vector([1, 2]),
      ),
    ).toThrow(
      "linalg.solve: A has shape [2, 3]: expected a square matrix (its last two axes equal), got 2×3",
    );
    expect(() => solve(vector([1, 2]), vector([1, 2]))).toThrow(LinAlgError);
    expect(() => solve(vector([1, 2]), vector([1, 2]))).toThrow(
      "linalg.solve: A has shape [2] (1-D): expected a matrix (2-D) or a stack of matrices " +
        "(leading axes are the batch)",
    );
    expect(() => solve(matrix(A3), vector([1, 2]))).toThrow(
      "linalg.solve: [3, 3], [2]: b has 2 entries but A is 3×3: b's length must equal A's rows",
    );
    expect(() => solve(matrix(A3), matrix([[1], [2]]))).toThrow(
      "linalg.solve: [3, 3], [2, 1]: b has 2 rows but A is 3×3: axis 0 of b must equal 3",
    );
    expect(() => solve(matrix(A3), strided(Float64Array.of(1), []))).toThrow(
      "linalg.solve: [3, 3], []: b must be a vector [n] or a matrix [n, k] (or a stack of them), not a 0-d scalar",
    );
    const error = (() => {
      try {
        solve(matrix(A3), matrix([[1], [2]]));
      } catch (caught) {
        return caught as ShapeError;
      }
    })();
    expect(error).toBeInstanceOf(ShapeError);
    expect(error?.operand).toBe(1);
    expect(error?.axis).toBe(0);
  });
});

describe("inv", () => {
  it("matches numpy", () => {
    const result = inv(matrix(P4));
    expect(result.shape).toEqual([4, 4]);
    expectClose(result.data, NUMPY.invP4, 1e-14);
  });

  it("gives A·A⁻¹ = I for random matrices, transposed input included", () => {
    for (const n of [1, 2, 7, 40, 70]) {
      const a = randomMatrix(n, n, n);
      const inverse = inv(strided(a, [n, n])).data;
      const identity = new Float64Array(n * n);
      for (let i = 0; i < n; i++) identity[i * n + i] = 1;
      expect(maxDifference(multiply(a, inverse, n, n, n), identity)).toBeLessThan(1e-10 * n);
      const rows = rowsOf(strided(a, [n, n]));
      const viaTranspose = inv(transposedStorage(rows)).data;
      expect(maxDifference(viaTranspose, inverse)).toBeLessThan(
        1e-12 * Math.max(1, maxAbs(inverse)),
      );
    }
  });

  it("inverts each matrix of a stack and handles the empty matrix", () => {
    const stack = strided(
      Float64Array.from([...P4.flat(), ...P4.flat().map((v) => 2 * v)]),
      [2, 4, 4],
    );
    const result = inv(stack);
    expect(result.shape).toEqual([2, 4, 4]);
    expectClose(
      result.data.subarray(16),
      NUMPY.invP4.map((v) => v / 2),
      1e-14,
    );
    expect(inv(strided(new Float64Array(0), [0, 0])).shape).toEqual([0, 0]);
  });
});

describe("det and slogdet", () => {
  it("match numpy, sign included", () => {
    expect(det(matrix(P4)).data[0]).toBeCloseTo(NUMPY.detP4, 12);
    expect(det(matrix(A3)).data[0]).toBeCloseTo(NUMPY.detA3, 12);
    expect(det(matrix(A3)).shape).toEqual([]);
    // numpy: -1.0 and -22.000000000000004.
    expect(
      det(
        matrix([
          [0, 1],
          [1, 0],
        ]),
      ).data[0],
    ).toBe(-1);
    expect(
      det(
        matrix([
          [2, 1, 0],
          [1, 3, 1],
          [0, 1, -4],
        ]),
      ).data[0],
    ).toBeCloseTo(-22, 12);
    const { sign, logAbsDet } = slogdet(transposedStorage(P4));
    expect(sign.data[0]).toBe(1);
    expect(logAbsDet.data[0]).toBeCloseTo(NUMPY.logAbsDetP4, 13);
  });

  it("is exactly 0 (sign 0, log −∞) for a singular matrix, and 1 for the empty one", () => {
    expect(
      det(
        matrix([
          [1, 2],
          [2, 4],
        ]),
      ).data[0],
    ).toBe(0);
    const { sign, logAbsDet } = slogdet(
      matrix([
        [1, 2],
        [2, 4],
      ]),
    );
    expect([sign.data[0], logAbsDet.data[0]]).toEqual([0, -Infinity]);
    expect(det(strided(new Float64Array(0), [0, 0])).data[0]).toBe(1);
  });

  it("works on stacks and stays finite in slogdet where det overflows", () => {
    const stack = strided(
      Float64Array.from([...A3.flat(), ...A3.flat().map((v) => -v)]),
      [2, 3, 3],
    );
    const d = det(stack);
    expect(d.shape).toEqual([2]);
    expect(d.data[1]).toBeCloseTo(-NUMPY.detA3, 11);
    const n = 200;
    const big = new Float64Array(n * n);
    for (let i = 0; i < n; i++) big[i * n + i] = 1e4;
    expect(det(strided(big, [n, n])).data[0]).toBe(Infinity);
    expect(slogdet(strided(big, [n, n])).logAbsDet.data[0]).toBeCloseTo(n * Math.log(1e4), 9);
  });

  it("rejects non-square input", () => {
    expect(() => det(matrix([[1, 2, 3]]))).toThrow(
      "linalg.det: A has shape [1, 3]: expected a square matrix (its last two axes equal), got 1×3",
    );
    expect(() => slogdet(vector([1]))).toThrow(LinAlgError);
  });
});
