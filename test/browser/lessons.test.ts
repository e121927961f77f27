// Every lesson as a student meets it: opened in JupyterLab, run with "Run All Cells", every plot
// and widget rendered by the extension (screenshots in test-artifacts/lesson-*.png), no error.
// The student version of a lesson shows its locked cells read-only and stops at the first stub.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { screenshotElement } from "../support/lab-ui";
import { ROOT } from "../support/project-env";
import {
  activeNotebook,
  collectPageErrors,
  failWithScreenshot,
  newLabPage,
  runAllCells,
  screenshot,
  waitForNotebook,
} from "../support/lab-page";
import { cellCounter, goToCell, shownOutput, visitCells } from "../support/notebook-cells";

type Widget = "plot" | "tensor" | "gradcheck" | "shapes";
const KINDS: Widget[] = ["plot", "tensor", "gradcheck", "shapes"];

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
// A drawn plot has its SVG with traces in it, not an empty frame.
const PLOT_TRACES = ".main-svg .trace, .main-svg .contour, .main-svg .hm";

/** What a reader of a run lesson sees, cell by cell (test/support/notebook-cells.ts). */
interface LessonView {
  counts: Record<Widget, number>;
  /** Every stderr output, with the number of its cell. */
  errors: { cell: number; text: string }[];
  /** Widgets that did not render as they should. */
  problems: string[];
  /** `data-gradbook-status` of each gradient check, in order, with its text. */
  gradchecks: { status: string | null; text: string }[];
}

describe("the course lessons in JupyterLab", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  // A workspace per lesson, so that opening one never restores (and restarts) the previous one.
  const open = async (workspace: string, notebook: string, on = server) => {
    const url = `${on.url}/lab/workspaces/${workspace}/tree/${notebook}?token=${on.token}`;
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

  /**
   * Reads the run lesson cell by cell, each output scrolled into view and rendered; screenshots
   * every widget as test-artifacts/lesson-NN-KIND-I.png when `shots` names the lesson.
   */
  const readLesson = async (shots?: string): Promise<LessonView> => {
    const view: LessonView = {
      counts: { plot: 0, tensor: 0, gradcheck: 0, shapes: 0 },
      errors: [],
      problems: [],
      gradchecks: [],
    };
    await visitCells(page, async (cell, number) => {
      for (const error of await cell.locator(ERROR_OUTPUT).all())
        view.errors.push({ cell: number, text: (await error.textContent()) ?? "" });
      for (const output of await cell.locator(`${OUTPUT}.gradbook-output`).all()) {
        const status = await shownOutput(output);
        const classes = (await output.getAttribute("class")) ?? "";
        const kind = KINDS.find((name) => classes.split(" ").includes(`gradbook-${name}`));
        if (kind === undefined || status === "unsupported") {
          view.problems.push(`cell ${number}: output ${classes} says ${status}`);
          continue;
        }
        view.counts[kind] += 1;
        if (
          kind === "plot" &&
          (status !== "ready" || (await output.locator(PLOT_TRACES).count()) === 0)
        )
          view.problems.push(`cell ${number}: plot ${status}, without traces`);
        if (kind === "gradcheck")
          view.gradchecks.push({ status, text: (await output.textContent()) ?? "" });
        if (shots) await screenshotElement(output, `lesson-${shots}-${kind}-${view.counts[kind]}`);
      }
    });
    return view;
  };

  beforeAll(async () => {
    server = await startJupyter();
    browser = await launchChromium();
    page = await newLabPage(browser, { width: 1400, height: 1000 });
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
      const view = await failWithScreenshot(page, `${lesson}-outputs`, () =>
        readLesson(lesson.slice(0, 2)),
      );
      expect(view.errors).toEqual([]);
      expect(unexpectedErrors()).toEqual([]);
      expect(view.problems).toEqual([]);
      expect(view.counts).toEqual(expected);
    });
  }

  it("lesson 5 shows the gradient checker failing the (λ/m)·sum(W) mistake and passing the fix", async () => {
    await open("lesson-05-check", "source/05-frobenius-gradient.ipynb");
    await runAllCells(page);
    const { gradchecks } = await readLesson();
    expect(gradchecks.map((check) => check.status).sort()).toEqual(["fail", "pass"]);
    const failing = gradchecks.find((check) => check.status === "fail")?.text;
    // The report points at W, the parameter whose gradient is wrong, in words and not only colour.
    expect(failing).toMatch(/\bW\b/);
    expect(failing).toMatch(/wrong|fail/i);
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
    const lockedCells = release.cells.flatMap((cell, index) =>
      cell.cell_type === "code" && cell.metadata.editable === false ? [index + 1] : [],
    );
    const readOnlyCells: number[] = [];
    await visitCells(page, async (cell, number) => {
      if (!(await cell.evaluate((node) => node.classList.contains("jp-CodeCell")))) return;
      // The editor of a cell JupyterLab has just attached may still be on its way.
      await cell.locator(".cm-content").waitFor();
      if ((await cell.locator(READ_ONLY_EDITOR).count()) > 0) readOnlyCells.push(number);
    });
    expect(readOnlyCells).toEqual(lockedCells);
    const locked = (await goToCell(page, lockedCells[0])).locator(".cm-content");
    const before = await locked.textContent();
    await locked.click();
    await page.keyboard.type("student edit");
    expect(await locked.textContent()).toBe(before);
    await page.keyboard.press("Escape");

    await runAllCells(page);
    const { errors } = await readLesson();
    // Run All stops at the first stub: the kernel answers the cells queued behind it "aborted",
    // and the stub's error is an error output with the kernel's traceback (tslab alone printed
    // Node's stack on stderr).
    expect(errors.length).toBe(1);
    expect(errors[0].text).toMatch(/^Error: not implemented\n\s+at /);
    expect(unexpectedErrors()).toEqual([]);
    const stub = (await goToCell(page, errors[0].cell)).locator(ERROR_OUTPUT).first();
    await screenshotElement(stub, "lesson-01-release-first-stub");
  });

  it("with full windowing, where cells off screen leave the DOM, lesson 6 shows each plot", async () => {
    const windowed = await startJupyter(["notebooks"], {
      "@jupyterlab/notebook-extension:tracker": { windowingMode: "full" },
    });
    try {
      await open("windowed-06", "source/06-logistic-sgd-iris.ipynb", windowed);
      await runAllCells(page);
      // The setting took: Run All ended on the last cell, and the first ones left the DOM.
      const { total } = await cellCounter(page);
      expect(await activeNotebook(page).locator(".jp-Cell").count()).toBeLessThan(total);
      const view = await readLesson();
      expect(view.errors).toEqual([]);
      expect(view.problems).toEqual([]);
      expect(view.counts).toEqual(LESSONS["06-logistic-sgd-iris"]);
    } finally {
      await windowed.stop();
    }
  });
});
