import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gemm } from "../../../src/tensor/gemm";
import { BLOCK_COLS, BLOCK_DEPTH, BLOCK_ROWS } from "../../../src/tensor/gemm/backend";
import { gemmBlocked } from "../../../src/tensor/gemm/blocked";
import { GEMM_BACKENDS, gemmBackend } from "../../../src/tensor/gemm/select";
import { KERNEL_SOURCE_SHA256 } from "../../../src/tensor/gemm/wasm/kernel-binary.generated";
import {
  type Layout,
  type StridedMatrix,
  at,
  closeToReference,
  layoutArbitrary,
  stridedMatrix,
} from "./strided-matrix";

type Gemm = typeof gemm;

/** C (row-major, ldc, cOffset) as the math says: C0 + Σ_p A[i,p]·B[p,j], plus Σ|A·B| terms. */
function reference(a: StridedMatrix, b: StridedMatrix, c0: Float64Array | null) {
  const m = a.rows;
  const n = b.cols;
  const sums = new Float64Array(m * n);
  const magnitudes = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = c0 === null ? 0 : c0[i * n + j];
      let magnitude = Math.abs(sum);
      for (let p = 0; p < a.cols; p++) {
        const term = at(a, i, p) * at(b, p, j);
        sum += term;
        magnitude += Math.abs(term);
      }
      sums[i * n + j] = sum;
      magnitudes[i * n + j] = magnitude;
    }
  }
  return { sums, magnitudes };
}

interface Case {
  m: number;
  n: number;
  k: number;
  layoutA: Layout;
  layoutB: Layout;
  leadA: number;
  leadB: number;
  seed: number;
  accumulate: boolean;
  special: boolean;
}

/**
 * Runs one product through `multiply` into a C with a 2-slot lead and 3 spare columns per row,
 * and returns the first mismatch (or null). The spare slots must keep their sentinel.
 */
function check(multiply: Gemm, t: Case): string | null {
  const a = stridedMatrix(t.m, t.k, t.layoutA, t.leadA, t.seed, t.special);
  const b = stridedMatrix(t.k, t.n, t.layoutB, t.leadB, t.seed + 1, t.special);
  const ldc = t.n + 3;
  const cOffset = 2;
  const c = new Float64Array(cOffset + t.m * ldc).fill(-7);
  const c0 = t.accumulate ? new Float64Array(t.m * t.n) : null;
  if (c0 !== null) {
    const start = stridedMatrix(t.m, t.n, "row-major", 0, t.seed + 2);
    c0.set(start.data.subarray(0, t.m * t.n));
    for (let i = 0; i < t.m; i++) c.set(c0.subarray(i * t.n, (i + 1) * t.n), cOffset + i * ldc);
  }
  multiply(
    t.m,
    t.n,
    t.k,
    a.data,
    a.offset,
    a.rowStride,
    a.colStride,
    b.data,
    b.offset,
    b.rowStride,
    b.colStride,
    c,
    cOffset,
    ldc,
    t.accumulate,
  );
  const { sums, magnitudes } = reference(a, b, c0);
  for (let i = 0; i < t.m; i++) {
    for (let j = 0; j < ldc; j++) {
      const actual = c[cOffset + i * ldc + j];
      if (j >= t.n) {
        if (actual !== -7) return `C[${i}][${j}] outside the product was overwritten`;
        continue;
      }
      const expected = sums[i * t.n + j];
      if (!closeToReference(actual, expected, magnitudes[i * t.n + j], t.k)) {
        return `C[${i}][${j}] = ${actual}, expected ${expected}`;
      }
    }
  }
  if (c[0] !== -7 || c[1] !== -7) return "the slots before cOffset were overwritten";
  return null;
}

const caseArbitrary = (maxSize: number) =>
  fc.record({
    m: fc.integer({ min: 0, max: maxSize }),
    n: fc.integer({ min: 0, max: maxSize }),
    k: fc.integer({ min: 0, max: maxSize }),
    layoutA: layoutArbitrary,
    layoutB: layoutArbitrary,
    leadA: fc.integer({ min: 0, max: 3 }),
    leadB: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    accumulate: fc.boolean(),
    special: fc.boolean(),
  });

const base: Case = {
  m: 0,
  n: 0,
  k: 0,
  layoutA: "row-major",
  layoutB: "row-major",
  leadA: 0,
  leadB: 0,
  seed: 1,
  accumulate: false,
  special: false,
};

