import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinAlgError } from "../../../../src/tensor/errors";
import { eigh, eigvalsh } from "../../../../src/tensor/linalg/eigh";
import { qr } from "../../../../src/tensor/linalg/qr";
import {
  expectClose,
  expectOrthonormalColumns,
  matrix,
  maxAbs,
  maxDifference,
  multiply,
  randomMatrix,
  rowsOf,
  slicedStorage,
  strided,
  symmetricMatrix,
  transpose,
  vector,
} from "./helpers";

const S4 = [
  [2, -1, 0, 0.5],
  [-1, 2, -1, 0],
  [0, -1, 2, -1],
  [0.5, 0, -1, 2],
];
// numpy 2.4: np.linalg.eigh(S4) (vectors are determined only up to sign).
const NUMPY_VALUES = [0.49999999999999994, 0.9999999999999998, 3.0, 3.499999999999999];
const NUMPY_VECTORS = [
  [-0.31622776601683833, -0.6324555320336758, 0.632455532033676, -0.3162277660168378],
  [-0.6324555320336762, -0.31622776601683755, -0.316227766016838, 0.6324555320336755],
  [-0.6324555320336758, 0.31622776601683855, -0.3162277660168376, -0.6324555320336758],
  [-0.3162277660168375, 0.6324555320336762, 0.6324555320336758, 0.3162277660168382],
];

/** Checks A·V = V·Λ, VᵀV = I and ascending values for the symmetric n×n `a`. */
function expectEigenpairs(
  a: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
): void {
  const scale = Math.max(1, maxAbs(a));
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  expectOrthonormalColumns(vectors, n, n, 1e-13 * Math.max(n, 4));
  const av = multiply(a, vectors, n, n, n);
  const vl = vectors.map((v, index) => v * values[index % n]);
  expect(maxDifference(av, vl)).toBeLessThanOrEqual(1e-13 * scale * Math.max(n, 4));
}

/** Q·diag(d)·Qᵀ for a random orthogonal Q: a symmetric matrix with exactly the spectrum d. */
function withSpectrum(d: readonly number[], seed: number): Float64Array {
  const n = d.length;
  const q = qr(strided(randomMatrix(n, n, seed), [n, n])).Q.data;
  const scaled = q.map((v, index) => v * d[index % n]);
  return multiply(scaled, transpose(q, n, n), n, n, n);
}

