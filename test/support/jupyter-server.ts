import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { SERVER_START_MS } from "./patience";
import { ROOT, projectEnv } from "./project-env";

export interface JupyterServer {
  url: string;
  token: string;
  /** The folder the server serves: a scratch copy inside the npm project (tslab needs that). */
  rootDir: string;
  /** A URL of JupyterLab's UI for `path` (relative to rootDir), token included. */
  labUrl(path?: string): string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`jupyter lab exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `jupyter lab did not answer at ${url} within ${SERVER_START_MS / 1000} s:\n${log()}`,
  );
}

/**
 * JupyterLab settings by plugin id, as a user would set them in the Settings Editor, e.g.
 * `{ "@jupyterlab/notebook-extension:tracker": { windowingMode: "full" } }`.
 */
export type LabSettings = Record<string, Record<string, unknown>>;

/** Writes `settings` where JupyterLab reads a user's settings (`<package>/<plugin>.jupyterlab-settings`). */
function writeSettings(settingsDir: string, settings: LabSettings): void {
  for (const [plugin, values] of Object.entries(settings)) {
    const [packageName, pluginName] = plugin.split(":");
    mkdirSync(join(settingsDir, packageName), { recursive: true });
    writeFileSync(
      join(settingsDir, packageName, `${pluginName}.jupyterlab-settings`),
      JSON.stringify(values),
    );
  }
}

/**
 * Starts the project's JupyterLab on a free loopback port with a random token, serving a scratch
 * copy of `notebooks` (files or folders relative to the repository) so tests never edit the course.
 * It reads only its own settings folder (the user's never leak in): JupyterLab's defaults, the
 * extension's (the news prompt off), and `settings` over them.
 */
export async function startJupyter(
  copy: string[] = ["notebooks"],
  settings: LabSettings = {},
): Promise<JupyterServer> {
  const env = projectEnv();
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const rootDir = join(ROOT, "test", `.tmp-browser-${port}`);
  mkdirSync(rootDir, { recursive: true });
  for (const entry of copy) cpSync(join(ROOT, entry), rootDir, { recursive: true });
  // A private settings folder: the user's own settings never leak in. The news prompt (which
  // would cover outputs in screenshots) stays off through the extension's settings defaults,
  // as in the course's JupyterLab (labextension/jupyter-settings); `settings` go over them.
  const settingsDir = join(rootDir, ".lab-settings");
  mkdirSync(settingsDir, { recursive: true });
  writeSettings(settingsDir, settings);
  let output = "";
  const child = spawn(
    env.jupyter,
    [
      "lab",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--IdentityProvider.token=${token}`,
      "--allow-root",
      `--ServerApp.root_dir=${rootDir}`,
      `--LabApp.user_settings_dir=${settingsDir}`,
      `--LabApp.workspaces_dir=${join(rootDir, ".lab-workspaces")}`,
      "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
      "--LabApp.news_url=",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${url}/api/status?token=${token}`, child, () => output);
  return {
    url,
    token,
    rootDir,
    labUrl: (path = "") => `${url}/lab/tree/${path}?token=${token}`,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid, "SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      }
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
}
