import { describe, expect, it } from "vitest";
import { ShapeError } from "../../../src/tensor/errors";
import { einsumDense } from "../../../src/tensor/einsum/execute";
import type { Strided } from "../../../src/tensor/strided";
import { dense, naiveEinsum, stridedView } from "./einsum-reference";

/** Exact binary fractions, so numpy's results below are exact too: ((37k mod 11) − 5) / 4. */
function values(shape: readonly number[]): number[] {
  const size = shape.reduce((p, d) => p * d, 1);
  return Array.from({ length: size }, (_, k) => (((k * 37) % 11) - 5) / 4);
}

// Results of np.einsum(spec, *[values(shape) for shape in shapes]), numpy 2.4.
const NUMPY: [string, number[][], number[], number[]][] = [
  ["ii", [[3, 3]], [], [0]],
  ["ii->i", [[3, 3]], [3], [-1.25, 0, 1.25]],
  ["iij->ij", [[2, 2, 3]], [2, 3], [-1.25, -0.25, 0.75, -0.5, 0.5, -1.25]],
  ["i,j->ij", [[2], [3]], [2, 3], [1.5625, 0.3125, -0.9375, 0.3125, 0.0625, -0.1875]],
  [
    "bij,bjk->bik",
    [
      [2, 3, 4],
      [2, 4, 5],
    ],
    [2, 3, 5],
    [
      1.6875, -1.4375, -0.4375, 1.25, -1.875, 0.625, 0.4375, 0.25, 0.75, 0.5625, -1.8125, -1.8125,
      1.625, -1.8125, -1.8125, -1.875, 0.375, 0.5625, 0.75, 0.25, 1.5, -0.875, -1.875, 1.25,
      -0.4375, -2.0, 0.625, 0.5, 1.0625, 0.25,
    ],
  ],
  ["ij->ji", [[2, 3]], [3, 2], [-1.25, -1.0, -0.25, 0.0, 0.75, 1.0]],
  [
    "ijk->kij",
    [[2, 3, 4]],
    [4, 2, 3],
    [
      -1.25, 0.0, 1.25, -0.25, 1.0, -0.5, -0.25, 1.0, -0.5, 0.75, -0.75, 0.5, 0.75, -0.75, 0.5,
      -1.0, 0.25, -1.25, -1.0, 0.25, -1.25, 0.0, 1.25, -0.25,
    ],
  ],
  [
    "ijk,pjk->ipk",
    [
      [5, 3, 1],
      [2, 3, 1],
    ],
    [5, 2, 1],
    [2.1875, 2.0, 2.0, 2.0, 1.8125, 2.0, -0.4375, -0.75, -0.625, -0.75],
  ],
  [
    "ijk,iqk->jqk",
    [
      [5, 2, 1],
      [5, 3, 1],
    ],
    [2, 3, 1],
    [0.875, 0.875, -0.5, 0.5625, 0.0625, 0.25],
  ],
  [
    "ijk,ijk",
    [
      [5, 2, 1],
      [5, 2, 1],
    ],
    [],
    [6.625],
  ],
  ["ijk->jk", [[5, 2, 1]], [2, 1], [0.0, -0.5]],
  ["b,A", [[2], [3]], [3, 2], [1.5625, 0.3125, 0.3125, 0.0625, -0.9375, -0.1875]],
  [
    "Ba,aC",
    [
      [2, 3],
      [3, 4],
    ],
    [2, 4],
    [2.5, -0.3125, -0.375, 0.25, 2.5, -0.25, -0.25, -0.25],
  ],
  [
    "...ij,...jk->...ik",
    [
      [2, 1, 2, 3],
      [4, 3, 2],
    ],
    [2, 4, 2, 2],
    [
      1.375, 1.3125, 1.25, 1.25, 1.0, -1.125, 1.25, -1.5, 1.3125, -1.5, 1.25, -1.5, -1.125, -1.875,
      -1.5, -1.5, 1.125, 1.1875, 1.0, -1.625, 1.5, -1.875, 0.375, 1.1875, 1.1875, -1.5, -1.625,
      0.5625, -1.875, -1.125, 1.1875, -0.0625,
    ],
  ],
  ["i...i", [[3, 2, 3]], [2], [-2.0, -1.25]],
  [
    "ij,jk,kl,lm->im",
    [
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 2],
    ],
    [2, 2],
    [8.1640625, 1.08203125, 6.46875, 2.515625],
  ],
  [",->", [[], []], [], [1.5625]],
  ["i,->i", [[3], []], [3], [1.5625, 0.3125, -0.9375]],
  [
    "ij,jk",
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [1.375, 1.3125, 1.25, 1.25],
  ],
  ["...,...", [[2, 3], [3]], [2, 3], [1.5625, 0.0625, 0.5625, 1.25, 0.0, 0.75]],
  ["i,i,i", [[4], [4], [4]], [], [-2.546875]],
  [
    "ij,ij->",
    [
      [1, 3],
      [2, 3],
    ],
    [],
    [4.1875],
  ],
];

