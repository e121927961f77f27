// Starting JupyterLab for `npm start`, in the course repository (scripts/start.mjs) and in a
// students' kit (scripts/kit/start.mjs): print the URL to open, pass Ctrl-C on, exit with it.
import { spawn } from "node:child_process";
import { info, totalElapsed } from "./log.mjs";

// Jupyter logs the URL with its token masked ("?token=..."); it prints the full URL only for a
// token it generated itself. A token the user passed on the command line we fill in ourselves.
const URL_PATTERN = /http:\/\/(?:127\.0\.0\.1|localhost):\d+\/lab(?:\?token=\S+)?/g;
const TOKEN_OPTION = /^--(?:IdentityProvider|ServerApp|NotebookApp)\.token=(.*)$/;

/** The URL to print for a line of Jupyter's log, or null when the line has no usable URL. */
function serverUrl(line, givenToken) {
  for (const [url] of line.matchAll(URL_PATTERN)) {
    if (!url.endsWith("?token=...")) return url;
    if (givenToken !== undefined) {
      const base = url.slice(0, -"?token=...".length);
      return givenToken === "" ? base : `${base}?token=${encodeURIComponent(givenToken)}`;
    }
  }
  return null;
}

/**
 * Serve `rootDir` in JupyterLab, started in the project folder `cwd` with the environment `env`
 * (steps.mjs `pythonEnvironment`); `userArgs` (the command line after `--`) override the
 * defaults, `extraEnv` is added to the server's environment. Exits this process with the server.
 */
export function serveJupyterLab(env, { rootDir, cwd, userArgs, extraEnv = {} }) {
  const args = [
    "lab",
    "--ip=127.0.0.1",
    `--ServerApp.root_dir=${rootDir}`,
    // The course runs offline: never ask the internet for JupyterLab news or updates.
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.news_url=",
    // Later options win, so the user's own arguments override the defaults above.
    ...userArgs,
  ];
  info(`starting JupyterLab: jupyter ${args.join(" ")}`);
  const server = spawn(env.jupyter, args, {
    cwd,
    env: { ...process.env, ...extraEnv },
    stdio: ["inherit", "inherit", "pipe"],
  });
  const givenToken = userArgs
    .map((arg) => TOKEN_OPTION.exec(arg)?.[1])
    .findLast((token) => token !== undefined);
  let announced = false;
  server.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    const url = announced ? null : serverUrl(String(chunk), givenToken);
    if (url) {
      announced = true;
      info(`JupyterLab is serving the course (set-up and start took ${totalElapsed()}):`);
      process.stdout.write(`\n    ${url}\n\n`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
