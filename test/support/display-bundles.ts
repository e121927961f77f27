/** Hand-built display bundles (src/display/schema.ts) for the renderer tests and the browser test. */
import type { GradcheckBundle, ShapesBundle, TensorBundle } from "gradbook/protocol";

/** A 150×4 tensor summarized with edgeItems 3: rows 0–2 and 147–149, every column kept. */
export function irisLikeTensor(): TensorBundle {
  const row = (i: number) => [i + 0.1, i + 0.2, i + 0.3, i + 0.4];
  return {
    version: 1,
    name: "X",
    shape: [150, 4],
    dtype: "float64",
    size: 600,
    stats: { min: 0.1, max: 149.4, mean: 74.75, std: 43.3, nanCount: 0, infCount: 0 },
    edgeItems: 3,
    preview: [row(0), row(1), row(2), "...", row(147), row(148), row(149)],
    heatmap: {
      rows: 3,
      cols: 2,
      rowStep: 50,
      colStep: 2,
      values: [1, 2, 3, 4, 5, null],
    },
  };
}

/** A 1-D tensor of 10 with a NaN, an Inf and the middle elided. */
export function vectorWithNaN(): TensorBundle {
  return {
    version: 1,
    shape: [10],
    dtype: "float64",
    size: 10,
    stats: { min: 0, max: 9, mean: 4.5, std: 2.9, nanCount: 1, infCount: 1 },
    edgeItems: 3,
    preview: [0, "NaN", 2, "...", 7, "Infinity", 9],
  };
}

/** A 2×3×4 tensor whose first axis is short enough to keep whole. */
export function cube(): TensorBundle {
  const slab = (k: number) => [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => k * 12 + i * 4 + j));
  return {
    version: 1,
    shape: [2, 3, 4],
    dtype: "float64",
    size: 24,
    stats: { min: 0, max: 23, mean: 11.5, std: 6.9, nanCount: 0, infCount: 0 },
    edgeItems: 3,
    preview: [slab(0), slab(1)],
  };
}

export function scalar(value: number | "NaN"): TensorBundle {
  return {
    version: 1,
    shape: [],
    dtype: "float64",
    size: 1,
    stats:
      value === "NaN"
        ? { min: null, max: null, mean: null, std: null, nanCount: 1, infCount: 0 }
        : { min: value, max: value, mean: value, std: 0, nanCount: 0, infCount: 0 },
    edgeItems: 3,
    preview: value,
  };
}

/** matmul of [3, 4] @ [5, 2] failing on axis 0 of the second operand, after two good ops. */
export function failingTrace(): ShapesBundle {
  return {
    version: 1,
    ops: [
      { op: "add", inputs: [[3, 4], [4]], output: [3, 4], broadcast: [3, 4] },
      { op: "einsum", inputs: [[3, 4]], output: [4, 3], detail: { spec: "ij->ji", i: 3, j: 4 } },
      {
        op: "matmul",
        inputs: [
          [3, 4],
          [5, 2],
        ],
        output: null,
      },
    ],
    droppedOps: 0,
    error: {
      name: "ShapeError",
      message: "matmul: [3, 4] @ [5, 2]: inner dimensions differ (4 vs 5)",
      op: "matmul",
      shapes: [
        [3, 4],
        [5, 2],
      ],
      operand: 1,
      axis: 0,
    },
  };
}

export function passingTrace(): ShapesBundle {
  return {
    version: 1,
    ops: [
      {
        op: "matmul",
        inputs: [
          [3, 4],
          [4, 2],
        ],
        output: [3, 2],
      },
    ],
    droppedOps: 7,
  };
}

/** Seed 001's bug: the L2 term of dW written as (λ/m)·sum(W) fails W; the bias passes. */
export function failingGradcheck(): GradcheckBundle {
  return {
    version: 1,
    ok: false,
    verdict: "wrong",
    thresholds: { eps: 1e-6, rtol: 1e-3, atol: 1e-5 },
    params: {
      W: {
        ok: false,
        verdict: "wrong",
        shape: [2, 2],
        maxRelError: 0.87,
        normRelError: 0.42,
        checked: 4,
        total: 4,
        worst: [
          { index: [1, 0], analytic: 1.5, numeric: 0.1, relError: 0.87 },
          { index: [0, 1], analytic: "NaN", numeric: 0.2, relError: "NaN" },
        ],
        relErrorMap: { rows: 2, cols: 2, values: [0.5, "NaN", 0.87, null] },
      },
      b: {
        ok: true,
        verdict: "exact",
        shape: [2],
        maxRelError: 1e-11,
        normRelError: 2e-12,
        checked: 2,
        total: 2,
        worst: [{ index: [0], analytic: 0.5, numeric: 0.5, relError: 1e-11 }],
      },
    },
    warnings: ["f is not deterministic: two evaluations at the same point differ by 3e-9"],
  };
}

export function passingGradcheck(): GradcheckBundle {
  return {
    version: 1,
    ok: true,
    verdict: "fine",
    thresholds: { eps: 1e-6, rtol: 1e-3, atol: 1e-5 },
    params: {
      W: {
        ok: true,
        verdict: "fine",
        shape: [784, 10],
        maxRelError: 3e-8,
        normRelError: 1e-9,
        checked: 200,
        total: 7840,
        worst: [{ index: [3, 7], analytic: 0.25, numeric: 0.25000001, relError: 3e-8 }],
        directional: { analytic: 1.25, numeric: 1.2500001, relError: 4e-8 },
      },
    },
    warnings: [],
  };
}
