import { setFlagsFromString } from "v8";
import {
  BLOCK_COLS,
  BLOCK_DEPTH,
  BLOCK_ROWS,
  THIN_NARROW_DOUBLES,
  THIN_WHOLE_DOUBLES,
  THIN_WIDE_DOUBLES,
  type GemmBackend,
} from "./backend";
import { packPanels4 } from "./pack";
import { KERNEL_RELAXED_SIMD_BASE64, KERNEL_SIMD_BASE64 } from "./wasm/kernel-binary.generated";

/** Which compilation of kernel.as to load. */
export type WasmVariant = "wasm-relaxed-simd" | "wasm-simd";

// lib "ES2022" and @types/node declare no WebAssembly namespace: type the part used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmKernelExports {
  readonly memory: WasmMemory;
  macroKernel(
    mc: number,
    nc: number,
    kc: number,
    packedA: number,
    packedB: number,
    tile: number,
    ldt: number,
    rowShift: number,
    upperOnly: number,
  ): void;
  accumulateThinTransposed(
    rows: number,
    mpad: number,
    npad: number,
    x: number,
    g: number,
    ct: number,
  ): void;
  multiplyThinRight(
    rows: number,
    depth: number,
    npad: number,
    a: number,
    lda: number,
    w: number,
    c: number,
  ): void;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const PAGE_BYTES = 65536;
// The module keeps nothing in its own memory (stub runtime, no data), so the buffers start at
// the first page boundary after address 0, which stays unused.
const BASE = PAGE_BYTES;

/**
 * Node 20's V8 (11.3) implements relaxed SIMD behind a flag that later versions turn on by
 * default. The flag only widens what WebAssembly.validate accepts, so enabling it is safe; it is
 * checked when a module is compiled, which is why setting it at run time works.
 */
function allowRelaxedSimd(wasm: WasmApi, bytes: Uint8Array): boolean {
  if (wasm.validate(bytes)) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return wasm.validate(bytes);
}

/**
 * Instantiates the WebAssembly macro-kernel (f64x2 SIMD, 4 × 4 micro-tiles, see
 * wasm/kernel.as) with its packing buffers and tile in the module's memory, or returns null
 * when this runtime cannot run that variant (no WebAssembly, no SIMD, no relaxed SIMD).
 */
export function createWasmBackend(variant: WasmVariant): GemmBackend | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  const base64 = variant === "wasm-simd" ? KERNEL_SIMD_BASE64 : KERNEL_RELAXED_SIMD_BASE64;
  const bytes = new Uint8Array(Buffer.from(base64, "base64"));
  const valid = variant === "wasm-simd" ? wasm.validate(bytes) : allowRelaxedSimd(wasm, bytes);
  if (!valid) return null;
  const kernel = new wasm.Instance(new wasm.Module(bytes), {}).exports as WasmKernelExports;

  const aLength = BLOCK_ROWS * BLOCK_DEPTH;
  const bLength = BLOCK_DEPTH * BLOCK_COLS;
  const tileLength = BLOCK_ROWS * BLOCK_COLS;
  const aAddress = BASE;
  const bAddress = aAddress + aLength * 8;
  const tileAddress = bAddress + bLength * 8;
  const wideAddress = tileAddress + tileLength * 8;
  const narrowAddress = wideAddress + THIN_WIDE_DOUBLES * 8;
  const wholeAddress = narrowAddress + THIN_NARROW_DOUBLES * 8;
  const end = wholeAddress + THIN_WHOLE_DOUBLES * 8;
  const missing = Math.ceil(end / PAGE_BYTES) - kernel.memory.buffer.byteLength / PAGE_BYTES;
  if (missing > 0) kernel.memory.grow(missing);
  const buffer = kernel.memory.buffer;
  const packedA = new Float64Array(buffer, aAddress, aLength);
  const packedB = new Float64Array(buffer, bAddress, bLength);
  const macroKernel = kernel.macroKernel;
  const accumulateThinTransposed = kernel.accumulateThinTransposed;
  const multiplyThinRight = kernel.multiplyThinRight;
  return {
    name: variant,
    thin: {
      wide: new Float64Array(buffer, wideAddress, THIN_WIDE_DOUBLES),
      narrow: new Float64Array(buffer, narrowAddress, THIN_NARROW_DOUBLES),
      whole: new Float64Array(buffer, wholeAddress, THIN_WHOLE_DOUBLES),
      accumulateTransposed(rows, mpad, npad) {
        accumulateThinTransposed(rows, mpad, npad, wideAddress, narrowAddress, wholeAddress);
      },
      multiplyRight(rows, depth, npad) {
        multiplyThinRight(rows, depth, npad, wideAddress, depth, wholeAddress, narrowAddress);
      },
    },
    tile: new Float64Array(buffer, tileAddress, tileLength),
    packA(src, offset, rowStride, colStride, rows, depth) {
      packPanels4(src, offset, rowStride, colStride, rows, depth, packedA);
    },
    packB(src, offset, rowStride, colStride, depth, cols) {
      packPanels4(src, offset, colStride, rowStride, cols, depth, packedB);
    },
    macro(mc, nc, kc, rowShift, upperOnly, aFromB) {
      // Panels are kc × 4 doubles: A's rows from rowShift on start at B's panel rowShift / 4.
      const a = aFromB ? bAddress + rowShift * kc * 8 : aAddress;
      macroKernel(mc, nc, kc, a, bAddress, tileAddress, BLOCK_COLS, rowShift, upperOnly ? 1 : 0);
    },
  };
}
