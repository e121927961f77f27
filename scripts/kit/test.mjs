#!/usr/bin/env node
// `npm test [-- LESSON.ipynb ...]` in a students' kit: `gradbook check` on each lesson given, or
// on every lesson in lessons/, one after another; a line per lesson at the end. Needs only the
// npm packages (the checks start their own kernels, no JupyterLab).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT } from "../lib/root.mjs";
import { info } from "../lib/log.mjs";
import { installPackages } from "./setup.mjs";

const CLI = join(ROOT, "node_modules", "gradbook", "dist", "cli", "main.js");

function lessons() {
  return readdirSync(join(ROOT, "lessons"))
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join("lessons", name));
}

async function main() {
  await installPackages();
  const given = process.argv.slice(2);
  const files = given.length > 0 ? given : lessons();
  const results = files.map((file) => {
    const { status } = spawnSync(process.execPath, [CLI, "check", file], {
      cwd: ROOT,
      stdio: "inherit",
    });
    return { file, status };
  });
  const passing = results.filter((result) => result.status === 0).length;
  for (const { file, status } of results) {
    info(`${status === 0 ? "pass" : "FAIL"}  ${file}`);
  }
  info(`${passing} of ${results.length} lesson(s) pass every visible test`);
  process.exit(passing === results.length ? 0 : 1);
}

main().catch((error) => {
  info(`npm test could not run: ${error.message}`);
  process.exit(1);
});
