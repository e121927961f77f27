// `npm run bench`: builds dist/, then runs the TypeScript harness bench/run.ts under tsx, passing
// every argument on (e.g. `npm run bench -- --filter matmul --repeat 7 --json`).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// The benchmark times the compiled library (bench/compiled-library.ts): compile it first.
process.stderr.write("building dist/ (tsc -p tsconfig.build.json)\n");
const build = spawnSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")],
  { cwd: root, stdio: "inherit" },
);
if (build.error) throw build.error;
if (build.status !== 0) process.exit(build.status ?? 1);
const { status, error } = spawnSync(
  process.execPath,
  ["--import", "tsx", join(root, "bench/run.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
if (error) throw error;
process.exit(status ?? 1);
