// AssemblyScript source of the WebAssembly GEMM kernels (f64x2 SIMD128): the blocked
// macro-kernel, and two kernels for products with a thin right operand (at the end).
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

// The thin transposed product, stored transposed:
//
//   ct[0:npad, 0:mpad] += Σ_r g[r, 0:npad]ᵀ ⊗ x[r, 0:mpad]    over r < rows,
//
// i.e. ct = (XᵀG)ᵀ accumulated over a chunk of rows, for XᵀG with G only a few columns wide
// (the softmax gradient: X [60000, 784], G [60000, 10]). x (row stride mpad) and g (row stride
// npad) are copied in by the driver as whole rows, which is a plain memcpy, instead of being
// packed element by element: with so few columns in G, packing X cost more than the arithmetic.
// mpad and npad are multiples of 4; ct has row stride mpad. Each 4 × 4 block of ct stays in
// 8 f64x2 accumulators across the rows; its strip of x (32 bytes a row) stays in L1 across the
// npad / 4 blocks that share it.
export function accumulateThinTransposed(
  rows: i32,
  mpad: i32,
  npad: i32,
  x: usize,
  g: usize,
  ct: usize,
): void {
  const xRow = (<usize>mpad) << 3;
  const gRow = (<usize>npad) << 3;
  for (let i0 = 0; i0 < mpad; i0 += 4) {
    for (let k0 = 0; k0 < npad; k0 += 4) {
      let c = ct + (<usize>k0) * xRow + ((<usize>i0) << 3);
      let c00 = v128.load(c);
      let c01 = v128.load(c, 16);
      let c10 = v128.load(c + xRow);
      let c11 = v128.load(c + xRow, 16);
      let c20 = v128.load(c + 2 * xRow);
      let c21 = v128.load(c + 2 * xRow, 16);
      let c30 = v128.load(c + 3 * xRow);
      let c31 = v128.load(c + 3 * xRow, 16);
      let xp = x + ((<usize>i0) << 3);
      let gp = g + ((<usize>k0) << 3);
      for (let r = 0; r < rows; r++) {
        const x0 = v128.load(xp);
        const x1 = v128.load(xp, 16);
        let s = v128.load64_splat(gp);
        c00 = fma(c00, s, x0);
        c01 = fma(c01, s, x1);
        s = v128.load64_splat(gp, 8);
        c10 = fma(c10, s, x0);
        c11 = fma(c11, s, x1);
        s = v128.load64_splat(gp, 16);
        c20 = fma(c20, s, x0);
        c21 = fma(c21, s, x1);
        s = v128.load64_splat(gp, 24);
        c30 = fma(c30, s, x0);
        c31 = fma(c31, s, x1);
        xp += xRow;
        gp += gRow;
      }
      v128.store(c, c00);
      v128.store(c, c01, 16);
      c += xRow;
      v128.store(c, c10);
      v128.store(c, c11, 16);
      c += xRow;
      v128.store(c, c20);
      v128.store(c, c21, 16);
      c += xRow;
      v128.store(c, c30);
      v128.store(c, c31, 16);
    }
  }
}

// The thin right product: c[0:rows, 0:npad] = a[0:rows, 0:depth] · w[0:depth, 0:npad], for A·W
// with W only a few columns wide (a linear model's forward pass: X_B [128, 784] · W [784, 10]).
// a is row-major with row stride lda (rows a multiple of 4; the driver copies whole rows in),
// w row-major with row stride npad (a multiple of 4), c row-major with row stride npad. Each
// 4 × 4 block of c is summed in 8 f64x2 accumulators from four sequential row streams of a,
// so A is never packed.
export function multiplyThinRight(
  rows: i32,
  depth: i32,
  npad: i32,
  a: usize,
  lda: i32,
  w: usize,
  c: usize,
): void {
  const aRow = (<usize>lda) << 3;
  const wRow = (<usize>npad) << 3;
  for (let i0 = 0; i0 < rows; i0 += 4) {
    const a0 = a + (<usize>i0) * aRow;
    for (let j0 = 0; j0 < npad; j0 += 4) {
      let c00 = f64x2.splat(0.0);
      let c01 = f64x2.splat(0.0);
      let c10 = f64x2.splat(0.0);
      let c11 = f64x2.splat(0.0);
      let c20 = f64x2.splat(0.0);
      let c21 = f64x2.splat(0.0);
      let c30 = f64x2.splat(0.0);
      let c31 = f64x2.splat(0.0);
      let ap = a0;
      let wp = w + ((<usize>j0) << 3);
      for (let p = 0; p < depth; p++) {
        const w0 = v128.load(wp);
        const w1 = v128.load(wp, 16);
        let s = v128.load64_splat(ap);
        c00 = fma(c00, s, w0);
        c01 = fma(c01, s, w1);
        s = v128.load64_splat(ap + aRow);
        c10 = fma(c10, s, w0);
        c11 = fma(c11, s, w1);
        s = v128.load64_splat(ap + 2 * aRow);
        c20 = fma(c20, s, w0);
        c21 = fma(c21, s, w1);
        s = v128.load64_splat(ap + 3 * aRow);
        c30 = fma(c30, s, w0);
        c31 = fma(c31, s, w1);
        ap += 8;
        wp += wRow;
      }
      let cp = c + (<usize>i0) * wRow + ((<usize>j0) << 3);
      v128.store(cp, c00);
      v128.store(cp, c01, 16);
      cp += wRow;
      v128.store(cp, c10);
      v128.store(cp, c11, 16);
      cp += wRow;
      v128.store(cp, c20);
      v128.store(cp, c21, 16);
      cp += wRow;
      v128.store(cp, c30);
      v128.store(cp, c31, 16);
    }
  }
}
