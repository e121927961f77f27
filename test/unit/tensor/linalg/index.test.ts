import { describe, expect, it } from "vitest";
import { LinAlgError, ShapeError, Tensor, tensor } from "../../../../src/tensor/index";
import * as linalg from "../../../../src/tensor/linalg/index";
import { type OpRecord, setRecorder } from "../../../../src/tensor/trace-hook";
import { expectClose } from "./helpers";

const A = [
  [4, 2, 1],
  [2, 5, 3],
  [1, 3, 6],
];

describe("linalg on Tensors", () => {
  it("accepts nested arrays and Tensor views, and returns Tensors", () => {
    const x = linalg.solve(A, [1, 2, 3]);
    expect(x).toBeInstanceOf(Tensor);
    expect(x.shape).toEqual([3]);
    expectClose(x.data, [0.08955223880597016, 0.10447761194029853, 0.43283582089552236], 1e-14);
    const transposed = tensor(A).T;
    expectClose(linalg.solve(transposed, [1, 2, 3]).data, x.data, 1e-15);
    expect(linalg.det(A).item()).toBeCloseTo(67, 12);
    expect(linalg.norm([3, 4]).item()).toBe(5);
    expect(linalg.norm(A, 1, { axis: 0 }).toArray()).toEqual([7, 10, 10]);
  });

  it("returns every factor as a Tensor", () => {
    const { Q, R } = linalg.qr(A);
    const { values, vectors } = linalg.eigh(A);
    const { U, S, Vt } = linalg.svd(A);
    const { sign, logAbsDet } = linalg.slogdet(A);
    for (const t of [Q, R, values, vectors, U, S, Vt, sign, logAbsDet])
      expect(t).toBeInstanceOf(Tensor);
    expect(linalg.cholesky(A).get(2, 2)).toBeCloseTo(2.0463381929681126, 14);
    expect(linalg.inv(A).shape).toEqual([3, 3]);
    expectClose(linalg.eigvalsh(A).data, values.data, 1e-14);
    expectClose(linalg.svdvals(A).data, S.data, 1e-14);
    expect(
      linalg.pinv([
        [1, 2],
        [2, 4],
      ]).shape,
    ).toEqual([2, 2]);
    const full = linalg.lstsqFull(
      [
        [1, 1],
        [1, 2],
        [1, 3],
      ],
      [1, 2, 2],
    );
    expect(full.rank).toBe(2);
    expect(full.solution).toBeInstanceOf(Tensor);
    expectClose(
      linalg.lstsq(
        [
          [1, 1],
          [1, 2],
          [1, 3],
        ],
        [1, 2, 2],
      ).data,
      full.solution.data,
      0,
    );
  });

  it("never modifies its inputs", () => {
    const a = tensor(A);
    const before = a.toArray();
    linalg.cholesky(a);
    linalg.eigh(a);
    linalg.svd(a);
    linalg.qr(a);
    linalg.inv(a);
    expect(a.toArray()).toEqual(before);
  });

  it("reports each call to a shape trace", () => {
    const records: OpRecord[] = [];
    const previous = setRecorder((record) => records.push(record));
    try {
      linalg.solve(tensor(A), tensor([[1], [2], [3]]));
      linalg.eigh(tensor(A));
    } finally {
      setRecorder(previous);
    }
    expect(records.filter((r) => r.op.startsWith("linalg."))).toEqual([
      {
        op: "linalg.solve",
        inputs: [
          [3, 3],
          [3, 1],
        ],
        output: [3, 1],
      },
      { op: "linalg.eigh", inputs: [[3, 3]], output: [3] },
    ]);
  });

  it("throws LinAlgError and ShapeError from the kernels", () => {
    expect(() =>
      linalg.inv([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(LinAlgError);
    expect(() => linalg.solve(A, [1, 2])).toThrow(ShapeError);
    expect(() =>
      linalg.cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow("linalg.cholesky: Matrix is not positive definite");
  });
});
