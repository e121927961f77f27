// A course on JupyterHub (docs/deploy.md, "JupyterHub for a small class"): the hub with the
// dummy authenticator and local processes, each student's server as a user id of their own.
// Uses the JupyterHub copy kept beside the checkout (../shared/tools/jupyterhub) and skips
// without it: the package index has no jupyterhub.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { freePort } from "../support/jupyter-server";
import { jupyterhubTools, prepareHubEnv, startHub, type Hub } from "../support/jupyterhub";
import { screenshot } from "../support/lab-page";
import { runFromPalette } from "../support/lab-ui";
import { appendAndRunCell } from "../support/notebook-cells";
import { ROOT } from "../support/project-env";

const TOOLS = jupyterhubTools();
const LESSON = "course/lessons/00-welcome.ipynb";
const INSPECTOR = "#gradbook-shape-inspector";

/** Students' user ids: above the grader's kernel users (GRADBOOK_KERNEL_UID_BASE … +999). */
function studentUidBase(): number {
  return Number(process.env.GRADBOOK_KERNEL_UID_BASE ?? 64_000) + 1_000;
}

describe.skipIf(TOOLS === null || process.getuid?.() !== 0)("the course on JupyterHub", () => {
  let hub: Hub;
  let browser: Browser;

  beforeAll(async () => {
    const venv = await prepareHubEnv(TOOLS as string);
    const ports = [await freePort(), await freePort(), await freePort()];
    hub = await startHub(venv, ports, studentUidBase(), {
      [LESSON]: join(ROOT, "notebooks", "00-welcome.ipynb"),
    });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it("has the extension installed by pip in the hub's environment", () => {
    const listed = spawnSync(join(hub.venv, "bin", "jupyter"), ["labextension", "list"], {
      encoding: "utf8",
    });
    expect(listed.stdout + listed.stderr).toMatch(
      /gradbook-labextension v\S+ .*enabled.*OK.*\(python, gradbook-labextension\)/,
    );
  });

  /**
   * Whether a student can start the hub's Python at all: a venv made from a Python in a private
   * folder (pyenv under /root) cannot serve other users. Then the servers cannot start, and the
   * tests that log in say so instead of timing out.
   */
  function studentsCanRunPython(): boolean {
    const student = hub.students[0];
    const run = spawnSync(join(hub.venv, "bin", "python"), ["-c", ""], {
      uid: student.uid,
      gid: student.uid,
    });
    return run.status === 0;
  }

  async function openLesson(name: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${hub.url}/hub/login`);
    await page.locator("#username_input").fill(name);
    await page.locator("#password_input").fill(hub.password);
    await page.locator("#login_submit").click();
    await page.waitForURL(new RegExp(`/user/${name}/lab`), { timeout: 180_000 });
    await page.goto(`${hub.url}/user/${name}/lab/tree/${LESSON}`);
    await page.waitForSelector(".jp-NotebookPanel", { timeout: 120_000 });
    await page
      .locator(".jp-StatusBar-TextItem", { hasText: /^TypeScript \| Idle$/ })
      .first()
      .waitFor({ timeout: 120_000 });
    return page;
  }

  for (const name of ["alice", "bob"])
    it(`${name} logs in, runs a lesson from her own folder and sees the inspector`, async (context) => {
      if (!studentsCanRunPython()) {
        console.warn(
          `${hub.venv} was made from a Python that other users cannot run: make it from a ` +
            "system-wide python3 (rm -r the venv, put that python3 first on PATH, run the test again)",
        );
        context.skip();
      }
      const page = await openLesson(name);
      try {
        await appendAndRunCell(
          page,
          'import * as gb from "gradbook";\nconst mine = gb.zeros([2, 3]);\nprocess.getuid()',
        );
        await runFromPalette(page, "gradbook: Open Shape Inspector");
        await page
          .locator(`${INSPECTOR} [data-gradbook-var='mine'][data-gradbook-shape='2,3']`)
          .waitFor({ timeout: 60_000 });
        const student = hub.students.find((s) => s.name === name);
        const outputs = page.locator(".jp-OutputArea-output");
        await expect
          .poll(async () => (await outputs.allTextContents()).join("\n"), { timeout: 30_000 })
          .toContain(String(student?.uid));
        await screenshot(page, `jupyterhub-${name}`);
      } finally {
        await page.close();
      }
    });

  it("keeps each student's files from the others", () => {
    const [alice, bob] = hub.students;
    const peek = spawnSync("cat", [join(alice.home, LESSON)], { uid: bob.uid, gid: bob.uid });
    expect(peek.status).not.toBe(0);
    expect(String(peek.stderr)).toContain("Permission denied");
    const own = spawnSync("cat", [join(bob.home, LESSON)], { uid: bob.uid, gid: bob.uid });
    expect(own.status).toBe(0);
  });
});
