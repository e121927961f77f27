import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { type Tensor, tensor } from "../../../src/tensor";

describe("Tensor methods", () => {
  const x = tensor([
    [1, -2, 3],
    [0.5, 4, -6],
  ]);
  const row = [2, 0.5, -1];

  it("are the free functions with the tensor first", () => {
    const pairs: [Tensor, Tensor][] = [
      [x.add(row), gb.add(x, row)],
      [x.pow(2), gb.pow(x, 2)],
      [x.greaterEqual(row), gb.greaterEqual(x, row)],
      [x.log(), gb.log(x)],
      [x.clip(null, 1), gb.clip(x, null, 1)],
      [x.map((v, i) => v * i), gb.map(x, (v, i) => v * i)],
      [x.matmul(row), gb.matmul(x, row)],
      [x.dot(x.T), gb.dot(x, x.T)],
      [x.sum(1, true), gb.sum(x, 1, true)],
      [x.var(0, { ddof: 1 }), gb.variance(x, 0, { ddof: 1 })],
      [x.std(), gb.std(x)],
      [x.argmin(1), gb.argmin(x, 1)],
    ];
    for (const [method, free] of pairs) {
      expect(method.shape).toEqual(free.shape);
      expect(method.toArray()).toEqual(free.toArray());
    }
  });

  it("throw the free function's errors", () => {
    expect(() => x.add([1, 2])).toThrow(/^add: \[2, 3\], \[2\]/);
    expect(() => x.sum(2)).toThrow(/^sum: /);
  });
});