function run(spec: string, shapes: readonly number[][], layout: "dense" | "strided" = "dense") {
  const operands = shapes.map((shape) =>
    layout === "dense"
      ? dense(values(shape), shape)
      : stridedView(values(shape), shape, {
          order: shape.map((_, axis) => shape.length - 1 - axis),
          step: 2,
          flipped: shape.map((_, axis) => axis % 2 === 0),
          lead: 3,
        }),
  );
  return einsumDense(spec, operands);
}

describe("einsum: hand cases against numpy", () => {
  it.each(NUMPY)("%s", (spec, shapes, shape, data) => {
    const { result } = run(spec, shapes);
    expect(result.shape).toEqual(shape);
    expect([...result.data]).toEqual(data);
  });

  it.each(NUMPY)("%s on transposed, gapped, reversed views", (spec, shapes, shape, data) => {
    const { result } = run(spec, shapes, "strided");
    expect(result.shape).toEqual(shape);
    expect([...result.data]).toEqual(data);
  });

  it("ignores spaces, as in the seed's 'ijk, pjk->ipk'", () => {
    const spaced = run("ijk, pjk -> ipk", [
      [5, 3, 1],
      [2, 3, 1],
    ]);
    expect([...spaced.result.data]).toEqual(NUMPY[7][3]);
  });

  it("reports each letter's size and numpy's contraction path", () => {
    const { sizes, path } = run("ijk,pjk->ipk", [
      [5, 3, 1],
      [2, 3, 1],
    ]);
    expect(sizes).toEqual({ i: 5, j: 3, k: 1, p: 2 });
    expect(path).toEqual([[0, 1]]);
    expect(run("ii", [[3, 3]]).path).toEqual([[0]]);
  });

  it("returns a fresh buffer even for an identity spec", () => {
    const operand = dense([1, 2, 3], [3]);
    const { result } = einsumDense("i->i", [operand]);
    expect(result.data).not.toBe(operand.data);
    expect([...result.data]).toEqual([1, 2, 3]);
  });

  it("gives zeros for an empty sum and an empty array for an empty output", () => {
    const empty = einsumDense("ij,jk->ik", [dense([], [2, 0]), dense([], [0, 3])]);
    expect(empty.result.shape).toEqual([2, 3]);
    expect([...empty.result.data]).toEqual([0, 0, 0, 0, 0, 0]);
    const none = einsumDense("ij,jk->ik", [dense([], [0, 2]), dense([1, 2, 3, 4], [2, 2])]);
    expect(none.result.shape).toEqual([0, 2]);
    expect(none.result.data.length).toBe(0);
  });
});

