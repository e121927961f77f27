import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SKIPPED = new Set(["node_modules", ".git", ".venv", "lib", "dist", ".ipynb_checkpoints"]);

/** Newest modification time (ms) among the files under `paths`, skipping build output. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (!SKIPPED.has(entry)) visit(join(path, entry));
    } else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const path of paths) visit(path);
  return newest;
}

/**
 * A build is fresh when its stamp file records the same input fingerprint. The fingerprint is
 * the newest input mtime plus anything else the caller says matters (a version, a path).
 */
export function isFresh(stampFile, fingerprint) {
  return existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
}

export function markFresh(stampFile, fingerprint) {
  writeFileSync(stampFile, fingerprint);
}
