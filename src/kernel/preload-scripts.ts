/**
 * Where the host finds what it preloads into kernels: gradbook's package root and, under its
 * dist/, the compiled scripts that preload/contract.ts names. A kernel loads compiled JavaScript
 * only, so tests that run the host from src/ still start kernels with dist/ (`npm run build`).
 */
import * as path from "node:path";
import { PRELOAD_SCRIPTS } from "../preload/contract";

/** A preload script's name in `PRELOAD_SCRIPTS`. */
export type PreloadScript = keyof typeof PRELOAD_SCRIPTS;

/** gradbook's root folder (package.json, dist/), from src/kernel (tests) and dist/kernel alike. */
export const PACKAGE_ROOT: string = path.resolve(__dirname, "..", "..");

/** The compiled preload `script` of the gradbook installed at `root` (default: this one). */
export function preloadScript(script: PreloadScript, root: string = PACKAGE_ROOT): string {
  return path.join(root, "dist", ...PRELOAD_SCRIPTS[script].split("/"));
}
