// `npm run bench`: builds dist/ (`npm run build`), then runs the TypeScript harness bench/run.ts
// under tsx, passing every argument on (e.g. `npm run bench -- --filter matmul --repeat 7 --json`).
// The harness is the benchmark's plain Node: it runs with the malloc settings the project gives
// every Node process that computes with tensors (src/kernel/malloc-tunables.ts), unless
// GLIBC_TUNABLES is set already (`GLIBC_TUNABLES= npm run bench` times Node without them).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./lib/root.mjs";
import { npmRun } from "./lib/run.mjs";

// The benchmark times the compiled library (bench/compiled-library.ts): compile it first.
try {
  await npmRun("build", [], { cwd: ROOT });
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { withMallocTunables } = createRequire(import.meta.url)(
  join(ROOT, "dist", "kernel", "malloc-tunables.js"),
);
const env =
  process.env.GLIBC_TUNABLES === undefined ? withMallocTunables(process.env) : process.env;
const { status, error } = spawnSync(
  process.execPath,
  ["--import", "tsx", join(ROOT, "bench/run.ts"), ...process.argv.slice(2)],
  { cwd: ROOT, stdio: "inherit", env },
);
if (error) throw error;
process.exit(status ?? 1);
