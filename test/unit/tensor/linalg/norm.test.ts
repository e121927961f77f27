import { describe, expect, it } from "vitest";
import { ShapeError } from "../../../../src/tensor/errors";
import { norm } from "../../../../src/tensor/linalg/norm";
import { expectClose, matrix, strided, transposedStorage, vector } from "./helpers";

const v = [3, -4, 0, 1];
const N = [
  [1, -2, 3],
  [-4, 5, -6],
];
const T = strided(
  Float64Array.from({ length: 24 }, (_, i) => i - 11),
  [2, 3, 4],
);

// numpy 2.4: np.linalg.norm(v, ord) and np.linalg.norm(N, ord).
const VECTOR_NORMS: [number | undefined, number][] = [
  [undefined, 5.0990195135927845],
  [2, 5.0990195135927845],
  [1, 8],
  [Infinity, 4],
  [-Infinity, 0],
  [0, 3],
  [3, 4.514357435474001],
  [-1, 0],
  [0.5, 22.392304845413257],
];
const MATRIX_NORMS: [number | "fro" | "nuc" | undefined, number][] = [
  [undefined, 9.539392014169456],
  ["fro", 9.539392014169456],
  ["nuc", 10.280901636369208],
  [1, 9],
  [-1, 5],
  [2, 9.508032000695724],
  [-2, 0.7728696356734843],
  [Infinity, 15],
  [-Infinity, 6],
];

describe("norm", () => {
  it.each(VECTOR_NORMS)("vector ord %s matches numpy", (ord, expected) => {
    const result = norm(vector(v), ord);
    expect(result.shape).toEqual([]);
    expect(result.data[0]).toBeCloseTo(expected, 13);
  });

  it.each(MATRIX_NORMS)(
    "matrix ord %s matches numpy, for C-ordered and transposed storage",
    (ord, expected) => {
      expect(norm(matrix(N), ord).data[0]).toBeCloseTo(expected, 13);
      expect(norm(transposedStorage(N), ord).data[0]).toBeCloseTo(expected, 13);
    },
  );

  it("norms along axes like numpy (vectors along one axis, matrices over two)", () => {
    // numpy 2.4: norm(T, axis=2), norm(T, 1, axis=0), norm(T, 'nuc', axis=(1, 2)),
    // norm(T, inf, axis=(2, 1)), norm(T, -2, axis=(0, 2)) for T = arange(24).reshape(2, 3, 4) − 11.
    const along2 = norm(T, undefined, { axis: 2 });
    expect(along2.shape).toEqual([2, 3]);
    expectClose(
      along2.data,
      [
        19.131126469708992, 11.224972160321824, 3.7416573867739413, 5.477225575051661,
        13.19090595827292, 21.118712081942874,
      ],
      1e-14,
    );
    const ord1 = norm(T, 1, { axis: 0 });
    expect(ord1.shape).toEqual([3, 4]);
    expect(Array.from(ord1.data)).toEqual(new Array(12).fill(12));
    expectClose(
      norm(T, "nuc", { axis: [1, 2] }).data,
      [24.36463849928471, 27.159447881001306],
      1e-13,
    );
    expectClose(norm(T, Infinity, { axis: [2, 1] }).data, [21, 24], 1e-15);
    expectClose(
      norm(T, -2, { axis: [0, -1] }).data,
      [2.722395619445658, 3.1509664613979917, 2.51962008281264],
      1e-13,
    );
    expect(norm(T).data[0]).toBeCloseTo(34, 13);
  });

  it("keeps the normed axes with keepdims", () => {
    expect(norm(T, undefined, { axis: [1, 2], keepdims: true }).shape).toEqual([2, 1, 1]);
    expect(norm(T, undefined, { keepdims: true }).shape).toEqual([1, 1, 1]);
    expect(norm(T, 1, { axis: -1, keepdims: true }).shape).toEqual([2, 3, 1]);
  });

  it("does not overflow or underflow where the plain sum of squares would", () => {
    expect(norm(vector([3e200, 4e200])).data[0] / 5e200).toBeCloseTo(1, 14);
    expect(norm(vector([3e-200, 4e-200])).data[0] / 5e-200).toBeCloseTo(1, 14);
    expect(norm(vector([])).data[0]).toBe(0);
    expect(norm(vector([Infinity, 1])).data[0]).toBe(Infinity);
  });

  it("rejects orders and axes numpy rejects, with messages that say what is allowed", () => {
    expect(() => norm(vector(v), "fro")).toThrow(RangeError);
    expect(() => norm(vector(v), "nuc")).toThrow(
      'linalg.norm: ord "nuc" is a matrix norm; vector norms take a number: 2 (the default), 1, Infinity, -Infinity, 0 or any p',
    );
    expect(() => norm(matrix(N), 3)).toThrow(
      'linalg.norm: ord 3 is not a matrix norm; matrix norms are "fro" (the default), "nuc", 1, -1, 2, -2, Infinity and -Infinity',
    );
    expect(() => norm(T, 2)).toThrow(ShapeError);
    expect(() => norm(T, 2)).toThrow(
      "linalg.norm: [2, 3, 4]: ord 2 needs a vector (1-D) or a matrix (2-D), got 3-D; pass axis to choose the vector axis or the two matrix axes",
    );
    expect(() => norm(T, undefined, { axis: 3 })).toThrow(
      "linalg.norm: [2, 3, 4]: axis 3 is out of range for a 3-D array (valid: -3 … 2)",
    );
    expect(() => norm(T, undefined, { axis: [1, -2] })).toThrow(
      "linalg.norm: [2, 3, 4]: the two matrix axes must differ, got 1 and -2",
    );
    expect(() => norm(vector([]), Infinity)).toThrow(
      "linalg.norm: [0]: ord Infinity of an empty vector or matrix is undefined (no maximum or minimum)",
    );
  });
});
