#!/usr/bin/env node
// `npm run with-load -- COMMAND ARGS…`: runs one command beside the test load that
// `GRADBOOK_TEST_LOAD=1 npm test` puts beside the notebook, red-team and browser suites, e.g.
// `npm run with-load -- npx vitest run --project browser test/browser/lessons.test.ts`,
// to see whether a new test holds on a busy machine before the whole suite runs.
import { spawn } from "node:child_process";
import { startLoad } from "./lib/load.mjs";
import { info } from "./lib/log.mjs";

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  info("with-load: missing the command to run, e.g. npm run with-load -- npx vitest run FILE");
  process.exit(2);
}

const load = startLoad();
const child = spawn(command, args, { stdio: "inherit" });
const finish = async (code) => {
  const { processes, wallSeconds, cpuSeconds } = await load.stop();
  info(
    `with-load: ${processes} busy processes for ${Math.round(wallSeconds)} s ` +
      `got ${Math.round(cpuSeconds)} s of CPU`,
  );
  process.exit(code);
};
child.on("error", (error) => {
  info(`with-load: could not start ${command}: ${error.message}`);
  void finish(2);
});
child.on("exit", (code, signal) => void finish(code ?? (signal ? 1 : 0)));
