// A JupyterHub for deployment tests, from the copy of JupyterHub's source that the project's
// machines keep beside the checkout (`../shared/tools/jupyterhub`, found from the repository
// upwards): the package index they reach has no `jupyterhub`. Tests that use it skip without it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ARTIFACTS } from "./lab-page";
import { ROOT } from "./project-env";

/** The JupyterHub copy's folder, or null where there is none (a user's own clone). */
export function jupyterhubTools(): string | null {
  for (let dir = ROOT; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dirname(dir), "shared", "tools", "jupyterhub");
    if (existsSync(join(candidate, "setup.sh"))) return candidate;
  }
  return null;
}

/** A student of the hub: a name, a user id of their own and a home only they can read. */
export interface Student {
  name: string;
  uid: number;
  home: string;
}

export interface Hub {
  url: string;
  /** The hub's venv: JupyterLab 4, the single-user server, the extension and the kernel. */
  venv: string;
  students: Student[];
  /** The password every student logs in with (the dummy authenticator's one password). */
  password: string;
  stop(): Promise<void>;
}

/** Where the hub's venv lives between runs (setup.sh skips what is done). */
const HUB_DIR = join(ROOT, ".gradbook", "jupyterhub");

/** Builds the hub's venv: JupyterHub from the copy, then the course (tslab and the extension). */
export async function prepareHubEnv(tools: string): Promise<string> {
  execFileSync("bash", [join(tools, "setup.sh"), HUB_DIR], {
    stdio: "pipe",
    env: { ...process.env, PIP_RETRIES: "0" },
  });
  const venv = join(HUB_DIR, "venv");
  // The set-up installs the extension without build isolation (environment.yml lists hatchling).
  execFileSync(join(venv, "bin", "pip"), ["install", "-q", "hatchling>=1.5"], {
    stdio: "pipe",
    env: { ...process.env, PIP_RETRIES: "0" },
  });
  const { prepareCourseEnv } = await import("../../scripts/lib/course-env.mjs");
  await prepareCourseEnv({ prefix: venv, python: join(venv, "bin", "python") });
  return venv;
}

const CONFIG = `
import json, os
from jupyterhub.spawner import SimpleLocalProcessSpawner

settings = json.loads(os.environ["GRADBOOK_HUB"])

class CourseSpawner(SimpleLocalProcessSpawner):
    """Each student's server as a user id of their own, in their own home (no passwd entry)."""
    def make_preexec_fn(self, name):
        uid = settings["uids"][name]
        home = self.home_dir
        def preexec():
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.chdir(home)
        return preexec

c.JupyterHub.spawner_class = CourseSpawner
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = settings["password"]
c.Authenticator.allowed_users = set(settings["uids"])
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_port = settings["hubPort"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % settings["proxyPort"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(settings["dir"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(settings["dir"], "cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(settings["dir"], "proxy.pid")
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(settings["homes"], "{username}")
c.Spawner.cmd = [os.path.join(settings["venv"], "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
`;

/**
 * Starts a hub on free ports with two students whose homes hold `files` (relative paths →
 * source files). The homes' parent holds `node_modules/gradbook`, a link to this repository, so
 * a notebook anywhere in a home imports gradbook as Node and TypeScript resolve it: upwards.
 */
export async function startHub(
  venv: string,
  ports: number[],
  uidBase: number,
  files: Record<string, string>,
): Promise<Hub> {
  const dir = join(tmpdir(), `gradbook-hub-${ports[0]}`);
  rmSync(dir, { recursive: true, force: true });
  const homes = join(dir, "homes");
  mkdirSync(join(homes, "node_modules"), { recursive: true });
  chmodSync(dir, 0o755);
  symlinkSync(ROOT, join(homes, "node_modules", "gradbook"));
  const students = ["alice", "bob"].map((name, i) => ({
    name,
    uid: uidBase + i,
    home: join(homes, name),
  }));
  for (const student of students) {
    for (const [target, source] of Object.entries(files)) {
      mkdirSync(dirname(join(student.home, target)), { recursive: true });
      cpSync(source, join(student.home, target));
    }
    execFileSync("chown", ["-R", `${student.uid}:${student.uid}`, student.home]);
    chownSync(student.home, student.uid, student.uid);
    chmodSync(student.home, 0o700);
  }
  writeFileSync(join(dir, "jupyterhub_config.py"), CONFIG);
  const settings = {
    port: ports[0],
    hubPort: ports[1],
    proxyPort: ports[2],
    dir,
    homes,
    venv,
    password: randomBytes(8).toString("hex"),
    uids: Object.fromEntries(students.map((s) => [s.name, s.uid])),
  };
  let log = "";
  const hub: ChildProcess = spawn(
    join(venv, "bin", "jupyterhub"),
    ["-f", join(dir, "jupyterhub_config.py")],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${join(venv, "bin")}:${process.env.PATH ?? ""}`,
        GRADBOOK_HUB: JSON.stringify(settings),
      },
    },
  );
  // Kept for people to read when a test fails (CI keeps test-artifacts/).
  mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = join(ARTIFACTS, "jupyterhub.log");
  writeFileSync(logFile, "");
  const record = (chunk: Buffer) => {
    log += chunk;
    appendFileSync(logFile, chunk);
  };
  hub.stdout?.on("data", record);
  hub.stderr?.on("data", record);
  const url = `http://127.0.0.1:${ports[0]}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (hub.exitCode !== null) throw new Error(`jupyterhub exited (${hub.exitCode}):\n${log}`);
    const up = await fetch(`${url}/hub/api`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`jupyterhub did not answer within 90 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    venv,
    students,
    password: settings.password,
    stop: async () => {
      if (hub.exitCode === null && hub.pid !== undefined) {
        const exited = new Promise((resolve) => hub.once("exit", resolve));
        process.kill(-hub.pid, "SIGTERM");
        // The hub stops the students' servers as it shuts down (cleanup_servers).
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
