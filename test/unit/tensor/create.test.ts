import { describe, expect, it } from "vitest";
import {
  arange,
  asTensor,
  concat,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  ShapeError,
  stack,
  Tensor,
  tensor,
  zeros,
  zerosLike,
} from "../../../src/tensor";

describe("tensor", () => {
  it("reads nested arrays, numbers and typed arrays", () => {
    expect(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]).shape,
    ).toEqual([2, 3]);
    expect(tensor([[[1], [2]]]).shape).toEqual([1, 2, 1]);
    expect(tensor(4).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
    const labels = tensor(Int32Array.of(2, 0, 1));
    expect(labels.data).toBeInstanceOf(Float64Array);
    expect(labels.toArray()).toEqual([2, 0, 1]);
  });

  it("reshapes flat data to the given shape", () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [2, 3]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(Float64Array.of(1, 2, 3, 4), [-1, 1]).shape).toEqual([4, 1]);
    expect(tensor(5, [1, 1]).toArray()).toEqual([[5]]);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(
      "tensor: [3]: cannot reshape 3 elements to [2, 2] (4 elements)",
    );
  });

  it("always copies its input", () => {
    const source = Float64Array.of(1, 2, 3);
    const t = tensor(source);
    source[0] = 9;
    expect(t.get(0)).toBe(1);
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    const copy = tensor(m.T);
    expect(copy.data).not.toBe(m.data);
    expect(copy.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(copy.strides).toEqual([2, 1]);
  });

  it("explains ragged or non-numeric input", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      "tensor: [2, 2]: ragged nested array: element [1] has length 1, but the first element at that depth has length 2",
    );
    expect(() => tensor([[1, 2], 3] as never)).toThrow(
      "ragged nested array: element [1] is number 3, expected an array of length 2",
    );
    expect(() => tensor([1, [2]] as never)).toThrow(
      "ragged nested array: element [1] is an array, but the first element at that depth is a number",
    );
    expect(() => tensor([1, "2"] as never)).toThrow(
      'tensor: element [1] is string "2", expected a number',
    );
    expect(() =>
      tensor([
        [1, 2],
        [3, 4],
      ]).add("x" as never),
    ).toThrow(
      "add: expected a Tensor, a number, nested arrays of numbers or a Float64Array, got string",
    );
  });
});

describe("asTensor", () => {
  it("wraps Tensors, views and dense kernel results without copying", () => {
    const t = tensor([1, 2]);
    expect(asTensor(t)).toBe(t);
    const data = Float64Array.of(1, 2, 3, 4);
    expect(asTensor(data).data).toBe(data);
    const dense = asTensor({ data, shape: [2, 2] });
    expect(dense.data).toBe(data);
    expect(dense.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const strided = asTensor({ data, shape: [2, 2], strides: [1, 2], offset: 0 });
    expect(strided.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});

describe("creation functions", () => {
  it("zeros, ones, full and the *Like variants", () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(zeros(3).toArray()).toEqual([0, 0, 0]);
    expect(ones([2]).toArray()).toEqual([1, 1]);
    expect(full([2, 1], 7).toArray()).toEqual([[7], [7]]);
    expect(zeros([]).toArray()).toBe(0);
    const like = tensor([[1, 2, 3]]);
    expect(zerosLike(like).shape).toEqual([1, 3]);
    expect(onesLike(like).toArray()).toEqual([[1, 1, 1]]);
    expect(fullLike(like, -1).toArray()).toEqual([[-1, -1, -1]]);
    expect(() => zeros([2, -1])).toThrow("zeros: shape [2, -1] must hold non-negative integers");
    expect(() => ones([1.5])).toThrow(RangeError);
  });

  it("eye matches numpy.eye(n, m, k)", () => {
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(3, 4, 1).toArray()).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(eye(3, 2, -1).toArray()).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(eye(0).shape).toEqual([0, 0]);
  });

  it("arange matches numpy (values start + i·step)", () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(2, 5).toArray()).toEqual([2, 3, 4]);
    // numpy: np.arange(0.5, 2, 0.3), np.arange(5, 0, -1.5)
    expect(arange(0.5, 2, 0.3).toArray()).toEqual([
      0.5, 0.8, 1.1, 1.4000000000000001, 1.7000000000000002,
    ]);
    expect(arange(5, 0, -1.5).toArray()).toEqual([5, 3.5, 2, 0.5]);
    expect(arange(3, 1).shape).toEqual([0]);
    expect(() => arange(0, 1, 0)).toThrow("arange: step must be a finite non-zero number, got 0");
  });

  it("linspace matches numpy", () => {
    expect(linspace(-1, 2, 7).toArray()).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2]);
    expect(linspace(0, 1, 5, false).toArray()).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8]);
    expect(linspace(3, 9, 1).toArray()).toEqual([3]);
    expect(linspace(0, 1, 0).shape).toEqual([0]);
    expect(linspace(0, 1).size).toBe(50);
    expect(linspace(0, 1, 30).get(-1)).toBe(1);
  });
});

describe("stack and concat", () => {
  const a = tensor([
    [1, 2],
    [3, 4],
  ]);
  const b = tensor([
    [5, 6],
    [7, 8],
  ]);

  it("stack adds an axis", () => {
    expect(stack([a, b]).toArray()).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(stack([a, b], 1).toArray()).toEqual([
      [
        [1, 2],
        [5, 6],
      ],
      [
        [3, 4],
        [7, 8],
      ],
    ]);
    expect(stack([a, b], -1).toArray()).toEqual([
      [
        [1, 5],
        [2, 6],
      ],
      [
        [3, 7],
        [4, 8],
      ],
    ]);
    expect(stack([1, 2, 3]).toArray()).toEqual([1, 2, 3]);
    expect(stack([a.T, b.slice(null, [null, null, -1])], 0).toArray()).toEqual([
      [
        [1, 3],
        [2, 4],
      ],
      [
        [6, 5],
        [8, 7],
      ],
    ]);
  });

  it("concat joins along an existing axis", () => {
    expect(concat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(concat([a, b.T], 1).toArray()).toEqual([
      [1, 2, 5, 7],
      [3, 4, 6, 8],
    ]);
    expect(concat([a, tensor([[9, 9]])], 0).shape).toEqual([3, 2]);
    expect(concat([[1, 2], [], [3]]).toArray()).toEqual([1, 2, 3]);
  });

  it("names the operand that does not fit", () => {
    expect(() => stack([a, tensor([1, 2])])).toThrow(
      "stack: [2, 2], [2]: every tensor must have the same shape, but operand 1 has [2] and operand 0 has [2, 2]",
    );
    expect(() => concat([a, tensor([[1, 2, 3]])])).toThrow(
      "concat: [2, 2], [1, 3]: joining along axis 0, every other axis must match, but axis 1 of operand 1 is 3 and of operand 0 is 2",
    );
    expect(() => concat([a, tensor([1, 2])])).toThrow(
      "concat: [2, 2], [2]: operand 1 has 1 axes but operand 0 has 2",
    );
    expect(() => concat([tensor(1), tensor(2)])).toThrow(
      "0-d tensors have no axis to join along (use stack)",
    );
    expect(() => stack([])).toThrow(ShapeError);
    expect(() => concat([a], 2)).toThrow(
      "concat: [2, 2]: axis 2 is out of range (valid axes are -2..1)",
    );
  });

  it("results never alias their inputs", () => {
    const s = stack([a]);
    expect(s).toBeInstanceOf(Tensor);
    expect(s.data).not.toBe(a.data);
  });
});
