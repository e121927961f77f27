import type { GemmBackend } from "./backend";
import { createJsBackend } from "./backend-js";
import { createWasmBackend } from "./backend-wasm";

/** The GEMM macro-kernels, fastest first. */
export const GEMM_BACKENDS = ["wasm-relaxed-simd", "wasm-simd", "js"] as const;

/** Name of one GEMM macro-kernel implementation. */
export type GemmBackendName = (typeof GEMM_BACKENDS)[number];

const created = new Map<GemmBackendName, GemmBackend | null>();
let chosen: GemmBackend | undefined;

/**
 * The backend called `name`, created on first use (its buffers live as long as the process),
 * or null when this runtime cannot run it (the "js" backend always runs).
 */
export function gemmBackend(name: GemmBackendName): GemmBackend | null {
  let backend = created.get(name);
  if (backend === undefined) {
    backend = name === "js" ? createJsBackend() : createWasmBackend(name);
    created.set(name, backend);
  }
  return backend;
}

/**
 * The backend `gemm` uses: the fastest this runtime supports, unless the environment variable
 * GRADBOOK_GEMM names one ("js", "wasm-simd", "wasm-relaxed-simd"; the benchmark compares them).
 */
export function defaultGemmBackend(): GemmBackend {
  if (chosen === undefined) {
    const requested = process.env.GRADBOOK_GEMM;
    if (requested !== undefined && requested !== "") {
      if (!(GEMM_BACKENDS as readonly string[]).includes(requested)) {
        throw new Error(
          `GRADBOOK_GEMM=${requested} is not a GEMM backend: use one of ${GEMM_BACKENDS.join(", ")}`,
        );
      }
      const backend = gemmBackend(requested as GemmBackendName);
      if (backend === null) {
        throw new Error(`GRADBOOK_GEMM=${requested}: this runtime cannot run that backend`);
      }
      chosen = backend;
    } else {
      chosen = fastestBackend();
    }
  }
  return chosen;
}

function fastestBackend(): GemmBackend {
  for (const name of GEMM_BACKENDS) {
    const backend = gemmBackend(name);
    if (backend !== null) return backend;
  }
  throw new Error("unreachable: the js GEMM backend always runs");
}
