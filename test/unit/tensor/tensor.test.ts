import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange, ShapeError, Tensor, tensor, zeros } from "../../../src/tensor";
import { makeTensor } from "./layout-helpers";
import { arbLayout, arbShape, arbValues, at, indices } from "./reference";

const grid = () => arange(24).reshape(2, 3, 4);

describe("Tensor storage and basic accessors", () => {
  it("wraps storage with C-order strides by default", () => {
    const t = new Tensor(new Float64Array(6), [2, 3]);
    expect(t.strides).toEqual([3, 1]);
    expect(t.offset).toBe(0);
    expect(t.ndim).toBe(2);
    expect(t.size).toBe(6);
  });

  it("handles 0-d tensors", () => {
    const s = tensor(2.5);
    expect(s.shape).toEqual([]);
    expect(s.ndim).toBe(0);
    expect(s.size).toBe(1);
    expect(s.item()).toBe(2.5);
    expect(s.get()).toBe(2.5);
    expect(s.toArray()).toBe(2.5);
    expect(s.T.shape).toEqual([]);
    expect(s.reshape(1, 1).toArray()).toEqual([[2.5]]);
  });

  it("handles empty axes", () => {
    const e = zeros([2, 0, 3]);
    expect(e.size).toBe(0);
    expect(e.toArray()).toEqual([[], []]);
    expect(e.T.shape).toEqual([3, 0, 2]);
    expect(e.reshape(0, 5).shape).toEqual([0, 5]);
    expect(e.reshape(-1, 3).shape).toEqual([0, 3]);
  });

  it("get reads with negative indices and validates them", () => {
    const t = grid();
    expect(t.get(1, 2, 3)).toBe(23);
    expect(t.get(-1, -1, -1)).toBe(23);
    expect(t.get(0, -3, 1)).toBe(1);
    expect(() => t.get(2, 0, 0)).toThrow(
      "get: index 2 is out of bounds for axis 0 with size 2 (shape [2, 3, 4])",
    );
    expect(() => t.get(0, -4, 0)).toThrow("get: index -4 is out of bounds for axis 1 with size 3");
    expect(() => t.get(0, 0.5, 0)).toThrow("get: index 0.5 on axis 1 must be an integer");
    expect(() => t.get(0, 1)).toThrow(
      "get: [2, 3, 4]: 2 indices given but the tensor has 3 axes (use slice for a sub-tensor)",
    );
  });

  it("item needs exactly one element", () => {
    expect(tensor([[7]]).item()).toBe(7);
    expect(() => tensor([1, 2]).item()).toThrow(
      "item: [2]: only a tensor with exactly one element converts to a number, this one has 2",
    );
  });

  it("clone copies and contiguous copies only when needed", () => {
    const t = grid();
    expect(t.contiguous()).toBe(t);
    const c = t.T.contiguous();
    expect(c).not.toBe(t.T);
    expect(c.strides).toEqual([6, 2, 1]);
    expect(c.toArray()).toEqual(t.T.toArray());
    const k = t.clone();
    k.data[0] = 100;
    expect(t.get(0, 0, 0)).toBe(0);
  });
});

describe("transpose and T", () => {
  it("T reverses axes as a view", () => {
    const m = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.T.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(m.T.data).toBe(m.data);
    expect(m.T.strides).toEqual([1, 3]);
  });

  it("permutes with explicit (and negative) axes", () => {
    const t = grid().transpose(1, -1, 0);
    expect(t.shape).toEqual([3, 4, 2]);
    expect(t.get(2, 3, 1)).toBe(23);
    expect(t.get(1, 0, 1)).toBe(16);
    expect(grid().transpose([2, 0, 1]).shape).toEqual([4, 2, 3]);
  });

  it("rejects axes that are not a permutation", () => {
    expect(() => grid().transpose(0, 0, 1)).toThrow(ShapeError);
    expect(() => grid().transpose(0, 1)).toThrow(
      "transpose: [2, 3, 4]: axes [0, 1] must list each of the 3 axes exactly once",
    );
    expect(() => grid().transpose(0, 1, 3)).toThrow(
      "axes [0, 1, 3] must list each of the 3 axes exactly once",
    );
  });
});

