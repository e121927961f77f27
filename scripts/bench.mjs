// `npm run bench`: builds dist/ (`npm run build`), then runs the TypeScript harness bench/run.ts
// under tsx, passing every argument on (e.g. `npm run bench -- --filter matmul --repeat 7 --json`).
import { spawnSync } from "node:child_process";
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
const { status, error } = spawnSync(
  process.execPath,
  ["--import", "tsx", join(ROOT, "bench/run.ts"), ...process.argv.slice(2)],
  { cwd: ROOT, stdio: "inherit" },
);
if (error) throw error;
process.exit(status ?? 1);
