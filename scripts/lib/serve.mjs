// Starting JupyterLab for `npm start`, in the course repository (scripts/start.mjs) and in a
// students' kit (scripts/kit/start.mjs): print the URLs to open, pass Ctrl-C on, exit with it.
// Any option after `--` replaces the default for the same setting (lab-options.mjs).
import { spawn } from "node:child_process";
import { info, totalElapsed } from "./log.mjs";
import { labArguments, valueOf } from "./lab-options.mjs";
import { advertisedUrls, loggedUrl } from "./server-url.mjs";

function defaults(rootDir) {
  return [
    "--ip=127.0.0.1",
    `--ServerApp.root_dir=${rootDir}`,
    // The course runs offline: the server never asks the internet for news or updates (the
    // extension's settings override keeps the browser side from asking the student, too).
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.news_url=",
  ];
}

function announce(urls) {
  info(`JupyterLab is serving the course (set-up and start took ${totalElapsed()}):`);
  const width = Math.max(...urls.map(({ url }) => url.length));
  const lines = urls.map(({ url, note }) => `    ${url.padEnd(width)}${note ? `   ${note}` : ""}`);
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}

/**
 * Serve `rootDir` in JupyterLab, started in the project folder `cwd` with the environment `env`
 * (steps.mjs `pythonEnvironment`); `userArgs` (the command line after `--`) replace the
 * defaults they name, `extraEnv` is added to the server's environment. Exits this process with
 * the server.
 */
export function serveJupyterLab(env, { rootDir, cwd, userArgs, extraEnv = {} }) {
  const args = ["lab", ...labArguments(defaults(rootDir), userArgs)];
  info(`starting JupyterLab: jupyter ${args.join(" ")}`);
  const server = spawn(env.jupyter, args, {
    cwd,
    env: { ...process.env, ...extraEnv },
    stdio: ["inherit", "inherit", "pipe"],
  });
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
