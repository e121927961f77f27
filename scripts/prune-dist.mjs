#!/usr/bin/env node
// Part of `npm run build`: removes what tsc once wrote into dist/ for a source file that no
// longer exists. tsc never deletes outputs, and a stale file can shadow a moved module: after
// src/tensor/matmul.ts became src/tensor/matmul/index.ts, Node kept resolving "./matmul" to the
// old dist/tensor/matmul.js, whose exports lacked matmulInto. Outputs of existing sources are
// left in place (dist/cli/main.js keeps the executable bit npm gave it).
import { existsSync, readdirSync, rmSync, rmdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./lib/root.mjs";

const DIST = join(ROOT, "dist");
const SRC = join(ROOT, "src");
const OUTPUT = /(\.d\.ts\.map|\.d\.ts|\.js\.map|\.js)$/;

function sourceOf(output) {
  return join(SRC, relative(DIST, output).replace(OUTPUT, ".ts"));
}

// Returns true when `dir` is empty afterwards (it is then removed, unless it is dist/ itself).
function prune(dir) {
  let kept = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!prune(path)) kept++;
    } else if (OUTPUT.test(entry.name) && !existsSync(sourceOf(path))) {
      rmSync(path);
    } else {
      kept++;
    }
  }
  if (kept === 0 && dir !== DIST) rmdirSync(dir);
  return kept === 0;
}

if (existsSync(DIST)) prune(DIST);
