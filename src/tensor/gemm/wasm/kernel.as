// AssemblyScript source of the WebAssembly GEMM macro-kernel (f64x2 SIMD128).
//
// Compiled twice by scripts/build-wasm.mjs: once with plain SIMD (mul + add) and once with relaxed
// SIMD, where `ASC_FEATURE_RELAXED_SIMD` folds `fma` into f64x2.relaxed_madd (one fused
// multiply-add on x86 with FMA, twice the throughput). The output is embedded in
// kernel-binary.generated.ts. The file ends in `.as` so the project's tsc never sees it.
//
// Memory layout (byte addresses chosen by the JS driver, src/tensor/gemm/backend-wasm.ts):
// packed A is a sequence of MR-row micro-panels, each kc × MR (the MR values of one column of A
// together); packed B a sequence of NR-column micro-panels, each kc × NR. The macro-kernel
// writes the product into a row-major tile with row stride ldt; the driver moves it into C.

// 4 × 4: 8 f64x2 accumulators + 2 B vectors + 1 broadcast A value fit the 15 XMM registers V8
// allocates, however V8 schedules the loads. Larger tiles measured slower: 8 × 4 and 4 × 8
// spill; 6 × 4 with a pre-splatted A runs 10–20 % faster as a function of its own, but once
// binaryen inlines it into the macro loop V8 hoists its loads and spills accumulators.
const MR: i32 = 4;
const NR: i32 = 4;

@inline
function fma(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc);
  return f64x2.add(acc, f64x2.mul(a, b));
}

// tile[0:4, 0:4] = Σ_p A[p][0:4]ᵀ · B[p][0:4] over one pair of micro-panels (overwrites).
@inline
function microKernel(kc: i32, a: usize, b: usize, tile: usize, ldt: i32): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c20 = f64x2.splat(0.0);
  let c21 = f64x2.splat(0.0);
  let c30 = f64x2.splat(0.0);
  let c31 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load64_splat(a);
    c00 = fma(c00, ai, b0);
    c01 = fma(c01, ai, b1);
    ai = v128.load64_splat(a, 8);
    c10 = fma(c10, ai, b0);
    c11 = fma(c11, ai, b1);
    ai = v128.load64_splat(a, 16);
    c20 = fma(c20, ai, b0);
    c21 = fma(c21, ai, b1);
    ai = v128.load64_splat(a, 24);
    c30 = fma(c30, ai, b0);
    c31 = fma(c31, ai, b1);
    a += 32;
    b += 32;
  }
  const row = (<usize>ldt) << 3;
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  tile += row;
  v128.store(tile, c10);
  v128.store(tile, c11, 16);
  tile += row;
  v128.store(tile, c20);
  v128.store(tile, c21, 16);
  tile += row;
  v128.store(tile, c30);
  v128.store(tile, c31, 16);
}

// tile = packedA(mc × kc) · packedB(kc × nc), rounded up to whole 4 × 4 micro-tiles.
// With upperOnly, micro-tiles lying strictly below the diagonal of the full product are skipped
// (rowShift = first row − first column of this block in the full product): the Gram kernel.
export function macroKernel(
  mc: i32,
  nc: i32,
  kc: i32,
  packedA: usize,
  packedB: usize,
  tile: usize,
  ldt: i32,
  rowShift: i32,
  upperOnly: i32,
): void {
  const panelBytes = (<usize>kc) << 5;
  for (let jr = 0; jr < nc; jr += NR) {
    const b = packedB + (<usize>(jr >> 2)) * panelBytes;
    let rowEnd = mc;
    if (upperOnly) rowEnd = min(mc, jr + NR - rowShift);
    for (let ir = 0; ir < rowEnd; ir += MR) {
      const a = packedA + (<usize>(ir >> 2)) * panelBytes;
      microKernel(kc, a, b, tile + (((<usize>ir) * (<usize>ldt) + (<usize>jr)) << 3), ldt);
    }
  }
}
