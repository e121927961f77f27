import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { arange, ShapeError, tensor } from "../../../src/tensor";
import { makeTensor } from "./layout-helpers";
import { arbLayout, arbValues, at, build, flat, type Values } from "./reference";

/** Naive batched matmul on nested arrays, numpy's rules (1-D promotion, batch broadcasting). */
function refMatmul(
  va: Values,
  sa: number[],
  vb: Values,
  sb: number[],
): { shape: number[]; values: Values } {
  const aShape = sa.length === 1 ? [1, sa[0]] : sa;
  const bShape = sb.length === 1 ? [sb[0], 1] : sb;
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const nb = Math.max(aBatch.length, bBatch.length);
  const batch = [...Array(nb).keys()].map((k) => {
    const x = aBatch[k - (nb - aBatch.length)] ?? 1;
    const y = bBatch[k - (nb - bBatch.length)] ?? 1;
    return x === 1 ? y : x;
  });
  const [m, k] = aShape.slice(-2);
  const n = bShape[bShape.length - 1];
  const read = (
    values: Values,
    own: number[],
    batchIndex: number[],
    i: number,
    j: number,
    oneD: boolean,
  ) => {
    const lead = batchIndex.length - (own.length - 2);
    const index = own.slice(0, -2).map((size, q) => (size === 1 ? 0 : batchIndex[lead + q]));
    return oneD ? at(values, [i === 0 ? j : i]) : at(values, [...index, i, j]);
  };
  const shape = [...batch, ...(sa.length > 1 ? [m] : []), ...(sb.length > 1 ? [n] : [])];
  const values = build(shape, (index) => {
    const batchIndex = index.slice(0, nb);
    const i = sa.length > 1 ? index[nb] : 0;
    const j = sb.length > 1 ? index[index.length - 1] : 0;
    let total = 0;
    for (let p = 0; p < k; p++)
      total +=
        read(va, sa, batchIndex, i, p, sa.length === 1) *
        read(vb, sb, batchIndex, p, j, sb.length === 1);
    return total;
  });
  return { shape, values };
}

const arbMatmulShapes = fc
  .record({
    m: fc.integer({ min: 0, max: 4 }),
    k: fc.integer({ min: 0, max: 4 }),
    n: fc.integer({ min: 0, max: 4 }),
    batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    aOnes: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    bOnes: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    aDrop: fc.nat(2),
    bDrop: fc.nat(2),
    aVector: fc.boolean(),
    bVector: fc.boolean(),
  })
  .map(({ m, k, n, batch, aOnes, bOnes, aDrop, bDrop, aVector, bVector }) => {
    const aBatch = batch.map((s, q) => (aOnes[q] ? 1 : s)).slice(aDrop);
    const bBatch = batch.map((s, q) => (bOnes[q] ? 1 : s)).slice(bDrop);
    const sa = aVector ? [k] : [...aBatch, m, k];
    const sb = bVector ? [k] : [...bBatch, k, n];
    return [sa, sb] as [number[], number[]];
  });

