import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { arange, ShapeError, Tensor, tensor } from "../../../src/tensor";
import { makeTensor } from "./layout-helpers";
import { arbLayout, arbShape, arbValues, at, build, indices, type Values } from "./reference";

type Reducer = (x: gb.TensorLike, axis?: gb.Axis, keepdims?: boolean | gb.ReduceOptions) => Tensor;

/** Naive reduction: for each output index, fold every input element with matching kept indices. */
function refReduce(
  values: Values,
  shape: number[],
  axes: number[],
  keepdims: boolean,
  fold: (xs: number[]) => number,
): { shape: number[]; values: Values } {
  const reduced = shape.map((_, k) => axes.includes(k));
  const outShape = keepdims
    ? shape.map((s, k) => (reduced[k] ? 1 : s))
    : shape.filter((_, k) => !reduced[k]);
  const all = indices(shape);
  const result = build(outShape, (outIndex) => {
    const kept = keepdims ? outIndex.filter((_, k) => !reduced[k]) : outIndex;
    const members = all.filter((index) =>
      index.filter((_, k) => !reduced[k]).every((i, k) => i === kept[k]),
    );
    return fold(members.map((index) => at(values, index)));
  });
  return { shape: outShape, values: result };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (ddof: number) => (xs: number[]) =>
  xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / Math.max(xs.length - ddof, 0);

const reducers: [string, Reducer, (xs: number[]) => number, boolean][] = [
  ["sum", gb.sum, (xs) => xs.reduce((s, x) => s + x, 0), true],
  ["prod", gb.prod, (xs) => xs.reduce((s, x) => s * x, 1), true],
  ["mean", gb.mean, mean, true],
  ["max", gb.max, (xs) => Math.max(...xs), false],
  ["min", gb.min, (xs) => Math.min(...xs), false],
  ["var", gb.variance, variance(0), true],
  ["std", gb.std, (xs) => Math.sqrt(variance(0)(xs)), true],
];

/** Random shape, values, layout and a set of distinct axes (possibly negative) to reduce. */
const arbReduction = arbShape(3, 3).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    arbValues(shape),
    arbLayout,
    fc.oneof(
      fc.constant(undefined),
      fc.subarray(shape.map((_, k) => k)).chain((axes) => fc.constant(axes)),
      shape.length > 0
        ? fc.integer({ min: -shape.length, max: shape.length - 1 })
        : fc.constant(undefined),
    ),
    fc.boolean(),
  ),
);

function axesOf(axis: number | number[] | undefined, ndim: number): number[] {
  if (axis === undefined) return [...Array(ndim).keys()];
  return (typeof axis === "number" ? [axis] : axis).map((a) => (a < 0 ? a + ndim : a));
}

