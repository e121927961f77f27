import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { Tensor, tensor } from "../../../src/tensor";
import { makeTensor } from "./layout-helpers";
import {
  arbBroadcastPair,
  arbLayout,
  arbValues,
  broadcastAt,
  build,
  type Values,
} from "./reference";

const binaryOps: [
  string,
  (a: gb.TensorLike, b: gb.TensorLike) => Tensor,
  (x: number, y: number) => number,
][] = [
  ["add", gb.add, (x, y) => x + y],
  ["sub", gb.sub, (x, y) => x - y],
  ["mul", gb.mul, (x, y) => x * y],
  ["div", gb.div, (x, y) => x / y],
  ["pow", gb.pow, (x, y) => x ** y],
  ["maximum", gb.maximum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))],
  ["minimum", gb.minimum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))],
  ["equal", gb.equal, (x, y) => Number(x === y)],
  ["notEqual", gb.notEqual, (x, y) => Number(x !== y)],
  ["less", gb.less, (x, y) => Number(x < y)],
  ["lessEqual", gb.lessEqual, (x, y) => Number(x <= y)],
  ["greater", gb.greater, (x, y) => Number(x > y)],
  ["greaterEqual", gb.greaterEqual, (x, y) => Number(x >= y)],
];

const unaryOps: [string, (x: gb.TensorLike) => Tensor, (x: number) => number][] = [
  ["neg", gb.neg, (x) => -x],
  ["exp", gb.exp, Math.exp],
  ["log", gb.log, Math.log],
  ["sqrt", gb.sqrt, Math.sqrt],
  ["abs", gb.abs, Math.abs],
  ["tanh", gb.tanh, Math.tanh],
  ["sign", gb.sign, Math.sign],
];

/** Compares with Object.is semantics except that -0 and 0 are equal (and NaN equals NaN). */
function expectValues(actual: Tensor, expected: Values): void {
  expect(actual.toArray()).toEqual(expected);
}

