// Issue 12's kit, end to end: `gradbook kit` on the course's sources writes a folder that, after
// its own set-up (npm from the packed tarball and npm's cache; the Python environment of this
// checkout through GRADBOOK_PYTHON_PREFIX, as a student's would be made from environment.yml),
// checks lessons, runs notebooks, serves JupyterLab with its own tslab kernel and extension, and
// holds no line of a solution or hidden test anywhere, node_modules included.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentVersion } from "../../src/grader/authoring/assign";
import { validateAssignment } from "../../src/grader/authoring/markup";
import { secretLines } from "../../src/grader/authoring/secret-lines";
import { scanFolder } from "../../src/grader/kit/scan";
import { readNotebook, writeNotebook } from "../../src/notebook";
import { runGradbook } from "../support/gradbook-cli";
import { freePort } from "../support/jupyter-server";
import { withCell, referenceCode } from "../support/lesson-variants";
import { ROOT, projectEnv } from "../support/project-env";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-kit-"));
const KIT = path.join(WORK, "course");
const SOURCES = path.join(ROOT, "notebooks", "source");

interface Run {
  status: number;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: KIT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

const kitGradbook = (...args: string[]): Promise<Run> =>
  run(process.execPath, [
    path.join(KIT, "node_modules", "gradbook", "dist", "cli", "main.js"),
    ...args,
  ]);

let setupSeconds = 0;

beforeAll(async () => {
  fs.chmodSync(WORK, 0o755);
  const built = await runGradbook(["kit", "--out", KIT]);
  expect(built.status, built.stderr).toBe(0);
  const started = performance.now();
  const setup = await run(process.execPath, ["scripts/kit/setup.mjs"], {
    GRADBOOK_PYTHON_PREFIX: projectEnv().prefix,
  });
  setupSeconds = (performance.now() - started) / 1000;
  expect(setup.status, setup.output).toBe(0);
}, 600_000);

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe("a students' kit", () => {
  it("holds the released lessons, the welcome and tools notebooks, and packed gradbook", async () => {
    const lessons = fs.readdirSync(path.join(KIT, "lessons")).sort();
    expect(lessons).toEqual(
      fs
        .readdirSync(SOURCES)
        .filter((name) => name.endsWith(".ipynb"))
        .sort(),
    );
    expect(fs.existsSync(path.join(KIT, "00-welcome.ipynb"))).toBe(true);
    expect(fs.readdirSync(path.join(KIT, "tools"))).toContain("checks-and-shapes.ipynb");
    const manifest = JSON.parse(fs.readFileSync(path.join(KIT, "package.json"), "utf8"));
    expect(manifest.dependencies.gradbook).toMatch(/^file:vendor\/gradbook-[\d.]+\.tgz$/);
    expect(JSON.stringify(manifest)).not.toContain(ROOT);
    const tarball = path.join(KIT, manifest.dependencies.gradbook.slice("file:".length));
    const listing = await run("tar", ["-tzf", tarball]);
    const outside = listing.output
      .split("\n")
      .filter((entry) => entry !== "")
      .filter(
        (entry) =>
          !/^package\/(dist\/|internal\/package\.json$|protocol\/package\.json$|package\.json$|README\.md$)/.test(
            entry,
          ),
      );
    expect(outside).toEqual([]);
    console.info(`kit set-up took ${setupSeconds.toFixed(1)} s`);
  });

  it("checks a lesson's visible tests: npm test and gradbook check", async () => {
    const lesson = "lessons/01-normal-equation.ipynb";
    const viaNpm = await run("npm", ["test", "--", lesson]);
    expect(viaNpm.status).toBe(1);
    expect(viaNpm.output).toContain("0 of 4 visible tests pass: 0 of 6 points");
    expect(viaNpm.output).toContain("0 of 1 lesson(s) pass every visible test");
    // A student's work (kept outside the kit, whose scan must not see a solution line).
    const source = readNotebook(path.join(SOURCES, "01-normal-equation.ipynb"));
    const solved = path.join(WORK, "solved.ipynb");
    writeNotebook(
      solved,
      withCell(readNotebook(path.join(KIT, lesson)), "predict", referenceCode(source, "predict")),
    );
    const checked = await kitGradbook("check", solved);
    expect(checked.output).toContain("1 of 4 visible tests pass: 1 of 6 points");
  });

  it("runs its welcome notebook in its own tslab kernel", async () => {
    const ran = await kitGradbook(
      "run",
      "00-welcome.ipynb",
      "--out",
      path.join(WORK, "welcome.out.ipynb"),
    );
    expect(ran.status, ran.output).toBe(0);
  });

  it("serves JupyterLab with the kit's tslab kernel and the extension", async () => {
    const port = await freePort();
    const server: ChildProcess = spawn(
      "npm",
      [
        "start",
        "--",
        "--no-browser",
        `--port=${port}`,
        "--IdentityProvider.token=kit",
        "--allow-root",
      ],
      {
        cwd: KIT,
        env: { ...process.env, GRADBOOK_PYTHON_PREFIX: projectEnv().prefix },
        detached: true,
        stdio: "ignore",
      },
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      let specs: { kernelspecs: Record<string, { spec: { argv: string[] } }> } | undefined;
      for (let attempt = 0; attempt < 240 && specs === undefined; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        specs = await fetch(`${base}/api/kernelspecs?token=kit`).then(
          (r) => (r.ok ? r.json() : undefined),
          () => undefined,
        );
      }
      expect(specs?.kernelspecs.tslab.spec.argv[0]).toBe(
        path.join(KIT, "node_modules", ".bin", "tslab"),
      );
      const extensions = (await (await fetch(`${base}/lab/api/extensions?token=kit`)).json()) as {
        name: string;
      }[];
      expect(extensions.map((extension) => extension.name)).toContain("gradbook-labextension");
    } finally {
      process.kill(-(server.pid ?? 0), "SIGTERM");
    }
  });

  it("holds no line of any solution or hidden test, node_modules included", () => {
    const secrets = fs
      .readdirSync(SOURCES)
      .filter((name) => name.endsWith(".ipynb"))
      .flatMap((name) => {
        const assignment = validateAssignment(readNotebook(path.join(SOURCES, name)), name);
        return secretLines(assignment.notebook, studentVersion(assignment).notebook);
      });
    expect(secrets.length).toBeGreaterThan(200);
    const report = scanFolder(KIT, secrets);
    expect(report.files).toBeGreaterThan(1000);
    expect(report.found.map((found) => `${found.file}: ${found.line.text}`)).toEqual([]);
  });
});
