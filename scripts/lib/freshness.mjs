import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const SKIPPED = new Set(["node_modules", ".git", ".venv", "lib", "dist", ".ipynb_checkpoints"]);

/**
 * A fingerprint of the files under `paths` (relative to `root`), skipping build output: every
 * file's path and modification time. Unlike the newest time alone it changes when a file is
 * moved, renamed or deleted (a move keeps the file's time), so a build follows a reorganized tree.
 */
export function treeFingerprint(root, paths) {
  const entries = [];
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (!SKIPPED.has(entry)) visit(join(path, entry));
    } else entries.push(`${relative(root, path)}\t${stats.mtimeMs}`);
  };
  for (const path of paths) visit(join(root, path));
  return createHash("sha256").update(entries.sort().join("\n")).digest("hex");
}

/**
 * A build is fresh when its stamp file records the same input fingerprint. The fingerprint is
 * the inputs' `treeFingerprint` plus anything else the caller says matters (a version, a path).
 */
export function isFresh(stampFile, fingerprint) {
  return existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
}

export function markFresh(stampFile, fingerprint) {
  writeFileSync(stampFile, fingerprint);
}
