import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gemm } from "../../../src/tensor/gemm";
import {
  BLOCK_COLS,
  BLOCK_DEPTH,
  BLOCK_ROWS,
  THIN_CHUNK_DOUBLES,
  THIN_MAX_COLUMNS,
  THIN_MAX_ROWS_OF_PRODUCT,
  THIN_WHOLE_DOUBLES,
  THIN_WIDE_DOUBLES,
} from "../../../src/tensor/gemm/backend";
import { gemmBlocked } from "../../../src/tensor/gemm/blocked";
import { GEMM_BACKENDS, gemmBackend } from "../../../src/tensor/gemm/select";
import {
  gemmThinRight,
  gemmThinTransposed,
  prefersThinRight,
  prefersThinTransposed,
} from "../../../src/tensor/gemm/thin";
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

const thinBackends = backends.filter((name) => gemmBackend(name)!.thin !== undefined);

describe.each(thinBackends)("thin kernels on the %s backend", (name) => {
  const thin = gemmBackend(name)!.thin!;
  // A = Xᵀ for X [k×m] with rows back to back (a transposed view of a row-major X).
  const thinGemm: Gemm = (m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, acc = false) => {
    expect(ars).toBe(1);
    gemmThinTransposed(thin, m, n, k, a, ao, acs, b, bo, brs, bcs, c, co, ldc, acc);
  };
  // The same with X's rows `pad` slots longer than m (a column slice of X).
  const padded = (t: Case, pad: number): string | null => {
    if (pad === 0) return check(thinGemm, { ...t, layoutA: "column-major" });
    // Copy A into a buffer whose columns (X's rows) are `pad` slots longer than m.
    const rowStride = t.m + pad;
    const original = stridedMatrix(t.m, t.k, "column-major", 0, t.seed, t.special);
    const data = new Float64Array(t.k * rowStride).fill(Number.NaN);
    for (let p = 0; p < t.k; p++) {
      data.set(original.data.subarray(p * t.m, (p + 1) * t.m), p * rowStride);
    }
    const multiply: Gemm = (m, n, k, _a, _ao, _ars, _acs, b, bo, brs, bcs, c, co, ldc, acc) =>
      gemmThinTransposed(thin, m, n, k, data, 0, rowStride, b, bo, brs, bcs, c, co, ldc, !!acc);
    return check(multiply, { ...t, layoutA: "column-major" });
  };

  it("matches the triple loop across chunk edges, padding, layouts of G and accumulate", () => {
    fc.assert(
      fc.property(
        caseArbitrary(40),
        fc.integer({ min: 4, max: 40 }),
        fc.integer({ min: 1, max: THIN_MAX_COLUMNS }),
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 0, max: 5 }),
        (t, m, n, k, pad) => {
          expect(padded({ ...t, m, n, k }, pad)).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    { m: 784, n: 10, k: 2 * Math.floor(THIN_CHUNK_DOUBLES / 784) + 5 },
    { m: 785, n: 16, k: 41 },
    { m: THIN_MAX_ROWS_OF_PRODUCT, n: 3, k: 9 },
    { m: THIN_MAX_ROWS_OF_PRODUCT - 1, n: 1, k: 6, accumulate: true },
  ])("handles m=$m n=$n k=$k", (shape) => {
    expect(padded({ ...base, seed: shape.m + shape.k, ...shape }, 0)).toBeNull();
  });

  it("propagates NaN and ±Inf exactly as the sums do", () => {
    const t = { ...base, m: 37, n: 11, k: 300, special: true };
    for (let seed = 0; seed < 5; seed++) expect(padded({ ...t, seed }, seed % 3)).toBeNull();
  });

  it("is what gemm picks for XᵀG with a thin G, and only then", () => {
    expect(prefersThinTransposed(784, 10, 1)).toBe(true);
    expect(prefersThinTransposed(784, THIN_MAX_COLUMNS + 1, 1)).toBe(false); // wide: blocked
    expect(prefersThinTransposed(784, 10, 784)).toBe(false); // A row-major: not Xᵀ
    expect(prefersThinTransposed(3, 10, 1)).toBe(false);
    expect(prefersThinTransposed(THIN_MAX_ROWS_OF_PRODUCT + 1, 2, 1)).toBe(false);
  });

  // A·W: A [m×k] with rows `pad` slots longer than k (a column slice), W any layout.
  const rightPadded = (t: Case, pad: number): string | null => {
    const original = stridedMatrix(t.m, t.k, "row-major", 0, t.seed, t.special);
    const rowStride = t.k + pad;
    const data = new Float64Array(t.m * rowStride).fill(Number.NaN);
    for (let i = 0; i < t.m; i++) {
      data.set(original.data.subarray(i * t.k, (i + 1) * t.k), i * rowStride);
    }
    const multiply: Gemm = (m, n, k, _a, _ao, _ars, _acs, b, bo, brs, bcs, c, co, ldc, acc) =>
      gemmThinRight(thin, m, n, k, data, 0, rowStride, b, bo, brs, bcs, c, co, ldc, !!acc);
    return check(multiply, { ...t, layoutA: "row-major", leadA: 0 });
  };

  it("A·W matches the triple loop across row chunks and tails, padding, layouts of W", () => {
    fc.assert(
      fc.property(
        caseArbitrary(40),
        fc.integer({ min: 4, max: 1100 }),
        fc.integer({ min: 1, max: THIN_MAX_COLUMNS }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (t, m, n, k, pad) => {
          expect(rightPadded({ ...t, m, n, k }, pad)).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([
    { m: 128, n: 10, k: 784 },
    { m: 9, n: 16, k: THIN_WHOLE_DOUBLES / 16, accumulate: true },
    { m: 5, n: 1, k: THIN_WIDE_DOUBLES / 4 },
  ])("A·W handles m=$m n=$n k=$k", (shape) => {
    expect(prefersThinRight(shape.m, shape.n, shape.k, 1)).toBe(true);
    expect(rightPadded({ ...base, seed: shape.m + shape.k, ...shape }, 1)).toBeNull();
  });

  it("gemm takes products past the thin kernels' limits through blocking, still exact", () => {
    const beyond = { ...base, m: 5, n: 2, k: THIN_WIDE_DOUBLES / 4 + 1 };
    expect(prefersThinRight(beyond.m, beyond.n, beyond.k, 1)).toBe(false);
    expect(check(gemm, beyond)).toBeNull();
    expect(check(gemm, { ...beyond, layoutA: "column-major" })).toBeNull();
  });

  it("A·W propagates NaN and ±Inf exactly as the sums do", () => {
    const t = { ...base, m: 37, n: 7, k: 45, special: true };
    for (let seed = 0; seed < 5; seed++) expect(rightPadded({ ...t, seed }, seed % 2)).toBeNull();
  });

  it("is what gemm picks for A·W with a thin W that fits whole, and only then", () => {
    expect(prefersThinRight(128, 10, 784, 1)).toBe(true);
    expect(prefersThinRight(128, 10, 784, 128)).toBe(false); // A transposed: blocked
    expect(prefersThinRight(128, THIN_MAX_COLUMNS + 1, 784, 1)).toBe(false);
    expect(prefersThinRight(128, 16, THIN_WHOLE_DOUBLES / 16 + 1, 1)).toBe(false); // W too big
    expect(prefersThinRight(2, 10, 784, 1)).toBe(false);
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
