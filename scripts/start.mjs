#!/usr/bin/env node
// `npm start [-- <jupyter lab options>]`: set everything up, then serve the course notebooks.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, setup } from "./lib/setup.mjs";
import { info, totalElapsed } from "./lib/log.mjs";

// Jupyter logs the URL first with its token masked ("token=..."), then in full.
const URL_PATTERN = /http:\/\/(?:127\.0\.0\.1|localhost):\d+\/lab(?:\?token=(?!\.\.\.)\S+)?(?=\s)/;

async function main() {
  const env = await setup();
  const args = [
    "lab",
    "--ip=127.0.0.1",
    `--ServerApp.root_dir=${join(ROOT, "notebooks")}`,
    // The course runs offline: never ask the internet for JupyterLab news or updates.
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.news_url=",
    // Later options win, so the user's own arguments override the defaults above.
    ...process.argv.slice(2),
  ];
  info(`starting JupyterLab: jupyter ${args.join(" ")}`);
  const server = spawn(env.jupyter, args, { cwd: ROOT, stdio: ["inherit", "inherit", "pipe"] });
  let announced = false;
  server.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    const match = !announced && URL_PATTERN.exec(String(chunk));
    if (match) {
      announced = true;
      info(`JupyterLab is serving the course (set-up and start took ${totalElapsed()}):`);
      process.stdout.write(`\n    ${match[0]}\n\n`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  info(`could not start: ${error.message}`);
  process.exit(1);
});
