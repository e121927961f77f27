#!/usr/bin/env node
// `npm test`: the same set-up as `npm start` (no server), then every check in order of cost:
// type-check, lint, unit tests, notebook tests (tslab kernels), browser tests (JupyterLab in
// Chromium). Every suite runs even when an earlier one fails, and the summary names the failures.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/root.mjs";
import { setup } from "./lib/setup.mjs";
import { info, step, totalElapsed } from "./lib/log.mjs";
import { npmRun } from "./lib/run.mjs";

// Each suite is package.json's `test:<suite>`.
const VITEST_SUITES = ["unit", "notebooks", "redteam", "browser"];

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

async function main() {
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

  for (const suite of VITEST_SUITES) {
    const report = join(ROOT, ".gradbook", `vitest-${suite}.json`);
    rmSync(report, { force: true });
    await attempt(`${suite} tests`, () =>
      npmRun(
        `test:${suite}`,
        ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
        { cwd: ROOT },
      ),
    );
    const counts = vitestCounts(report);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }

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