describe("eigh", () => {
  it("matches numpy's eigenvalues, and its eigenvectors up to sign", () => {
    const { values, vectors } = eigh(matrix(S4));
    expect([values.shape, vectors.shape]).toEqual([[4], [4, 4]]);
    expectClose(values.data, NUMPY_VALUES, 1e-14);
    const ours = rowsOf(vectors);
    for (let c = 0; c < 4; c++) {
      const sign = Math.sign(ours[0][c] * NUMPY_VECTORS[0][c]);
      for (let r = 0; r < 4; r++) expect(ours[r][c]).toBeCloseTo(sign * NUMPY_VECTORS[r][c], 13);
    }
  });

  it("orients each eigenvector so that its largest-magnitude entry is positive", () => {
    for (const n of [3, 10, 50]) {
      const { vectors } = eigh(strided(symmetricMatrix(n, n), [n, n]));
      for (let c = 0; c < n; c++) {
        let best = 0;
        for (let r = 1; r < n; r++) {
          if (Math.abs(vectors.data[r * n + c]) > Math.abs(vectors.data[best * n + c])) best = r;
        }
        expect(vectors.data[best * n + c]).toBeGreaterThan(0);
      }
    }
  });

  it("reads the lower triangle by default and the upper with uplo: 'U'", () => {
    const lowerOnly = S4.map((row, i) => row.map((v, j) => (j > i ? 99 : v)));
    const upperOnly = S4.map((row, i) => row.map((v, j) => (j < i ? -99 : v)));
    expectClose(eigh(matrix(lowerOnly)).values.data, NUMPY_VALUES, 1e-14);
    expectClose(eigh(matrix(upperOnly), { uplo: "U" }).values.data, NUMPY_VALUES, 1e-14);
    expectClose(eigvalsh(slicedStorage(upperOnly), { uplo: "U" }).data, NUMPY_VALUES, 1e-14);
    // numpy upper-cases UPLO, so "u" works too.
    expectClose(eigh(matrix(upperOnly), { uplo: "u" as "U" }).values.data, NUMPY_VALUES, 1e-14);
  });

  it("decomposes random symmetric matrices below and above the divide-and-conquer leaf size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer(), (n, seed) => {
        const a = symmetricMatrix(n, seed);
        const { values, vectors } = eigh(strided(a, [n, n]));
        expectEigenpairs(a, n, values.data, vectors.data);
        expect(maxDifference(eigvalsh(strided(a, [n, n])).data, values.data)).toBeLessThan(
          1e-12 * n,
        );
      }),
      { numRuns: 30 },
    );
  });

  it("stays accurate and orthonormal with clustered and repeated eigenvalues (deflation)", () => {
    const spectra = [
      Array.from({ length: 90 }, (_, i) => (i < 45 ? 1 : 2)),
      Array.from({ length: 80 }, (_, i) => 1 + 1e-13 * i),
      Array.from({ length: 70 }, (_, i) => (i % 3 === 0 ? 0 : 10 ** -(i % 7))),
      Array.from({ length: 65 }, (_, i) => Math.floor(i / 5)),
    ];
    spectra.forEach((spectrum, seed) => {
      const n = spectrum.length;
      const a = withSpectrum(spectrum, seed);
      const { values, vectors } = eigh(strided(a, [n, n]));
      expectEigenpairs(a, n, values.data, vectors.data);
      const sorted = [...spectrum].sort((p, q) => p - q);
      expect(maxDifference(values.data, sorted)).toBeLessThan(1e-13 * n * Math.max(...spectrum));
    });
  });

  it("converges on spectra spanning hundreds of orders of magnitude (graded blocks)", () => {
    const n = 200;
    const spectrum = Array.from({ length: n }, (_, i) => 10 ** ((-300 * i) / n));
    const a = withSpectrum(spectrum, 11);
    const { values, vectors } = eigh(strided(a, [n, n]));
    expectOrthonormalColumns(vectors.data, n, n, 1e-13 * n);
    const av = multiply(a, vectors.data, n, n, n);
    const vl = vectors.data.map((v, index) => v * values.data[index % n]);
    expect(maxDifference(av, vl)).toBeLessThan(1e-14 * n);
    expect(values.data[n - 1]).toBeCloseTo(1, 13);
    const tiny = symmetricMatrix(30, 4).map((v) => v * 1e-300);
    const scaled = eigvalsh(strided(tiny, [30, 30])).data.map((v) => v * 1e300);
    const reference = eigvalsh(strided(symmetricMatrix(30, 4), [30, 30])).data;
    expect(maxDifference(scaled, reference)).toBeLessThan(1e-12);
  });

  it("handles diagonal, zero, identity, tiny and huge matrices", () => {
    const n = 70;
    const diagonal = new Float64Array(n * n);
    for (let i = 0; i < n; i++) diagonal[i * n + i] = (i * 37) % n;
    const result = eigh(strided(diagonal, [n, n]));
    expectEigenpairs(diagonal, n, result.values.data, result.vectors.data);
    const zero = eigh(strided(new Float64Array(n * n), [n, n]));
    expect(maxAbs(zero.values.data)).toBe(0);
    expectOrthonormalColumns(zero.vectors.data, n, n, 0);
    for (const scale of [1e-150, 1e150]) {
      const a = symmetricMatrix(40, 9).map((v) => v * scale);
      const scaled = eigh(strided(a, [40, 40]));
      const reference = eigh(strided(symmetricMatrix(40, 9), [40, 40]));
      expect(
        maxDifference(
          scaled.values.data.map((v) => v / scale),
          reference.values.data,
        ),
      ).toBeLessThan(1e-12);
    }
  });

  it("decomposes the Wilkinson matrix W₂₁⁺ (pairs of nearly equal eigenvalues)", () => {
    const n = 21;
    const w = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      w[i * n + i] = Math.abs(10 - i);
      if (i + 1 < n) w[i * n + i + 1] = w[(i + 1) * n + i] = 1;
    }
    const { values, vectors } = eigh(strided(w, [n, n]));
    expectEigenpairs(w, n, values.data, vectors.data);
    // numpy 2.4: the two largest eigenvalues of W21+.
    expect(values.data[20]).toBeCloseTo(10.746194182903393, 12);
    expect(values.data[19]).toBeCloseTo(10.746194182903322, 12);
  });

  it("decomposes each matrix of a stack", () => {
    const stack = strided(
      Float64Array.from([...S4.flat(), ...S4.flat().map((v) => 2 * v)]),
      [2, 4, 4],
    );
    const { values, vectors } = eigh(stack);
    expect([values.shape, vectors.shape]).toEqual([
      [2, 4],
      [2, 4, 4],
    ]);
    expectClose(
      values.data.subarray(4),
      NUMPY_VALUES.map((v) => 2 * v),
      1e-14,
    );
    expect(eigvalsh(stack).shape).toEqual([2, 4]);
  });

  it("rejects non-square and non-finite input", () => {
    expect(() => eigh(matrix([[1, 2, 3]]))).toThrow(
      "linalg.eigh: A has shape [1, 3]: expected a square matrix (its last two axes equal), got 1×3",
    );
    expect(() => eigvalsh(vector([1, 2]))).toThrow(LinAlgError);
    expect(() => eigh(matrix(S4), { uplo: "X" as "L" })).toThrow(
      'linalg.eigh: uplo must be "L" or "U", got "X"',
    );
    expect(() =>
      eigh(
        matrix([
          [1, Number.NaN],
          [Number.NaN, 1],
        ]),
      ),
    ).toThrow("linalg.eigh: the matrix contains NaN or Infinity; eigenvalues are undefined");
  });
});
