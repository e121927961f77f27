#!/usr/bin/env node
// `npm start [-- <jupyter lab options>]`: set everything up, then serve the course notebooks.
// Any option after `--` replaces the default for the same setting (lab-options.mjs).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./lib/root.mjs";
import { setup } from "./lib/setup.mjs";
import { info, totalElapsed } from "./lib/log.mjs";
import { labArguments, valueOf } from "./lib/lab-options.mjs";
import { advertisedUrls, loggedUrl } from "./lib/server-url.mjs";

const DEFAULTS = [
  "--ip=127.0.0.1",
  `--ServerApp.root_dir=${join(ROOT, "notebooks")}`,
  // The course runs offline: the server never asks the internet for news or updates (the
  // extension's settings override keeps the browser side from asking the student, too).
  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  "--LabApp.news_url=",
];

function announce(urls) {
  info(`JupyterLab is serving the course (set-up and start took ${totalElapsed()}):`);
  const width = Math.max(...urls.map(({ url }) => url.length));
  const lines = urls.map(({ url, note }) => `    ${url.padEnd(width)}${note ? `   ${note}` : ""}`);
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}

async function main() {
  const env = await setup();
  const userArgs = process.argv.slice(2);
  const args = ["lab", ...labArguments(DEFAULTS, userArgs)];
  info(`starting JupyterLab: jupyter ${args.join(" ")}`);
  const server = spawn(env.jupyter, args, { cwd: ROOT, stdio: ["inherit", "inherit", "pipe"] });
  const ip = valueOf(args, "ServerApp.ip");
  const givenToken =
    valueOf(userArgs, "IdentityProvider.token") ?? valueOf(userArgs, "ServerApp.token");
  let announced = false;
  let pending = "";
  server.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (announced) return;
    pending += String(chunk);
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    const logged = lines.map(loggedUrl).find((url) => url !== null);
    if (logged) {
      announced = true;
      announce(advertisedUrls(logged, ip, givenToken));
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  info(`could not start: ${error.message}`);
  process.exit(1);
});
