import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BLOCK_COLS, BLOCK_DEPTH, BLOCK_ROWS } from "../../../src/tensor/gemm/backend";
import { GEMM_BACKENDS, gemmBackend } from "../../../src/tensor/gemm/select";
import { gram as defaultGram } from "../../../src/tensor/gram";
import {
  type Layout,
  at,
  closeToReference,
  layoutArbitrary,
  stridedMatrix,
} from "./strided-matrix";

type Gram = typeof defaultGram;

interface Case {
  m: number;
  n: number;
  layout: Layout;
  lead: number;
  seed: number;
  special: boolean;
}

/**
 * Runs gram on an m × n matrix into a C with a 1-slot lead and 2 spare columns per row; returns
 * the first entry that differs from Σ_p A[p,i]·A[p,j], breaks exact symmetry, or overwrites a
 * slot outside C (or null).
 */
function check(gram: Gram, t: Case): string | null {
  const a = stridedMatrix(t.m, t.n, t.layout, t.lead, t.seed, t.special);
  const ldc = t.n + 2;
  const c = new Float64Array(1 + t.n * ldc).fill(-7);
  gram(t.m, t.n, a.data, a.offset, a.rowStride, a.colStride, c, 1, ldc);
  if (c[0] !== -7) return "the slot before cOffset was overwritten";
  for (let i = 0; i < t.n; i++) {
    for (let j = 0; j < ldc; j++) {
      const actual = c[1 + i * ldc + j];
      if (j >= t.n) {
        if (actual !== -7) return `C[${i}][${j}] outside the product was overwritten`;
        continue;
      }
      if (j < i) {
        if (!Object.is(actual, c[1 + j * ldc + i])) return `C[${i}][${j}] ≠ C[${j}][${i}]`;
        continue;
      }
      let sum = 0;
      let magnitude = 0;
      for (let p = 0; p < t.m; p++) {
        const term = at(a, p, i) * at(a, p, j);
        sum += term;
        magnitude += Math.abs(term);
      }
      if (!closeToReference(actual, sum, magnitude, t.m)) {
        return `C[${i}][${j}] = ${actual}, expected ${sum}`;
      }
    }
  }
  return null;
}

const caseArbitrary = fc.record({
  m: fc.integer({ min: 0, max: 70 }),
  n: fc.integer({ min: 0, max: 70 }),
  layout: layoutArbitrary,
  lead: fc.integer({ min: 0, max: 3 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
  special: fc.boolean(),
});

describe("gram (default backend)", () => {
  it("computes XᵀX for a hand-checked 3×2 X", () => {
    // X = [[1, 2], [3, 4], [5, 6]]: XᵀX = [[35, 44], [44, 56]]
    const c = new Float64Array(4);
    defaultGram(3, 2, Float64Array.of(1, 2, 3, 4, 5, 6), 0, 2, 1, c, 0, 2);
    expect([...c]).toEqual([35, 44, 44, 56]);
  });

  it("gives a zero matrix for zero rows and touches nothing for zero columns", () => {
    const c = new Float64Array(4).fill(3);
    defaultGram(0, 2, new Float64Array(0), 0, 2, 1, c, 0, 2);
    expect([...c]).toEqual([0, 0, 0, 0]);
    const untouched = Float64Array.of(3);
    defaultGram(5, 0, new Float64Array(0), 0, 0, 1, untouched, 0, 0);
    expect([...untouched]).toEqual([3]);
  });

  it("spreads a NaN in row p, column j of A over row and column j of AᵀA", () => {
    const m = 50;
    const n = 40; // large enough for the blocked kernel
    const a = new Float64Array(m * n).fill(1);
    a[7 * n + 3] = Number.NaN;
    const c = new Float64Array(n * n);
    defaultGram(m, n, a, 0, n, 1, c, 0, n);
    for (let i = 0; i < n; i++) {
      expect(c[3 * n + i]).toBeNaN();
      expect(c[i * n + 3]).toBeNaN();
    }
    expect(c[0]).toBe(m);
  });
});

const backends = GEMM_BACKENDS.filter((name) => gemmBackend(name) !== null);

describe.each(backends)("gram on the %s backend", (name) => {
  let gram: Gram;

  beforeAll(async () => {
    vi.stubEnv("GRADBOOK_GEMM", name);
    vi.resetModules();
    gram = (await import("../../../src/tensor/gram")).gram;
    const { defaultGemmBackend } = await import("../../../src/tensor/gemm/select");
    expect(defaultGemmBackend().name).toBe(name);
  });

  it("matches Σ_p A[p,i]·A[p,j] on random shapes 0..70 and layouts, exactly symmetric", () => {
    fc.assert(
      fc.property(caseArbitrary, (t) => {
        expect(check(gram, t)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    { m: BLOCK_DEPTH + 1, n: BLOCK_ROWS + 1, layout: "row-major" as Layout },
    { m: 2 * BLOCK_DEPTH + 5, n: 9, layout: "column-major" as Layout },
    { m: 3, n: BLOCK_COLS + 3, layout: "padded-rows" as Layout },
  ])("crosses block edges: m=$m n=$n ($layout)", (shape) => {
    expect(check(gram, { lead: 1, seed: shape.m + shape.n, special: false, ...shape })).toBeNull();
  });

  it("propagates NaN and ±Inf exactly as the sums do", () => {
    for (let seed = 0; seed < 5; seed++) {
      expect(
        check(gram, { m: 45, n: 37, layout: "row-major", lead: 0, seed, special: true }),
      ).toBeNull();
    }
  });
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});
