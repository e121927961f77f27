import { BLOCK_COLS, BLOCK_DEPTH, BLOCK_ROWS, type GemmBackend } from "./backend";
import { packPanels4 } from "./pack";

/**
 * tile[0:4, 0:4] = Σ_p a[p][0:4]ᵀ · b[p][0:4] for one pair of packed micro-panels (overwrites).
 * Sixteen scalar accumulators in locals: V8 keeps most of them in registers.
 */
function microKernel(
  kc: number,
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  tile: Float64Array,
  tileStart: number,
  ldt: number,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  let ai = aStart;
  let bi = bStart;
  for (let p = 0; p < kc; p++, ai += 4, bi += 4) {
    const a0 = a[ai];
    const a1 = a[ai + 1];
    const a2 = a[ai + 2];
    const a3 = a[ai + 3];
    let bj = b[bi];
    c00 += a0 * bj;
    c10 += a1 * bj;
    c20 += a2 * bj;
    c30 += a3 * bj;
    bj = b[bi + 1];
    c01 += a0 * bj;
    c11 += a1 * bj;
    c21 += a2 * bj;
    c31 += a3 * bj;
    bj = b[bi + 2];
    c02 += a0 * bj;
    c12 += a1 * bj;
    c22 += a2 * bj;
    c32 += a3 * bj;
    bj = b[bi + 3];
    c03 += a0 * bj;
    c13 += a1 * bj;
    c23 += a2 * bj;
    c33 += a3 * bj;
  }
  let t = tileStart;
  tile[t] = c00;
  tile[t + 1] = c01;
  tile[t + 2] = c02;
  tile[t + 3] = c03;
  t += ldt;
  tile[t] = c10;
  tile[t + 1] = c11;
  tile[t + 2] = c12;
  tile[t + 3] = c13;
  t += ldt;
  tile[t] = c20;
  tile[t + 1] = c21;
  tile[t + 2] = c22;
  tile[t + 3] = c23;
  t += ldt;
  tile[t] = c30;
  tile[t + 1] = c31;
  tile[t + 2] = c32;
  tile[t + 3] = c33;
}

/**
 * The pure-JS backend: 4 × 4 micro-tiles of scalar locals, A and B both packed in 4-wide
 * panels. Always available; a fraction of the WebAssembly backend's speed.
 */
export function createJsBackend(): GemmBackend {
  const packedA = new Float64Array(BLOCK_ROWS * BLOCK_DEPTH);
  const packedB = new Float64Array(BLOCK_DEPTH * BLOCK_COLS);
  const tile = new Float64Array(BLOCK_ROWS * BLOCK_COLS);
  return {
    name: "js",
    tile,
    packA(src, offset, rowStride, colStride, rows, depth) {
      packPanels4(src, offset, rowStride, colStride, rows, depth, packedA);
    },
    packB(src, offset, rowStride, colStride, depth, cols) {
      packPanels4(src, offset, colStride, rowStride, cols, depth, packedB);
    },
    macro(mc, nc, kc, rowShift, upperOnly, aFromB) {
      const panel = kc * 4;
      const a = aFromB ? packedB : packedA;
      const aStart = aFromB ? (rowShift / 4) * panel : 0;
      for (let jr = 0; jr < nc; jr += 4) {
        const rowEnd = upperOnly ? Math.min(mc, jr + 4 - rowShift) : mc;
        for (let ir = 0; ir < rowEnd; ir += 4) {
          const aPanel = aStart + (ir / 4) * panel;
          const bPanel = (jr / 4) * panel;
          microKernel(kc, a, aPanel, packedB, bPanel, tile, ir * BLOCK_COLS + jr, BLOCK_COLS);
        }
      }
    },
  };
}