describe("gemm (public entry: plain loops for small products, blocked kernels above)", () => {
  it("matches the triple loop on random shapes 0..70, layouts, offsets and accumulate", () => {
    fc.assert(
      fc.property(caseArbitrary(70), (t) => {
        expect(check(gemm, t)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it("multiplies a hand-computed 2×3 by 3×2", () => {
    const c = new Float64Array(4);
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const b = Float64Array.of(7, 8, 9, 10, 11, 12);
    gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2);
    expect([...c]).toEqual([58, 64, 139, 154]);
  });

  it("fills C with zeros when k = 0, and leaves it alone when accumulating", () => {
    const c = Float64Array.of(5, 5, 5, 5);
    gemm(2, 2, 0, new Float64Array(0), 0, 0, 1, new Float64Array(0), 0, 2, 1, c, 0, 2, true);
    expect([...c]).toEqual([5, 5, 5, 5]);
    gemm(2, 2, 0, new Float64Array(0), 0, 0, 1, new Float64Array(0), 0, 2, 1, c, 0, 2);
    expect([...c]).toEqual([0, 0, 0, 0]);
  });

  it("does not skip zeros: 0·Inf is NaN and NaN spreads along its row and column", () => {
    for (const size of [3, 40]) {
      const a = new Float64Array(size * size); // all zeros
      const b = new Float64Array(size * size).fill(1);
      b[0] = Number.POSITIVE_INFINITY; // B[0][0]
      const c = new Float64Array(size * size);
      gemm(size, size, size, a, 0, size, 1, b, 0, size, 1, c, 0, size);
      for (let i = 0; i < size; i++) {
        expect(c[i * size]).toBeNaN(); // column 0 meets the Inf
        expect(c[i * size + 1]).toBe(0);
      }
      a.fill(1);
      a[size + 2] = Number.NaN; // A[1][2]
      b[0] = 1;
      gemm(size, size, size, a, 0, size, 1, b, 0, size, 1, c, 0, size);
      for (let j = 0; j < size; j++) {
        expect(c[size + j]).toBeNaN();
        expect(c[j]).toBe(size);
      }
    }
  });
});

const backends = GEMM_BACKENDS.filter((name) => gemmBackend(name) !== null);

describe.each(backends)("blocked GEMM on the %s backend", (name) => {
  const backend = gemmBackend(name)!;
  const blocked: Gemm = (m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc = false) =>
    gemmBlocked(backend, m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc);

  it("matches the triple loop on random shapes 0..70 (micro-tile edges), layouts and modes", () => {
    fc.assert(
      fc.property(caseArbitrary(70), (t) => {
        expect(check(blocked, t)).toBeNull();
      }),
      { numRuns: 120 },
    );
  });

  it.each([
    { m: BLOCK_ROWS + 1, n: 5, k: BLOCK_DEPTH + 1 },
    { m: 2 * BLOCK_ROWS + 3, n: 2, k: 2 * BLOCK_DEPTH - 1, layoutA: "column-major" as Layout },
    { m: 3, n: BLOCK_COLS + 2, k: 9, layoutB: "column-major" as Layout },
    { m: BLOCK_ROWS + 3, n: 9, k: BLOCK_DEPTH + 3, accumulate: true },
    {
      m: 6,
      n: BLOCK_COLS + 5,
      k: BLOCK_DEPTH + 3,
      accumulate: true,
      layoutA: "reversed" as Layout,
    },
  ])("crosses block edges: m=$m n=$n k=$k", (shape) => {
    expect(check(blocked, { ...base, seed: shape.m * 7 + shape.n, ...shape })).toBeNull();
  });

  it("propagates NaN and ±Inf exactly as the sums do", () => {
    const t = { ...base, m: 37, n: 41, k: 45, special: true };
    for (let seed = 0; seed < 5; seed++) expect(check(blocked, { ...t, seed })).toBeNull();
  });
});

describe("backend choice", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("has a WebAssembly SIMD backend on this runtime, so the wasm path is what the tests cover", () => {
    expect(backends).toContain("wasm-simd");
  });

  it("honours GRADBOOK_GEMM and rejects a name it does not know", async () => {
    vi.stubEnv("GRADBOOK_GEMM", "js");
    vi.resetModules();
    let select = await import("../../../src/tensor/gemm/select");
    expect(select.defaultGemmBackend().name).toBe("js");
    vi.stubEnv("GRADBOOK_GEMM", "cuda");
    vi.resetModules();
    select = await import("../../../src/tensor/gemm/select");
    expect(() => select.defaultGemmBackend()).toThrow(
      "GRADBOOK_GEMM=cuda is not a GEMM backend: use one of wasm-relaxed-simd, wasm-simd, js",
    );
  });

  it("embeds a kernel binary built from the current kernel.as (run scripts/build-wasm.mjs)", () => {
    const source = readFileSync(join(__dirname, "../../../src/tensor/gemm/wasm/kernel.as"));
    expect(createHash("sha256").update(source).digest("hex")).toBe(KERNEL_SOURCE_SHA256);
  });
});
