import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { arange, tensor, zeros } from "../../../src/tensor";
import { makeTensor } from "./layout-helpers";
import { arbBroadcastPair, arbLayout, arbValues, broadcastAt, build } from "./reference";

describe("in-place ops", () => {
  it("write into the target, keep its buffer and return it", () => {
    const w = tensor([1, 2, 3]);
    const buffer = w.data;
    expect(gb.addInPlace(w, [1, 1, 1])).toBe(w);
    expect(gb.subInPlace(w, 0.5)).toBe(w);
    expect(gb.mulInPlace(w, 2)).toBe(w);
    expect(gb.divInPlace(w, [1, 2, 4])).toBe(w);
    expect(w.data).toBe(buffer);
    expect(w.toArray()).toEqual([3, 2.5, 1.75]);
  });

  it("axpy and scale implement gradient-descent steps", () => {
    const w = tensor([
      [1, 2],
      [3, 4],
    ]);
    const grad = tensor([
      [10, 20],
      [30, 40],
    ]);
    gb.axpyInPlace(w, -0.1, grad);
    expect(w.toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const v = tensor([2, 4]);
    gb.scaleInPlace(v, 0.5);
    expect(v.toArray()).toEqual([1, 2]);
    gb.axpyInPlace(v, 2, [[1, 1]].flat());
    expect(v.toArray()).toEqual([3, 4]);
  });

  it("fill and copy, through views too", () => {
    const m = arange(6).reshape(2, 3);
    gb.fillInPlace(m.slice(null, 1), -1);
    expect(m.toArray()).toEqual([
      [0, -1, 2],
      [3, -1, 5],
    ]);
    gb.copyInto(m.T.slice(0), [7, 8]);
    expect(m.toArray()).toEqual([
      [7, -1, 2],
      [8, -1, 5],
    ]);
    gb.copyInto(m, [1, 2, 3]);
    expect(m.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    gb.fillInPlace(m, 0);
    expect(m.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    gb.scaleInPlace(gb.fillInPlace(m.T, 2), 3);
    expect(m.toArray()).toEqual([
      [6, 6, 6],
      [6, 6, 6],
    ]);
  });

  it("match the allocating ops over random shapes and layouts", () => {
    const arbCase = arbBroadcastPair().chain(([target, other]) => {
      const shape = gb.broadcastShapes("ref", [target, other]);
      return fc.tuple(
        fc.constant([...shape]),
        fc.constant(other),
        arbValues([...shape]),
        arbValues(other),
        arbLayout,
        arbLayout,
      );
    });
    fc.assert(
      fc.property(arbCase, ([shape, otherShape, vt, vo, lt, lo]) => {
        const target = makeTensor(vt, shape, lt);
        const other = makeTensor(vo, otherShape, lo);
        gb.axpyInPlace(target, 0.5, other);
        expect(target.toArray()).toEqual(
          build(
            shape,
            (index) => broadcastAt(vt, shape, index) + 0.5 * broadcastAt(vo, otherShape, index),
          ),
        );
        const out = makeTensor(vt, shape, lt);
        gb.mulInto(out, other, makeTensor(vt, shape, lo));
        expect(out.toArray()).toEqual(
          build(
            shape,
            (index) => broadcastAt(vo, otherShape, index) * broadcastAt(vt, shape, index),
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("copy an operand that overlaps the target differently", () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    gb.addInPlace(m, m.T);
    expect(m.toArray()).toEqual([
      [2, 5],
      [5, 8],
    ]);
    const v = tensor([1, 2, 3, 4]);
    gb.addInPlace(v, v.slice([null, null, -1]));
    expect(v.toArray()).toEqual([5, 5, 5, 5]);
    const u = tensor([1, 2]);
    gb.mulInPlace(u, u);
    expect(u.toArray()).toEqual([1, 4]);
  });

  it("out variants compute into a given tensor", () => {
    const out = zeros([2, 2]);
    expect(
      gb.addInto(
        out,
        [
          [1, 2],
          [3, 4],
        ],
        10,
      ),
    ).toBe(out);
    expect(out.toArray()).toEqual([
      [11, 12],
      [13, 14],
    ]);
    gb.subInto(out, out, [1, 2]);
    expect(out.toArray()).toEqual([
      [10, 10],
      [12, 12],
    ]);
    gb.divInto(out, 1, [[2], [4]]);
    expect(out.toArray()).toEqual([
      [0.5, 0.5],
      [0.25, 0.25],
    ]);
  });

  it("refuse to grow the target or write a broadcast view", () => {
    expect(() => gb.addInPlace(zeros([3]), zeros([2, 3]))).toThrow(
      "addInPlace: [3] += [2, 3]: the result would have shape [2, 3] but the target has shape [3]; the other operands must broadcast to the target's shape",
    );
    expect(() => gb.axpyInPlace(zeros([3]), 2, zeros([2, 3]))).toThrow(
      "axpyInPlace: [3] += α·[2, 3]: the result would have shape [2, 3]",
    );
    expect(() => gb.subInto(zeros([3]), zeros([2, 1]), zeros([3]))).toThrow(
      "subInto: [3] ← [2, 1] - [3]: the result would have shape [2, 3] but the target has shape [3]",
    );
    expect(() => gb.copyInto(zeros([2]), zeros([3]))).toThrow(
      "copyInto: [2], [3]: cannot broadcast",
    );
    expect(() => gb.mulInPlace(zeros([2, 3]), zeros([2]))).toThrow(
      "mulInPlace: [2, 3], [2]: cannot broadcast",
    );
    const shared = gb.broadcastTo(tensor([1, 2]), [3, 2]);
    expect(() => gb.addInPlace(shared, 1)).toThrow(
      "addInPlace: the target is a broadcast view (axis 0 has stride 0), so its elements share memory",
    );
  });
});

describe("matmulInto", () => {
  it("writes or accumulates the product into out", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const out = zeros([2, 2]);
    expect(gb.matmulInto(out, a, a.T)).toBe(out);
    expect(out.toArray()).toEqual([
      [5, 11],
      [11, 25],
    ]);
    gb.matmulInto(out, a, gb.eye(2), true);
    expect(out.toArray()).toEqual([
      [6, 13],
      [14, 29],
    ]);
  });

  it("handles batches, vectors and strided outputs", () => {
    const A = gb.random(3).normal([3, 2, 4]);
    const B = gb.random(4).normal([4, 5]);
    const out = zeros([3, 2, 5]);
    gb.matmulInto(out, A, B);
    expect(gb.allclose(out, gb.matmul(A, B), { rtol: 1e-14, atol: 1e-14 })).toBe(true);
    const v = zeros([3, 2]);
    gb.matmulInto(v, A, [1, 0, 0, 0]);
    expect(v.toArray()).toEqual(A.slice(null, null, 0).toArray());
    const wide = zeros([2, 10]);
    gb.matmulInto(wide.slice(null, [0, 5]), A.slice(0), B);
    expect(gb.allclose(wide.slice(null, [0, 5]), gb.matmul(A.slice(0), B))).toBe(true);
    expect(wide.slice(null, [5, 10]).sum().item()).toBe(0);
    const column = zeros([2, 2]);
    gb.matmulInto(column.T.slice(0), A.slice(0), [1, 1, 1, 1]);
    expect(column.slice(null, 0).toArray()).toEqual(A.slice(0).sum(1).toArray());
  });

  it("validates shape, layout and aliasing", () => {
    expect(() => gb.matmulInto(zeros([2, 3]), zeros([2, 2]), zeros([2, 2]))).toThrow(
      "matmulInto: [2, 3] ← [2, 2] @ [2, 2]: out has shape [2, 3] but the product has shape [2, 2]",
    );
    expect(() => gb.matmulInto(zeros([2, 2]), zeros([2, 3]), zeros([2, 2]))).toThrow(
      "matmulInto: [2, 3] @ [2, 2]: axis 1 of the left (3) must equal axis 0 of the right (2)",
    );
    expect(() => gb.matmulInto(zeros([2, 2]).T, zeros([2, 2]), zeros([2, 2]))).toThrow(
      "matmulInto: out must have stride 1 along its last axis (it has 2)",
    );
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => gb.matmulInto(a, a, gb.eye(2))).toThrow(
      "matmulInto: out shares its buffer with an operand",
    );
  });
});
