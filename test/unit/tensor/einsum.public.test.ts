import { describe, expect, it } from "vitest";
import { einsum, einsumInto } from "../../../src/tensor/einsum";
import { ShapeError } from "../../../src/tensor/errors";
import {
  broadcastTo,
  full,
  type OpRecord,
  setRecorder,
  tensor,
  Tensor,
  zeros,
} from "../../../src/tensor";

describe("einsum(spec, ...operands)", () => {
  it("takes nested arrays and numbers and returns a Tensor", () => {
    const product = einsum("ij,jk->ik", [[1, 2]], [[3], [4]]);
    expect(product).toBeInstanceOf(Tensor);
    expect(product.toArray()).toEqual([[11]]);
    expect(einsum("i,->i", [1, 2, 3], 2).toArray()).toEqual([2, 4, 6]);
    expect(
      einsum("ii", [
        [1, 2],
        [3, 4],
      ]).toArray(),
    ).toBe(5);
  });

  it("reads transposed and sliced views without copying them first, and never writes its inputs", () => {
    const A = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const before = [...A.data];
    expect(einsum("ij,ij->j", A.T.T, A).toArray()).toEqual([17, 29, 45]);
    expect(einsum("ji->ij", A.T).toArray()).toEqual(A.toArray());
    expect(einsum("i->", A.slice(null, 1)).toArray()).toBe(7);
    expect([...A.data]).toEqual(before);
  });

  it("records the op, the shapes and every letter's size for shape traces", () => {
    const records: OpRecord[] = [];
    const previous = setRecorder((record) => records.push(record));
    try {
      einsum(
        "ijk,pjk->ipk",
        tensor(new Float64Array(12)).reshape([4, 3, 1]),
        tensor(new Float64Array(6)).reshape([2, 3, 1]),
      );
    } finally {
      setRecorder(previous);
    }
    const record = records.find((r) => r.op === "einsum");
    expect(record).toEqual({
      op: "einsum",
      inputs: [
        [4, 3, 1],
        [2, 3, 1],
      ],
      output: [4, 2, 1],
      detail: { spec: "ijk,pjk->ipk", i: 4, j: 3, k: 1, p: 2 },
    });
  });

  it("throws a ShapeError naming the letter, and a TypeError when the spec is not first", () => {
    const mismatch = () => einsum("ij,jk->ik", [[1, 2, 3]], [[1], [2]]);
    expect(mismatch).toThrow(ShapeError);
    expect(mismatch).toThrow(
      "einsum 'ij,jk->ik': [1, 3], [2, 1]: index j is 3 in operand 0 (axis 1) but 2 in operand 1 (axis 0)",
    );
    const misuse = einsum as unknown as (...args: unknown[]) => Tensor;
    expect(() => misuse([[1]], "ij")).toThrow(TypeError);
  });
});

describe("einsumInto(out, spec, ...operands)", () => {
  const X = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const W = tensor([
    [1, 0, -1],
    [2, 1, 0],
  ]);

  it("overwrites out (stale values included) and returns it", () => {
    const out = full([2, 2], 99);
    expect(einsumInto(out, "ij,pj->ip", X, W)).toBe(out);
    expect(out.toArray()).toEqual([
      [-2, 4],
      [-2, 13],
    ]);
  });

  it("writes through a transposed view of out", () => {
    const storage = full([2, 2], 99);
    einsumInto(storage.T, "ij,pj->ip", X, W);
    expect(storage.toArray()).toEqual([
      [-2, -2],
      [4, 13],
    ]);
  });

  it("handles outputs with empty axes", () => {
    const out = zeros([0, 2]);
    expect(einsumInto(out, "ij,pj->ip", zeros([0, 3]), W).shape).toEqual([0, 2]);
  });

  it("refuses an out of the wrong shape, a broadcast out and an out that is an operand", () => {
    expect(() => einsumInto(zeros([2, 3]), "ij,pj->ip", X, W)).toThrow(
      "einsum 'ij,pj->ip': [2, 3], [2, 3]: out has shape [2, 3] but the result has shape [2, 2]",
    );
    expect(() => einsumInto(broadcastTo(zeros([2]), [2, 2]), "ij,pj->ip", X, W)).toThrow(
      "einsum 'ij,pj->ip': out is a broadcast view (a stride-0 axis), so its elements share memory",
    );
    const square = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => einsumInto(square, "ij,jk->ik", square, square)).toThrow(
      "einsum 'ij,jk->ik': out shares its buffer with an operand; the sums would overwrite their own inputs",
    );
  });
});
