// `npm run bench`: runs the TypeScript harness bench/run.ts under tsx, passing every argument on
// (e.g. `npm run bench -- --filter matmul --repeat 7 --json`).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { status, error } = spawnSync(
  process.execPath,
  ["--import", "tsx", join(root, "bench/run.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
if (error) throw error;
process.exit(status ?? 1);