describe("reshape", () => {
  it("infers -1 and is a view of contiguous data", () => {
    const t = arange(12);
    const r = t.reshape(3, -1);
    expect(r.shape).toEqual([3, 4]);
    expect(r.data).toBe(t.data);
    expect(t.reshape([2, 2, 3]).get(1, 1, 2)).toBe(11);
  });

  it("stays a view when the strides allow it, copies when not", () => {
    const t = grid();
    // Splitting the unit-stride last axis of a permuted view keeps a view; merging axes that
    // are not adjacent in memory copies.
    const swapped = t.transpose(1, 0, 2); // [3, 2, 4] with strides [4, 12, 1]
    const split4 = swapped.reshape(3, 2, 2, 2);
    expect(split4.data).toBe(t.data);
    expect(split4.get(2, 1, 1, 0)).toBe(22);
    const merged = swapped.reshape(3, 8);
    expect(merged.data).not.toBe(t.data);
    expect(merged.toArray()).toEqual([
      [0, 1, 2, 3, 12, 13, 14, 15],
      [4, 5, 6, 7, 16, 17, 18, 19],
      [8, 9, 10, 11, 20, 21, 22, 23],
    ]);
    // A column of a transposed matrix split into more axes: still a view.
    const split = t.reshape(6, 4).T.reshape(2, 2, 6);
    expect(split.data).toBe(t.data);
    expect(split.get(1, 0, 5)).toBe(22);
    // Flattening a transpose needs a copy.
    const flatT = t.reshape(6, 4).T.reshape(-1);
    expect(flatT.data).not.toBe(t.data);
    expect(flatT.toArray()).toEqual([
      0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
    ]);
  });

  it("adds and removes size-1 axes as a view", () => {
    const col = tensor([1, 2, 3]).reshape(3, 1);
    expect(col.toArray()).toEqual([[1], [2], [3]]);
    const back = col.T.reshape(1, 1, 3, 1);
    expect(back.data).toBe(col.data);
    expect(back.toArray()).toEqual([[[[1], [2], [3]]]]);
  });

  it("matches C-order reshape of the logical values on any layout", () => {
    fc.assert(
      fc.property(
        arbShape(3, 3).chain((shape) => fc.tuple(fc.constant(shape), arbValues(shape), arbLayout)),
        ([shape, values, layout]) => {
          const t = makeTensor(values, shape, layout);
          const size = shape.reduce((p, s) => p * s, 1);
          const flatValues = indices(shape).map((index) => at(values, index));
          expect(t.reshape(-1).toArray()).toEqual(size === 0 ? [] : flatValues);
          if (size > 0) expect(t.reshape(size, 1).reshape(-1).toArray()).toEqual(flatValues);
        },
      ),
    );
  });

  it("reports sizes that do not fit", () => {
    expect(() => arange(6).reshape(4, 2)).toThrow(
      "reshape: [6]: cannot reshape 6 elements to [4, 2] (8 elements)",
    );
    expect(() => arange(7).reshape(2, -1)).toThrow(
      "reshape: [7]: cannot reshape 7 elements to [2, -1]: no size for the -1 axis fits",
    );
    expect(() => arange(6).reshape(-1, -1)).toThrow(
      "sizes must be non-negative integers (one may be -1)",
    );
  });
});

describe("slice", () => {
  const m = arange(20).reshape(4, 5);

  it("follows numpy basic slicing", () => {
    expect(m.slice(1).toArray()).toEqual([5, 6, 7, 8, 9]); // m[1]
    expect(m.slice(null, 2).toArray()).toEqual([2, 7, 12, 17]); // m[:, 2]
    expect(m.slice([1, 3]).toArray()).toEqual([
      [5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14],
    ]); // m[1:3]
    expect(m.slice([null, null, 2], [1, -1]).toArray()).toEqual([
      [1, 2, 3],
      [11, 12, 13],
    ]); // m[::2, 1:-1]
    expect(m.slice(-1, [null, null, -1]).toArray()).toEqual([19, 18, 17, 16, 15]); // m[-1, ::-1]
    expect(m.slice([null, null, -2], [3, 0, -1]).toArray()).toEqual([
      [18, 17, 16],
      [8, 7, 6],
    ]); // m[::-2, 3:0:-1]
    expect(m.slice([10, 20]).shape).toEqual([0, 5]); // m[10:20]
    expect(m.slice([-100, 2]).shape).toEqual([2, 5]); // m[-100:2]
    expect(m.slice([3, 1]).shape).toEqual([0, 5]); // m[3:1]
    expect(m.slice(2, 3).shape).toEqual([]); // m[2, 3]
    expect(m.slice(2, 3).item()).toBe(13);
  });

  it("returns views that share memory", () => {
    const v = m.slice([1, 3], [null, null, -1]);
    expect(v.data).toBe(m.data);
    expect(v.get(0, 0)).toBe(9);
    expect(v.T.slice(1).toArray()).toEqual([8, 13]);
  });

  it("rejects bad specs", () => {
    expect(() => m.slice(4)).toThrow(
      "slice: index 4 is out of bounds for axis 0 with size 4 (shape [4, 5])",
    );
    expect(() => m.slice(0, 0, 0)).toThrow(
      "slice: [4, 5]: 3 axis specs given but the tensor has 2 axes",
    );
    expect(() => m.slice([0, 4, 0])).toThrow("slice: axis 0: step must not be zero");
    expect(() => m.slice([0.5])).toThrow("must hold integers");
  });
});

describe("expandDims and squeeze", () => {
  it("add and remove size-1 axes as views", () => {
    const v = tensor([1, 2, 3]);
    expect(v.expandDims(0).shape).toEqual([1, 3]);
    expect(v.expandDims(-1).shape).toEqual([3, 1]);
    expect(v.expandDims(-1).toArray()).toEqual([[1], [2], [3]]);
    const col = zeros([4, 1, 2, 1]);
    expect(col.squeeze().shape).toEqual([4, 2]);
    expect(col.squeeze(-1).shape).toEqual([4, 1, 2]);
    expect(col.squeeze([1, 3]).shape).toEqual([4, 2]);
  });

  it("rejects squeezing an axis longer than 1", () => {
    expect(() => zeros([4, 1]).squeeze(0)).toThrow(
      "squeeze: [4, 1]: axis 0 has size 4, only size-1 axes can be squeezed",
    );
    expect(() => zeros([4, 1]).expandDims(3)).toThrow(
      "expandDims: [4, 1]: axis 3 is out of range (valid axes are -3..2)",
    );
  });
});

describe("toArray", () => {
  it("reads every layout by logical index", () => {
    fc.assert(
      fc.property(
        arbShape(3, 3).chain((shape) => fc.tuple(fc.constant(shape), arbValues(shape), arbLayout)),
        ([shape, values, layout]) => {
          const t = makeTensor(values, shape, layout);
          expect(t.toArray()).toEqual(values);
          for (const index of indices(shape)) expect(t.get(...index)).toBe(at(values, index));
        },
      ),
    );
  });
});