describe("matmul", () => {
  it("matches a naive reference over shapes, batch broadcasting, 1-D operands and layouts", () => {
    const arbCase = arbMatmulShapes.chain(([sa, sb]) =>
      fc.tuple(
        fc.constant(sa),
        fc.constant(sb),
        arbValues(sa),
        arbValues(sb),
        arbLayout,
        arbLayout,
      ),
    );
    fc.assert(
      fc.property(arbCase, ([sa, sb, va, vb, la, lb]) => {
        const expected = refMatmul(va, sa, vb, sb);
        const result = gb.matmul(makeTensor(va, sa, la), makeTensor(vb, sb, lb));
        expect(result.shape).toEqual(expected.shape);
        const flatResult = flat(result.toArray());
        const flatExpected = flat(expected.values);
        flatExpected.forEach((e, q) =>
          expect(Math.abs(flatResult[q] - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("matches numpy oracles", () => {
    const x = arange(6).reshape(2, 3);
    const y = arange(12).reshape(3, 4).sub(5);
    // numpy: x @ y
    expect(gb.matmul(x, y).toArray()).toEqual([
      [5, 8, 11, 14],
      [-4, 8, 20, 32],
    ]);
    // numpy: np.arange(12.).reshape(2,2,3) @ np.arange(6.).reshape(3,2)
    expect(arange(12).reshape(2, 2, 3).matmul(arange(6).reshape(3, 2)).toArray()).toEqual([
      [
        [10, 13],
        [28, 40],
      ],
      [
        [46, 67],
        [64, 94],
      ],
    ]);
    // numpy: np.arange(12.).reshape(2,2,3) @ np.arange(6.).reshape(1,3,2): batch axis broadcast
    expect(gb.matmul(arange(12).reshape(2, 2, 3), arange(6).reshape(1, 3, 2)).toArray()).toEqual([
      [
        [10, 13],
        [28, 40],
      ],
      [
        [46, 67],
        [64, 94],
      ],
    ]);
    // numpy: np.arange(3.) @ y, x @ np.arange(3.), np.arange(3.) @ np.arange(3.)
    expect(gb.matmul(arange(3), y).toArray()).toEqual([5, 8, 11, 14]);
    expect(gb.matmul(x, arange(3)).toArray()).toEqual([5, 14]);
    const inner = gb.matmul(arange(3), arange(3));
    expect(inner.shape).toEqual([]);
    expect(inner.item()).toBe(5);
  });

  it("reads transposed and sliced views without copying their data", () => {
    const X = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    // XᵀX and XXᵀ take the symmetric (Gram) path; both must be exact.
    expect(gb.matmul(X.T, X).toArray()).toEqual([
      [35, 44],
      [44, 56],
    ]);
    expect(X.matmul(X.T).toArray()).toEqual([
      [5, 11, 17],
      [11, 25, 39],
      [17, 39, 61],
    ]);
    expect(gb.matmul(X.slice([null, null, -1]).T, X.slice(null, 0)).toArray()).toEqual([19, 28]);
    const big = gb.random(7).normal([40, 30]);
    const gramm = gb.matmul(big.T, big);
    const general = gb.matmul(big.T.contiguous(), big);
    expect(gb.allclose(gramm, general, { rtol: 1e-12, atol: 1e-12 })).toBe(true);
    expect(gb.allclose(gramm, gramm.T, { rtol: 0, atol: 0 })).toBe(true);
  });

  it("folds a batch of a contiguous left operand into one product", () => {
    const A = gb.random(1).normal([3, 4, 5]);
    const W = gb.random(2).normal([5, 2]);
    const folded = gb.matmul(A, W);
    for (let b = 0; b < 3; b++)
      expect(
        gb.allclose(folded.slice(b), gb.matmul(A.slice(b), W), { rtol: 1e-14, atol: 1e-14 }),
      ).toBe(true);
  });

  it("handles empty and zero-length contractions", () => {
    expect(gb.matmul(gb.zeros([2, 0]), gb.zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(gb.matmul(gb.zeros([0, 2]), gb.zeros([2, 3])).shape).toEqual([0, 3]);
  });

  it("explains mismatched shapes", () => {
    const error = (() => {
      try {
        gb.matmul(gb.zeros([2, 3]), gb.zeros([4, 5]));
      } catch (e) {
        return e as ShapeError;
      }
      throw new Error("expected a ShapeError");
    })();
    expect(error.message).toBe(
      "matmul: [2, 3] @ [4, 5]: axis 1 of the left (3) must equal axis 0 of the right (4)",
    );
    expect(error.shapes).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(error.operand).toBe(1);
    expect(error.axis).toBe(0);
    expect(() => gb.matmul([1, 2, 3], gb.zeros([4, 5]))).toThrow(
      "matmul: [3] @ [4, 5]: axis 0 of the left (3) must equal axis 0 of the right (4)",
    );
    expect(() => gb.matmul(gb.zeros([2, 3]), [1, 2])).toThrow(
      "matmul: [2, 3] @ [2]: axis 1 of the left (3) must equal axis 0 of the right (2)",
    );
    expect(() => gb.matmul(gb.zeros([7, 2, 3]), gb.zeros([5, 3, 4]))).toThrow(
      "matmul: [7, 2, 3] @ [5, 3, 4]: batch axes [7] and [5] do not broadcast: aligned from the right, batch axis 0 has sizes 7 and 5 (each needs equal sizes, or 1)",
    );
    expect(() => gb.matmul(2, [1, 2])).toThrow(
      "matmul: [] @ [2]: both operands need at least one axis (use mul to scale by a scalar)",
    );
  });
});

describe("dot and outer", () => {
  it("dot follows numpy for scalars, vectors, matrices and N-d", () => {
    expect(gb.dot(2, [1, 2]).toArray()).toEqual([2, 4]);
    expect(gb.dot([1, 2, 3], [4, 5, 6]).item()).toBe(32);
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ])
        .dot([[5], [6]])
        .toArray(),
    ).toEqual([[17], [39]]);
    expect(gb.dot(arange(24).reshape(2, 3, 4), arange(4)).toArray()).toEqual([
      [14, 38, 62],
      [86, 110, 134],
    ]);
    // numpy: np.dot(np.arange(24.).reshape(2,3,4), np.arange(40.).reshape(5,4,2)) has shape
    // (2, 3, 5, 2) and [1, 2] equal to the values below.
    const d = gb.dot(arange(24).reshape(2, 3, 4), arange(40).reshape(5, 4, 2));
    expect(d.shape).toEqual([2, 3, 5, 2]);
    expect(d.slice(1, 2).toArray()).toEqual([
      [268, 354],
      [956, 1042],
      [1644, 1730],
      [2332, 2418],
      [3020, 3106],
    ]);
    // numpy: np.dot(np.arange(24.).reshape(2,3,4), np.arange(20.).reshape(5,4,1)).sum() == 13260
    expect(
      gb
        .dot(arange(24).reshape(2, 3, 4), arange(20).reshape(5, 4, 1))
        .sum()
        .item(),
    ).toBe(13260);
  });

  it("dot names its operands with ·", () => {
    expect(() => gb.dot(gb.zeros([2, 3]), gb.zeros([4, 5]))).toThrow(
      "dot: [2, 3] · [4, 5]: axis 1 of the left (3) must equal axis 0 of the right (4)",
    );
    expect(() => gb.dot(gb.zeros([2, 2, 3]), gb.zeros([5, 4, 1]))).toThrow(
      "dot: [2, 2, 3] · [5, 4, 1]: axis 2 of the left (3) must equal axis 1 of the right (4)",
    );
  });

  it("outer multiplies every pair of the flattened operands", () => {
    expect(gb.outer([1, 2], [[1, 10, 100]]).toArray()).toEqual([
      [1, 10, 100],
      [2, 20, 200],
    ]);
    expect(
      gb
        .outer(
          tensor([
            [1, 2],
            [3, 4],
          ]).T,
          [1],
        )
        .toArray(),
    ).toEqual([[1], [3], [2], [4]]);
  });
});
