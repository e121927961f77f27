#!/usr/bin/env node
// `npm test`: the same set-up as `npm start` (no server), then every check in order of cost:
// type-check, lint, unit tests, notebook tests (tslab kernels), the red team (hostile notebooks
// graded by the real CLI), browser tests (JupyterLab in Chromium). Every suite runs even when an
// earlier one fails, and the summary names the failures.
// With GRADBOOK_TEST_LOAD=1 the notebook, red-team and browser suites run beside a busy process per core
// (scripts/lib/load.mjs), as on a CI machine that another job shares.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/root.mjs";
import { setup } from "./lib/setup.mjs";
import { LOAD_VARIABLE, loadRequested, startLoad } from "./lib/load.mjs";
import { elapsed, info, step, totalElapsed } from "./lib/log.mjs";
import { npmRun } from "./lib/run.mjs";

// Each suite is package.json's `test:<suite>`.
const VITEST_SUITES = ["unit", "notebooks", "redteam", "browser"];
// The suites that drive kernels and a browser, whose waits the load mode puts to the test.
const LOADED_SUITES = new Set(["notebooks", "redteam", "browser"]);

function vitestCounts(reportFile) {
  try {
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    // A file that fails before any test runs (a syntax error, a failing import) has no test
    // results of its own: count it once. numFailedTestSuites would also count every describe
    // block around a failed test, inflating the total.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
    ).length;
    return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

function describeLoad({ processes, wallSeconds, cpuSeconds, churnedGiB }) {
  const share = Math.round((100 * cpuSeconds) / (wallSeconds * processes));
  return (
    `${processes} busy processes beside the suites for ${Math.round(wallSeconds)} s got ` +
    `${Math.round(cpuSeconds)} s of CPU (${share}% of their cores) and churned ` +
    `${Math.round(churnedGiB)} GiB of memory`
  );
}

async function main() {
  const withLoad = loadRequested();
  await setup();
  const failures = [];
  const totals = { passed: 0, failed: 0 };
  const attempt = async (title, work) => {
    try {
      await step(title, work);
    } catch (error) {
      failures.push(`${title}: ${error.message}`);
    }
  };

  await attempt("type-check", () => npmRun("typecheck", [], { cwd: ROOT }));
  await attempt("lint", () => npmRun("lint", [], { cwd: ROOT }));

  const durations = [];
  let load = null;
  for (const suite of VITEST_SUITES) {
    if (withLoad && load === null && LOADED_SUITES.has(suite)) {
      load = startLoad();
      info(`${LOAD_VARIABLE}=1: load started beside the ${[...LOADED_SUITES].join(" and ")} tests`);
    }
    const report = join(ROOT, ".gradbook", `vitest-${suite}.json`);
    rmSync(report, { force: true });
    const since = Date.now();
    await attempt(`${suite} tests`, () =>
      npmRun(
        `test:${suite}`,
        ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
        { cwd: ROOT },
      ),
    );
    const counts = vitestCounts(report);
    durations.push(`${suite} ${elapsed(since)} (${counts.passed} passed, ${counts.failed} failed)`);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  if (load !== null) info(`load: ${describeLoad(await load.stop())}`);

  info(`suites: ${durations.join("; ")}${withLoad ? ", under load" : ""}`);
  info(`all checks finished in ${totalElapsed()}`);
  for (const failure of failures) info(`FAILED ${failure}`);
  // The plain closing line CI reads, summed over the three vitest suites.
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error) => {
  info(`npm test could not run: ${error.message}`);
  process.exit(1);
});
