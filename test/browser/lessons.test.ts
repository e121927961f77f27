// Every lesson as a student meets it: opened in JupyterLab, run with "Run All Cells", every plot
// and widget rendered by the extension (screenshots in test-artifacts/lesson-*.png), no error.
// The student version of a lesson shows its locked cells read-only and stops at the first stub.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { screenshotElement } from "../support/lab-ui";
import { ROOT } from "../support/project-env";
import {
  collectPageErrors,
  failWithScreenshot,
  runAllCells,
  screenshot,
  waitForNotebook,
} from "../support/lab-page";

type Widget = "plot" | "tensor" | "gradcheck" | "shapes";

/** What each lesson's outputs hold once every cell has run (the widgets the lesson teaches with). */
const LESSONS: Record<string, Record<Widget, number>> = {
  "01-normal-equation": { plot: 1, tensor: 1, gradcheck: 1, shapes: 0 },
  "02-gradient-descent-l2": { plot: 3, tensor: 0, gradcheck: 1, shapes: 0 },
  "03-ridge-polynomial": { plot: 3, tensor: 0, gradcheck: 0, shapes: 0 },
  "04-geometry-of-l2": { plot: 3, tensor: 1, gradcheck: 0, shapes: 0 },
  "05-frobenius-gradient": { plot: 1, tensor: 1, gradcheck: 2, shapes: 0 },
  "06-logistic-sgd-iris": { plot: 5, tensor: 1, gradcheck: 0, shapes: 0 },
  "07-softmax-regression": { plot: 4, tensor: 2, gradcheck: 0, shapes: 3 },
  "08-vectorization-shapes": { plot: 1, tensor: 2, gradcheck: 0, shapes: 5 },
};

const OUTPUT = ".jp-OutputArea-output";
const RELEASE_01 = "release/01-normal-equation.ipynb";
// CodeMirror marks a read-only editor with aria-readonly (and a non-editable one without
// contenteditable).
const READ_ONLY_EDITOR = ".cm-content[aria-readonly='true'], .cm-content[contenteditable='false']";
const ERROR_OUTPUT = `${OUTPUT}[data-mime-type='application/vnd.jupyter.stderr']`;

