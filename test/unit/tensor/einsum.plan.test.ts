import { describe, expect, it } from "vitest";
import { einsumDense } from "../../../src/tensor/einsum/execute";
import { dense } from "./einsum-reference";

// np.einsum_path(spec, *operands, optimize='greedy')[0][1:] for these shapes, numpy 2.4; the
// random specs are from a seeded generator, kept where numpy's path is pairwise throughout.
const NUMPY_PATHS: [string, number[][], number[][]][] = [
  [
    "ij,jk,kl,lm->im",
    [
      [2, 3],
      [3, 40],
      [40, 5],
      [5, 6],
    ],
    [
      [1, 2],
      [1, 2],
      [0, 1],
    ],
  ],
  [
    "ij,jk,kl->il",
    [
      [10, 20],
      [20, 30],
      [30, 2],
    ],
    [
      [1, 2],
      [0, 1],
    ],
  ],
  [
    "ab,bc,cd,de,ef->af",
    [
      [5, 6],
      [6, 7],
      [7, 3],
      [3, 9],
      [9, 4],
    ],
    [
      [3, 4],
      [1, 2],
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "ij,kl,jk->il",
    [
      [2, 3],
      [4, 5],
      [3, 4],
    ],
    [
      [1, 2],
      [0, 1],
    ],
  ],
  [
    "bij,bjk,bkl->bil",
    [
      [3, 4, 5],
      [3, 5, 6],
      [3, 6, 2],
    ],
    [
      [1, 2],
      [0, 1],
    ],
  ],
  [
    "dba,ad,ea->dea",
    [
      [2, 2, 6],
      [6, 2],
      [5, 6],
    ],
    [
      [0, 1],
      [0, 1],
    ],
  ],
  [
    "fb,fa,bdf,bcg,bdc->",
    [
      [6, 4],
      [6, 2],
      [4, 2, 6],
      [4, 2, 2],
      [4, 2, 2],
    ],
    [
      [0, 2],
      [0, 3],
      [0, 1],
      [0, 1],
    ],
  ],
  [
    "gc,ca,egf->fa",
    [
      [5, 6],
      [6, 5],
      [3, 5, 6],
    ],
    [
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "fad,ecd,f,bg,c->",
    [[5, 6, 3], [6, 6, 3], [5], [5, 3], [6]],
    [
      [0, 1],
      [2, 3],
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "e,gda,ebg,c->ce",
    [[3], [4, 5, 2], [3, 5, 4], [2]],
    [
      [1, 2],
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "ca,bc,cbg->",
    [
      [5, 4],
      [2, 5],
      [5, 2, 3],
    ],
    [
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "gc,c,af,ea->",
    [[2, 6], [6], [6, 5], [6, 6]],
    [
      [2, 3],
      [0, 1],
      [0, 1],
    ],
  ],
  [
    "abe,fga,gb->fga",
    [
      [6, 2, 4],
      [2, 4, 6],
      [4, 2],
    ],
    [
      [0, 2],
      [0, 1],
    ],
  ],
  [
    "fed,f,db->",
    [[5, 6, 4], [5], [4, 5]],
    [
      [0, 2],
      [0, 1],
    ],
  ],
];

describe("einsum contraction order", () => {
  it.each(NUMPY_PATHS)("%s follows numpy's greedy path", (spec, shapes, path) => {
    const operands = shapes.map((shape) =>
      dense(new Float64Array(shape.reduce((p, d) => p * d, 1)).fill(1), shape),
    );
    expect(einsumDense(spec, operands).path).toEqual(path);
  });

  it("contracts outer products only when no pair shares a letter", () => {
    const operands = [dense([1, 2], [2]), dense([1, 2, 3], [3]), dense([1, 2, 3, 4], [4])];
    const { result, path } = einsumDense("i,j,k->ijk", operands);
    expect(path).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(result.shape).toEqual([2, 3, 4]);
    expect(result.data[23]).toBe(2 * 3 * 4);
  });
});
