import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { arange, linspace, tensor, zeros } from "../../../src/tensor";

describe("printing", () => {
  it("shows integers without a decimal point, aligned, with the shape", () => {
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe("Tensor([[1, 2],\n        [3, 4]], shape=[2, 2])");
    expect(tensor([-1, 10, 200]).toString()).toBe("Tensor([ -1,  10, 200], shape=[3])");
    expect(tensor(3).toString()).toBe("Tensor(3, shape=[])");
    expect(tensor(-0).toString()).toBe("Tensor(-0, shape=[])");
  });

  it("is what util.inspect (and so tslab and console.log) shows", () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(inspect(t)).toBe(t.toString());
    expect(inspect({ weights: tensor([1]) })).toContain("Tensor([1], shape=[1])");
  });

  it("aligns decimals like numpy (up to 8 digits)", () => {
    // numpy: repr(np.array([[0.5, 0.25], [100, 1]])) aligns the same way.
    expect(
      tensor([
        [0.5, 0.25],
        [100, 1],
      ]).toString(),
    ).toBe("Tensor([[  0.5 ,   0.25],\n        [100.  ,   1.  ]], shape=[2, 2])");
    expect(tensor([1.123456789, 2]).toString()).toBe("Tensor([1.12345679, 2.        ], shape=[2])");
    expect(tensor([0.1 + 0.2, -1.5]).toString()).toBe("Tensor([ 0.3, -1.5], shape=[2])");
    expect(tensor([1.5, NaN, -Infinity]).toString()).toBe("Tensor([ 1.5,  nan, -inf], shape=[3])");
  });

  it("switches to scientific notation for wide ranges, as numpy does", () => {
    // numpy: array([1.e-05, 1.e+03])
    expect(tensor([1e-5, 1e3]).toString()).toBe("Tensor([1.e-05, 1.e+03], shape=[2])");
    // numpy: array([1.50e-07, 2.25e+00]), array([1.5e+10]), array([   nan, 1.e-09, 1.e+00])
    expect(tensor([1.5e-7, 2.25]).toString()).toBe("Tensor([1.50e-07, 2.25e+00], shape=[2])");
    expect(tensor([1.5e10]).toString()).toBe("Tensor([1.5e+10], shape=[1])");
    expect(tensor([NaN, 1e-9, 1]).toString()).toBe("Tensor([   nan, 1.e-09, 1.e+00], shape=[3])");
  });

  it("separates blocks of 3-d tensors with blank lines", () => {
    expect(arange(8).reshape(2, 2, 2).toString()).toBe(
      "Tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], shape=[2, 2, 2])",
    );
  });

  it("wraps long rows at 75 characters", () => {
    // numpy: repr(np.linspace(0, 1, 30)) wraps five values a line the same way.
    const lines = linspace(0, 1, 30).toString().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("Tensor([0.        , 0.03448276, 0.06896552, 0.10344828, 0.13793103,");
    expect(lines[1]).toBe("        0.17241379, 0.20689655, 0.24137931, 0.27586207, 0.31034483,");
    expect(lines[5]).toBe(
      "        0.86206897, 0.89655172, 0.93103448, 0.96551724, 1.        ], shape=[30])",
    );
  });

  it("summarises more than 1000 elements with ...", () => {
    expect(arange(2000).toString()).toBe(
      "Tensor([   0,    1,    2, ..., 1997, 1998, 1999], shape=[2000])",
    );
    const text = arange(2000).reshape(40, 50).toString();
    expect(text.split("\n")).toEqual([
      "Tensor([[   0,    1,    2, ...,   47,   48,   49],",
      "        [  50,   51,   52, ...,   97,   98,   99],",
      "        [ 100,  101,  102, ...,  147,  148,  149],",
      "        ...,",
      "        [1850, 1851, 1852, ..., 1897, 1898, 1899],",
      "        [1900, 1901, 1902, ..., 1947, 1948, 1949],",
      "        [1950, 1951, 1952, ..., 1997, 1998, 1999]], shape=[40, 50])",
    ]);
  });

  it("prints empty tensors and views", () => {
    expect(zeros([2, 0]).toString()).toBe("Tensor([], shape=[2, 0])");
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).T.toString(),
    ).toBe("Tensor([[1, 3],\n        [2, 4]], shape=[2, 2])");
    expect(arange(5).slice([null, null, -2]).toString()).toBe("Tensor([4, 2, 0], shape=[3])");
  });
});