describe("the course lessons in JupyterLab", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  // A workspace per lesson, so that opening one never restores (and restarts) the previous one.
  const open = async (workspace: string, notebook: string) => {
    const url = `${server.url}/lab/workspaces/${workspace}/tree/${notebook}?token=${server.token}`;
    await page.goto(url);
    await waitForNotebook(page);
  };

  // Kernels of finished lessons would keep their memory until the server stops.
  const shutDownKernels = async () => {
    const headers = { Authorization: `token ${server.token}` };
    const kernels = (await (await fetch(`${server.url}/api/kernels`, { headers })).json()) as {
      id: string;
    }[];
    for (const kernel of kernels)
      await fetch(`${server.url}/api/kernels/${kernel.id}`, { method: "DELETE", headers });
  };

  // JupyterLab's debugger asks every kernel for a session; tslab has none, and it says so.
  const unexpectedErrors = () => [
    ...new Set(errors.filter((error) => error !== "No active debugger session")),
  ];

  const widgets = (kind: Widget): Locator => page.locator(`${OUTPUT}.gradbook-${kind}`);

  beforeAll(async () => {
    server = await startJupyter();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = collectPageErrors(page);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail")
      await screenshot(page, `lesson-failed-${context.task.name.replace(/\W+/g, "-")}`);
    await shutDownKernels();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [lesson, expected] of Object.entries(LESSONS)) {
    it(`${lesson}: runs clean and renders its plots and widgets`, async () => {
      await open(`lesson-${lesson.slice(0, 2)}`, `source/${lesson}.ipynb`);
      await runAllCells(page);
      const errorText = await page.locator(ERROR_OUTPUT).allTextContents();
      expect(errorText).toEqual([]);
      expect(unexpectedErrors()).toEqual([]);

      // Plots load plotly.js lazily: wait until each says it is drawn.
      await failWithScreenshot(page, `${lesson}-plots`, () =>
        expect
          .poll(() => page.locator(`${OUTPUT}.gradbook-plot[data-gradbook-status='ready']`).count())
          .toBe(expected.plot),
      );
      for (const kind of Object.keys(expected) as Widget[])
        expect(await widgets(kind).count(), `${kind} outputs of ${lesson}`).toBe(expected[kind]);
      expect(await page.locator(`${OUTPUT}[data-gradbook-status='unsupported']`).count()).toBe(0);
      // A drawn plot has its SVG with traces in it, not an empty frame.
      for (const plot of await widgets("plot").all())
        expect(
          await plot.locator(".main-svg .trace, .main-svg .contour, .main-svg .hm").count(),
        ).toBeGreaterThan(0);

      for (const kind of Object.keys(expected) as Widget[]) {
        const found = await widgets(kind).all();
        for (const [index, widget] of found.entries())
          await screenshotElement(widget, `lesson-${lesson.slice(0, 2)}-${kind}-${index + 1}`);
      }
    });
  }

  it("lesson 5 shows the gradient checker failing the (λ/m)·sum(W) mistake and passing the fix", async () => {
    await open("lesson-05-check", "source/05-frobenius-gradient.ipynb");
    await runAllCells(page);
    const statuses = await widgets("gradcheck").evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute("data-gradbook-status")),
    );
    expect(statuses.sort()).toEqual(["fail", "pass"]);
    const failing = widgets("gradcheck").and(page.locator("[data-gradbook-status='fail']"));
    // The report points at W, the parameter whose gradient is wrong, in words and not only colour.
    expect(await failing.textContent()).toMatch(/\bW\b/);
    expect(await failing.textContent()).toMatch(/wrong|fail/i);
  });

  it("the student version: locked cells are read-only and Run All stops at the first exercise", async () => {
    await open("release-01", RELEASE_01);
    // nbgrader's locked cells (instructions, setup, tests) carry editable: false; JupyterLab's
    // editor must refuse typing in each locked code cell, and only in those.
    const release = JSON.parse(readFileSync(join(ROOT, "notebooks", RELEASE_01), "utf8")) as {
      cells: {
        cell_type: string;
        metadata: { editable?: boolean; nbgrader?: { grade_id?: string } };
      }[];
    };
    const lockedCode = release.cells.filter(
      (cell) => cell.cell_type === "code" && cell.metadata.editable === false,
    ).length;
    const readOnly = page.locator(".jp-CodeCell").filter({ has: page.locator(READ_ONLY_EDITOR) });
    await expect.poll(() => readOnly.count()).toBe(lockedCode);
    const locked = readOnly.first().locator(".cm-content");
    const before = await locked.textContent();
    await locked.click();
    await page.keyboard.type("student edit");
    expect(await locked.textContent()).toBe(before);
    await page.getByRole("menuitem", { name: "Run", exact: true }).click();
    await page.getByRole("menuitem", { name: "Run All Cells", exact: true }).click();
    await failWithScreenshot(page, "release-01-stub", () =>
      expect
        .poll(() => page.locator(ERROR_OUTPUT).count(), { timeout: 120_000 })
        .toBeGreaterThan(0),
    );
    const first = page.locator(ERROR_OUTPUT).first();
    // An error output with the kernel's traceback (tslab alone printed Node's stack on stderr).
    expect(await first.textContent()).toMatch(/^Error: not implemented\n\s+at /);
    await screenshotElement(first, "lesson-01-release-first-stub");
    // Run All stops there: the kernel answers the cells queued behind it "aborted".
    await page.waitForSelector(".jp-Notebook-ExecutionIndicator[data-status='idle']", {
      timeout: 60_000,
    });
    const codeCells = release.cells.filter((cell) => cell.cell_type === "code");
    const failing = codeCells.findIndex(
      (cell) => cell.metadata.nbgrader?.grade_id === "l01-predict-tests",
    );
    const prompts = await page.locator(".jp-CodeCell .jp-InputArea-prompt").allTextContents();
    expect(prompts.map((prompt) => /\[\d+\]/.test(prompt))).toEqual(
      codeCells.map((_, index) => index <= failing),
    );
    expect(await page.locator(ERROR_OUTPUT).count()).toBe(1);
    expect(unexpectedErrors()).toEqual([]);
  });
});