function closeTo(actual: Values, expected: Values): void {
  if (typeof expected === "number") {
    const a = actual as number;
    if (Number.isNaN(expected)) expect(a).toBeNaN();
    else if (!Number.isFinite(expected)) expect(a).toBe(expected);
    else expect(Math.abs(a - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  expect((actual as Values[]).length).toBe(expected.length);
  expected.forEach((e, i) => closeTo((actual as Values[])[i], e));
}

describe("reductions against a naive reference", () => {
  it("agree over random shapes, layouts, axes and keepdims", () => {
    fc.assert(
      fc.property(
        arbReduction,
        fc.integer({ min: 0, max: reducers.length - 1 }),
        ([shape, values, layout, axis, keepdims], which) => {
          const [, reducer, fold, hasIdentity] = reducers[which];
          const x = makeTensor(values, shape, layout);
          const axes = axesOf(axis, shape.length);
          const count = axes.reduce((p, k) => p * shape[k], 1);
          if (count === 0 && !hasIdentity) {
            expect(() => reducer(x, axis, keepdims)).toThrow(ShapeError);
            return;
          }
          const expected = refReduce(values, shape, axes, keepdims, fold);
          const result = reducer(x, axis, keepdims);
          expect(result.shape).toEqual(expected.shape);
          closeTo(result.toArray(), expected.values);
          expect(x.toArray()).toEqual(values);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("argmax/argmin agree with a first-occurrence reference", () => {
    const arbArg = arbShape(3, 3)
      .filter((shape) => shape.length > 0)
      .chain((shape) =>
        fc.tuple(
          fc.constant(shape),
          arbValues(shape),
          arbLayout,
          fc.integer({ min: -shape.length, max: shape.length - 1 }),
          fc.boolean(),
        ),
      );
    fc.assert(
      fc.property(arbArg, ([shape, values, layout, axis, keepdims]) => {
        const x = makeTensor(values, shape, layout);
        const a = axis < 0 ? axis + shape.length : axis;
        if (shape[a] === 0) {
          expect(() => gb.argmax(x, axis)).toThrow(ShapeError);
          return;
        }
        const first = (best: (xs: number[]) => number) => (xs: number[]) => xs.indexOf(best(xs));
        const expectedMax = refReduce(
          values,
          shape,
          [a],
          keepdims,
          first((xs) => Math.max(...xs)),
        );
        const expectedMin = refReduce(
          values,
          shape,
          [a],
          keepdims,
          first((xs) => Math.min(...xs)),
        );
        expect(gb.argmax(x, axis, keepdims).toArray()).toEqual(expectedMax.values);
        expect(gb.argmin(x, axis, keepdims).toArray()).toEqual(expectedMin.values);
        expect(gb.argmax(x, axis, keepdims).shape).toEqual(expectedMax.shape);
      }),
      { numRuns: 200 },
    );
  });
});

describe("reductions: numpy oracles and hand-computed values", () => {
  const A = tensor([
    [1.5, -2, 3.25],
    [0.5, 4, -1],
  ]);

  it("match numpy on a 2-D example", () => {
    // numpy: A.var(axis=0), A.std(axis=1, ddof=1), A.var(), A.mean(axis=1), A.prod(axis=0)
    closeTo(gb.variance(A, 0).toArray(), [0.25, 9.0, 4.515625]);
    closeTo(gb.std(A, 1, { ddof: 1 }).toArray(), [2.673169155390907, 2.565800719723442]);
    closeTo(A.var().item(), 4.592013888888889);
    closeTo(A.mean(1).toArray(), [0.9166666666666666, 1.1666666666666667]);
    expect(A.prod(0).toArray()).toEqual([0.75, -8, -3.25]);
    expect(A.sum().item()).toBe(6.25);
    expect(A.max().item()).toBe(4);
    expect(A.min(1).toArray()).toEqual([-2, -1]);
  });

  it("take several and negative axes, with keepdims", () => {
    const B = arange(24).reshape(2, 3, 4);
    // numpy: B.sum(axis=(0, 2)), B.max(axis=-1, keepdims=True)
    expect(gb.sum(B, [0, 2]).toArray()).toEqual([60, 92, 124]);
    expect(B.max(-1, true).toArray()).toEqual([
      [[3], [7], [11]],
      [[15], [19], [23]],
    ]);
    expect(B.sum([-1, 0], { keepdims: true }).shape).toEqual([1, 3, 1]);
    expect(B.mean(null).item()).toBe(11.5);
  });

  it("keepdims results broadcast back against the input", () => {
    const X = tensor([
      [1, 2, 3],
      [4, 5, 9],
    ]);
    const centred = X.sub(X.mean(1, true));
    expect(centred.sum(1).toArray()).toEqual([0, 0]);
  });

  it("follow numpy on empty reductions", () => {
    expect(gb.sum([]).item()).toBe(0);
    expect(gb.prod([]).item()).toBe(1);
    expect(gb.mean([]).item()).toBeNaN();
    expect(gb.sum(gb.zeros([0, 3]), 0).toArray()).toEqual([0, 0, 0]);
    expect(gb.max(gb.zeros([0, 3]), 1).shape).toEqual([0]);
    expect(() => gb.max(gb.zeros([0, 3]), 0)).toThrow(
      "max: [0, 3]: axis 0 has size 0, so there is nothing to take the max of (sum and prod of nothing are 0 and 1; max has no such identity)",
    );
    expect(() => gb.min([])).toThrow(
      "min: [0]: axis 0 has size 0, so there is nothing to take the min of",
    );
    expect(() => gb.max(gb.zeros([0, 0]))).toThrow("max: [0, 0]: axes 0, 1 have size 0");
    expect(() => gb.argmax(gb.zeros([2, 0]), 1)).toThrow("argmax: [2, 0]: axis 1 has size 0");
    expect(gb.argmax(gb.zeros([2, 0]), 0).shape).toEqual([0]);
  });

  it("var and std honour ddof like numpy (inf or NaN when N − ddof ≤ 0)", () => {
    // numpy: np.var([1.], ddof=1) -> nan; np.var([1., 2.], ddof=3) -> inf
    expect(gb.variance([1], undefined, { ddof: 1 }).item()).toBeNaN();
    expect(gb.variance([1, 2], undefined, { ddof: 3 }).item()).toBe(Infinity);
    expect(tensor([2, 4, 4, 4, 5, 5, 7, 9]).std().item()).toBe(2);
  });

  it("propagate NaN, and argmax picks the first NaN or the first maximum", () => {
    expect(gb.max([1, NaN, 3]).item()).toBeNaN();
    expect(gb.min([NaN, 1]).item()).toBeNaN();
    expect(gb.sum([1, NaN]).item()).toBeNaN();
    // numpy: np.array([1.5, nan, 3]).argmax() -> 1
    expect(gb.argmax([1.5, NaN, 3]).item()).toBe(1);
    expect(gb.argmin([1.5, NaN, 3]).item()).toBe(1);
    expect(gb.argmax([3, 1, 3]).item()).toBe(0);
    expect(
      gb
        .argmin([
          [5, 1],
          [1, 0],
        ])
        .item(),
    ).toBe(3);
    expect(
      tensor([
        [0, 5, 5],
        [2, 1, 0],
      ])
        .argmax(1)
        .toArray(),
    ).toEqual([1, 0]);
    // numpy: np.arange(6.).reshape(2, 3).argmax(axis=1, keepdims=True) -> [[2], [2]]
    expect(arange(6).reshape(2, 3).argmax(1, true).toArray()).toEqual([[2], [2]]);
    expect(arange(6).reshape(2, 3).argmin(null, true).shape).toEqual([1, 1]);
  });

  it("sum long runs accurately (pairwise)", () => {
    const n = 1_000_000;
    const x = gb.full([n], 0.1);
    // Sequential summation drifts by ~1e-6 here; pairwise stays within a few ulps of n/10.
    expect(Math.abs(x.sum().item() - 100000)).toBeLessThan(1e-8);
  });

  it("reject bad axes", () => {
    expect(() => gb.sum(A, 2)).toThrow(
      "sum: [2, 3]: axis 2 is out of range (valid axes are -2..1)",
    );
    expect(() => gb.sum(A, [0, -2])).toThrow(
      "sum: [2, 3]: axis 0 is listed more than once in [0,-2]",
    );
    expect(() => gb.mean(tensor(3), 0)).toThrow(
      "mean: []: axis 0 is out of range (there are no axes)",
    );
    expect(gb.sum(tensor(3)).item()).toBe(3);
  });
});