describe("binary ops with broadcasting", () => {
  it("match a naive reference over random broadcastable shapes and layouts", () => {
    const arbCase = arbBroadcastPair().chain(([sa, sb]) =>
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
      fc.property(
        arbCase,
        fc.integer({ min: 0, max: binaryOps.length - 1 }),
        ([sa, sb, va, vb, la, lb], which) => {
          const [, op, f] = binaryOps[which];
          const a = makeTensor(va, sa, la);
          const b = makeTensor(vb, sb, lb);
          const shape = gb.broadcastShapes("ref", [sa, sb]);
          const result = op(a, b);
          expect(result.shape).toEqual(shape);
          expectValues(
            result,
            build(shape, (index) => f(broadcastAt(va, sa, index), broadcastAt(vb, sb, index))),
          );
          expect(a.toArray()).toEqual(va);
          expect(b.toArray()).toEqual(vb);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("treat plain numbers as 0-d scalars on either side, on any layout", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }))
          .chain(([shape]) => fc.tuple(fc.constant(shape), arbValues(shape), arbLayout)),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: binaryOps.length - 1 }),
        ([shape, values, layout], s, which) => {
          const [, op, f] = binaryOps[which];
          const t = makeTensor(values, shape, layout);
          expectValues(
            op(t, s),
            build(shape, (index) => f(broadcastAt(values, shape, index), s)),
          );
          expectValues(
            op(s, t),
            build(shape, (index) => f(s, broadcastAt(values, shape, index))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("compute hand-checked values", () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(gb.add(a, [10, 20, 30]).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(gb.sub(a, [[1], [4]]).toArray()).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(gb.mul(a.T, [2, 3]).toArray()).toEqual([
      [2, 12],
      [4, 15],
      [6, 18],
    ]);
    expect(gb.div(1, a).get(1, 0)).toBe(0.25);
    expect(gb.add(2, 3).toArray()).toBe(5);
    expect(gb.div([1, -1, 0], 0).toArray()).toEqual([Infinity, -Infinity, NaN]);
    // numpy: np.pow([-8., 2, 0], [1/3, -1, 0]) -> [nan, 0.5, 1.]
    expect(gb.pow([-8, 2, 0], [1 / 3, -1, 0]).toArray()).toEqual([NaN, 0.5, 1]);
    expect(gb.maximum([1, NaN, 3], 2).toArray()).toEqual([2, NaN, 3]);
    expect(gb.greater(a, 3).toArray()).toEqual([
      [0, 0, 0],
      [1, 1, 1],
    ]);
    expect(gb.equal([1, NaN], [1, NaN]).toArray()).toEqual([1, 0]);
  });

  it("work as methods", () => {
    const a = tensor([1, 2]);
    expect(a.add(1).mul(3).sub([1, 1]).div(2).pow(2).toArray()).toEqual([6.25, 16]);
    expect(a.maximum(1.5).minimum(1.8).toArray()).toEqual([1.5, 1.8]);
    expect(a.less(2).toArray()).toEqual([1, 0]);
    expect(a.notEqual(2).toArray()).toEqual([1, 0]);
    expect(a.lessEqual(1).toArray()).toEqual([1, 0]);
    expect(a.greaterEqual(2).toArray()).toEqual([0, 1]);
    expect(a.equal(2).toArray()).toEqual([0, 1]);
  });

  it("broadcast size-0 axes like numpy", () => {
    expect(gb.add(gb.zeros([0, 3]), [1, 2, 3]).shape).toEqual([0, 3]);
    expect(gb.add(gb.zeros([2, 1]), gb.zeros([0])).shape).toEqual([2, 0]);
  });

  it("throw a ShapeError naming the op", () => {
    expect(() => gb.mul(gb.zeros([2, 3]), gb.zeros([3, 2]))).toThrow(
      "mul: [2, 3], [3, 2]: cannot broadcast: aligned from the right as [2, 3] and [3, 2], axis 0 has sizes 2 and 3; each axis needs equal sizes, or 1",
    );
    expect(() => gb.sub(gb.zeros([5, 1, 3]), gb.zeros([2, 4]))).toThrow(
      "sub: [5, 1, 3], [2, 4]: cannot broadcast: aligned from the right as [5, 1, 3] and [_, 2, 4], axis 2 has sizes 3 and 4; each axis needs equal sizes, or 1",
    );
  });
});

describe("unary ops", () => {
  it("match Math on every layout", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })
          .chain((shape) => fc.tuple(fc.constant(shape), arbValues(shape), arbLayout)),
        fc.integer({ min: 0, max: unaryOps.length - 1 }),
        ([shape, values, layout], which) => {
          const [, op, f] = unaryOps[which];
          const t = makeTensor(values, shape, layout);
          expectValues(
            op(t),
            build(shape, (index) => f(broadcastAt(values, shape, index))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("match numpy on a few values", () => {
    // numpy: np.sign, np.tanh, np.exp, np.log
    expect(gb.sign([-2, 0, 3, NaN]).toArray()).toEqual([-1, 0, 1, NaN]);
    expect(gb.tanh([0.5, -1]).toArray()).toEqual([0.46211715726000974, -0.7615941559557649]);
    expect(gb.exp([1, -2]).toArray()).toEqual([2.718281828459045, 0.1353352832366127]);
    expect(gb.log([2, 10]).toArray()).toEqual([0.6931471805599453, 2.302585092994046]);
    expect(gb.sqrt(tensor(9)).item()).toBe(3);
    expect(tensor([-1, 4]).abs().sqrt().neg().toArray()).toEqual([-1, -2]);
    expect(tensor([1, 0]).exp().log().toArray()).toEqual([1, 0]);
    expect(tensor([-3, 3]).tanh().sign().toArray()).toEqual([-1, 1]);
  });

  it("clip limits with optional bounds and keeps NaN", () => {
    expect(gb.clip([-2, 0.5, 3, NaN], 0, 1).toArray()).toEqual([0, 0.5, 1, NaN]);
    expect(gb.clip([-2, 3], null, 1).toArray()).toEqual([-2, 1]);
    expect(tensor([-2, 3]).clip(0).toArray()).toEqual([0, 3]);
    expect(() => gb.clip([1], 2, 1)).toThrow("clip: low (2) must not exceed high (1)");
  });

  it("map passes values and C-order indices, even for views", () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]).T;
    expect(gb.map(m, (v, i) => v * 10 + i).toArray()).toEqual([
      [10, 31],
      [22, 43],
    ]);
    expect(m.map((v) => v + 1).toArray()).toEqual([
      [2, 4],
      [3, 5],
    ]);
  });
});

describe("where", () => {
  it("picks by condition with three-way broadcasting", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(gb.where(gb.greater(x, 2), x, 0).toArray()).toEqual([
      [0, 0, 3],
      [4, 5, 6],
    ]);
    expect(gb.where([[1], [0]], [1, 2, 3], -1).toArray()).toEqual([
      [1, 2, 3],
      [-1, -1, -1],
    ]);
    expect(gb.where([NaN, 0], 1, 2).toArray()).toEqual([1, 2]);
    expect(gb.where(x.T.greater(3), x.T, x.T.neg()).toArray()).toEqual([
      [-1, 4],
      [-2, 5],
      [-3, 6],
    ]);
  });

  it("matches a naive reference", () => {
    const arbCase = arbBroadcastPair().chain(([sa, sb]) =>
      fc.tuple(fc.constant(sa), fc.constant(sb), arbValues(sa), arbValues(sb), arbLayout),
    );
    fc.assert(
      fc.property(arbCase, ([sa, sb, va, vb, layout]) => {
        const cond = makeTensor(va, sa, layout).greater(0);
        const shape = gb.broadcastShapes("ref", [sa, sb]);
        const result = gb.where(cond, makeTensor(vb, sb, layout), -100);
        expectValues(
          result,
          build(shape, (index) =>
            broadcastAt(va, sa, index) > 0 ? broadcastAt(vb, sb, index) : -100,
          ),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("reports shapes that do not broadcast", () => {
    expect(() => gb.where(gb.zeros([2, 3]), 1, gb.zeros([4]))).toThrow(
      "where: [2, 3], [], [4]: cannot broadcast: aligned from the right as [2, 3], [_, _] and [_, 4], axis 1 has sizes 3 and 4 (operands 0 and 2)",
    );
  });
});

describe("isclose, allclose, broadcastTo", () => {
  it("use numpy's tolerance formula", () => {
    expect(gb.isclose([1, 1, Infinity, NaN], [1 + 1e-6, 1.1, Infinity, NaN]).toArray()).toEqual([
      1, 0, 1, 0,
    ]);
    expect(gb.allclose([[1, 2]], [1, 2 + 1e-9])).toBe(true);
    expect(gb.allclose([1, 2], [1, 2.1])).toBe(false);
    expect(gb.allclose([1, 2], [1, 2.1], { atol: 0.2 })).toBe(true);
    expect(gb.allclose([100], [101], { rtol: 0.01 })).toBe(true);
  });

  it("broadcastTo makes a stride-0 view", () => {
    const row = tensor([1, 2, 3]);
    const b = gb.broadcastTo(row, [2, 3]);
    expect(b.strides).toEqual([0, 1]);
    expect(b.data).toBe(row.data);
    expect(b.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(() => gb.broadcastTo(gb.zeros([2, 3]), [3])).toThrow(
      "broadcastTo: [2, 3], [3]: [2, 3] broadcasts to [2, 3], not to the target [3]",
    );
  });
});