// The naive reference loops over every letter combination: slow on a shared machine.
describe("einsum: kernels at realistic sizes", { timeout: 30_000 }, () => {
  function randomValues(shape: readonly number[], seed: number): number[] {
    let state = seed;
    return values(shape).map(() => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    });
  }

  function expectClose(spec: string, operands: Strided[]): void {
    const expected = naiveEinsum(spec, operands);
    const { result } = einsumDense(spec, operands);
    expect(result.shape).toEqual(expected.shape);
    for (let i = 0; i < expected.data.length; i++) {
      expect(Math.abs(result.data[i] - expected.data[i])).toBeLessThanOrEqual(
        1e-12 * expected.absolute[i],
      );
    }
  }

  it("'ni,nk->ik' (the softmax-regression gradient) as one GEMM on transposed views", () => {
    expectClose("ni,nk->ik", [
      dense(randomValues([300, 40], 1), [300, 40]),
      dense(randomValues([300, 20], 2), [300, 20]),
    ]);
  });

  it("the seed's specs at a size that runs the generated kernels", () => {
    const X = dense(randomValues([6000, 3, 1], 3), [6000, 3, 1]);
    const W = dense(randomValues([2, 3, 1], 4), [2, 3, 1]);
    expectClose("ijk,pjk->ipk", [X, W]);
    expectClose("ijk,iqk->jqk", [X, X]);
    expectClose("ijk->jk", [X]);
    expectClose("ijk,ijk", [X, X]);
  });

  it("batched matmul with many small batches and a transposed right operand", () => {
    const A = dense(randomValues([500, 4, 3], 5), [500, 4, 3]);
    const B = stridedView(randomValues([500, 3, 5], 6), [500, 3, 5], {
      order: [2, 0, 1],
      step: 1,
      flipped: [false, true, false],
      lead: 0,
    });
    expectClose("bij,bjk->bik", [A, B]);
    expectClose("bij,bjk->kbi", [A, B]);
  });

  it("a GEMM-sized intermediate inside a three-operand chain", () => {
    const shapes = [
      [36, 40],
      [40, 36],
      [36, 4],
    ];
    const operands = shapes.map((shape, i) => dense(randomValues(shape, 11 + i), shape));
    expectClose("ij,jk,kl->il", operands);
    expect(einsumDense("ij,jk,kl->il", operands).path).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it("a chain of four matrices in the greedy order", () => {
    const shapes = [
      [8, 12],
      [12, 16],
      [16, 3],
      [3, 10],
    ];
    const operands = shapes.map((shape, i) => dense(randomValues(shape, 7 + i), shape));
    expectClose("ij,jk,kl,lm->im", operands);
    // np.einsum_path(..., optimize='greedy') on these shapes.
    expect(einsumDense("ij,jk,kl,lm->im", operands).path).toEqual([
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
  });
});

describe("einsum: errors name the spec, the shapes and what does not fit", () => {
  function error(spec: string, shapes: number[][]): ShapeError {
    try {
      einsumDense(
        spec,
        shapes.map((shape) => dense(values(shape), shape)),
      );
    } catch (caught) {
      expect(caught).toBeInstanceOf(ShapeError);
      return caught as ShapeError;
    }
    throw new Error(`einsum '${spec}' did not throw`);
  }

  it("a letter whose sizes disagree", () => {
    const e = error("ij,jk->ik", [
      [2, 3],
      [4, 5],
    ]);
    expect(e.message).toBe(
      "einsum 'ij,jk->ik': [2, 3], [4, 5]: index j is 3 in operand 0 (axis 1) but 4 in operand 1 (axis 0)",
    );
    expect(e.op).toBe("einsum 'ij,jk->ik'");
    expect(e.shapes).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect([e.operand, e.axis]).toEqual([1, 0]);
  });

  it("'...' dimensions that do not broadcast", () => {
    expect(
      error("...i,...i", [
        [2, 3],
        [4, 3],
      ]).message,
    ).toBe(
      "einsum '...i,...i': [2, 3], [4, 3]: '...' dimension 0 is 2 in operand 0 (axis 0) but 4 in operand 1 (axis 0)",
    );
  });

  it("a repeated letter on axes of different sizes", () => {
    const e = error("ii", [[3, 1]]);
    expect(e.message).toBe(
      "einsum 'ii': [3, 1]: index i repeats in operand 0 (a diagonal) but is 3 on axis 0 and 1 on axis 1",
    );
    expect([e.operand, e.axis]).toEqual([0, 1]);
  });

  it("the wrong number of letters for an operand", () => {
    const e = error("ij,jk->ik", [[2, 3], [3]]);
    expect(e.message).toBe(
      "einsum 'ij,jk->ik': [2, 3], [3]: operand 1 has 1 dimension but its subscripts 'jk' name 2",
    );
    expect(e.operand).toBe(1);
    expect(error("ijk...", [[2, 3]]).message).toBe(
      "einsum 'ijk...': [2, 3]: operand 0 has 2 dimensions but its subscripts 'ijk...' name 3 besides '...'",
    );
  });

  it("the wrong number of operands", () => {
    expect(error("ij,jk", [[2, 3]]).message).toBe(
      "einsum 'ij,jk': [2, 3]: the spec names 2 operands but 1 was given",
    );
    expect(error("ij", [[2, 3], [3]]).message).toBe(
      "einsum 'ij': [2, 3], [3]: the spec names 1 operand but 2 were given",
    );
  });

  it("an output letter that no input has, or that repeats", () => {
    expect(error("ij->kj", [[2, 3]]).message).toBe(
      "einsum 'ij->kj': [2, 3]: output index k does not appear in any input",
    );
    expect(error("ij->ii", [[2, 2]]).message).toBe(
      "einsum 'ij->ii': [2, 2]: output index i appears more than once in '->ii'",
    );
  });

  it("an output without '...' when the inputs broadcast some", () => {
    expect(error("...i->i", [[2, 3]]).message).toBe(
      "einsum '...i->i': [2, 3]: '...' stands for 1 dimension in the inputs but the output '->i' has no '...' to keep it",
    );
  });

  it("malformed subscripts", () => {
    expect(error("i2", [[2, 2]]).message).toBe(
      "einsum 'i2': [2, 2]: '2' is not a valid index: use the letters a-z, A-Z and '...'",
    );
    expect(error("i.j", [[2, 2]]).message).toBe(
      "einsum 'i.j': [2, 2]: operand 0: '.' must be part of an ellipsis '...'",
    );
    expect(error("...i...", [[2, 2]]).message).toBe(
      "einsum '...i...': [2, 2]: operand 0: '...' may appear only once in '...i...'",
    );
    expect(error("i->i->i", [[2]]).message).toBe(
      "einsum 'i->i->i': [2]: the spec has more than one '->'",
    );
    expect(error("i-i", [[2]]).message).toBe(
      "einsum 'i-i': [2]: '-' must be part of the output arrow '->'",
    );
    expect(error("i->...i...", [[2]]).message).toBe(
      "einsum 'i->...i...': [2]: the output: '...' may appear only once in '...i...'",
    );
  });
});
