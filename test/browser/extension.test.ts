import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { DEMO_CELLS, FIFTY_TENSORS } from "../support/extension-notebook";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { restartKernel, runFromPalette, screenshotElement, setTheme } from "../support/lab-ui";
import {
  ARTIFACTS,
  collectPageErrors,
  newLabPage,
  runAllCells,
  screenshot,
  waitForNotebook,
} from "../support/lab-page";
import { appendAndRunCell, shownOutput } from "../support/notebook-cells";
import { KERNEL_START_MS, REACTION_MS } from "../support/patience";
import { writeTslabNotebook } from "../support/notebook-file";
import { textColors, type TextColors } from "../support/theme-colors";

const NOTEBOOK = "extension-demo.ipynb";

const WIDGETS = {
  tensor: ".jp-OutputArea-output.gradbook-tensor[data-gradbook-shape='150,4']",
  gradcheckFail: ".jp-OutputArea-output.gradbook-gradcheck[data-gradbook-status='fail']",
  gradcheckPass: ".jp-OutputArea-output.gradbook-gradcheck[data-gradbook-status='pass']",
  shapes: ".jp-OutputArea-output.gradbook-shapes[data-gradbook-status='error']",
  plot: ".jp-OutputArea-output.gradbook-plot[data-gradbook-status='ready']",
  unsupported: ".jp-OutputArea-output.gradbook-tensor[data-gradbook-status='unsupported']",
} as const;

const INSPECTOR = "#gradbook-shape-inspector";
const ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']";

describe("the gradbook JupyterLab extension", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const rowShapes = () =>
    page.$$eval(`${INSPECTOR} [data-gradbook-var]`, (rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.getAttribute("data-gradbook-var"),
          row.getAttribute("data-gradbook-shape"),
        ]),
      ),
    );

  /**
   * The outputs of the notebook's file from its first error on (saved outputs, not the DOM).
   * nbformat stores a text as a list of lines.
   */
  const savedOutputs = () => {
    const saved = JSON.parse(readFileSync(join(server.rootDir, NOTEBOOK), "utf8")) as {
      cells: {
        outputs?: {
          output_type: string;
          ename?: string;
          data?: Record<string, string | string[]>;
        }[];
      }[];
    };
    const outputs = saved.cells.flatMap((cell) => cell.outputs ?? []);
    const first = outputs.findIndex((output) => output.output_type === "error");
    return first < 0
      ? []
      : outputs
          .slice(first)
          .map(({ output_type, ename, data }) =>
            output_type === "error"
              ? { output_type, ename }
              : { output_type, text: [data?.["text/plain"] ?? []].flat().join("") },
          );
  };

  const shootWidgets = async (theme: string) => {
    for (const [name, selector] of Object.entries(WIDGETS))
      await screenshotElement(page.locator(selector).first(), `extension-${name}-${theme}`);
    await screenshotElement(page.locator(INSPECTOR), `extension-inspector-${theme}`);
  };

  beforeAll(async () => {
    server = await startJupyter([]);
    writeTslabNotebook(join(server.rootDir, NOTEBOOK), DEMO_CELLS);
    browser = await launchChromium();
    page = await newLabPage(browser, { width: 1400, height: 900 });
    errors = collectPageErrors(page);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail")
      await screenshot(page, `extension-failed-${context.task.name.replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders tensors, gradient checks, shape traces and plots with their DOM hooks", async () => {
    await page.goto(server.labUrl(NOTEBOOK));
    await waitForNotebook(page);
    await runAllCells(page);
    for (const selector of Object.values(WIDGETS))
      await shownOutput(page.locator(selector).first());

    const tensor = page.locator(WIDGETS.tensor);
    expect(await tensor.locator(".gradbook-shape-badge").textContent()).toBe("[150, 4]");
    expect(
      await tensor.locator(".gradbook-heatmap-grid .gradbook-heatmap-cell").count(),
    ).toBeGreaterThan(0);
    const failing = page.locator(WIDGETS.gradcheckFail);
    expect(await failing.locator(".gradbook-band.is-current").textContent()).toBe("wrong");
    expect(
      await failing.locator("[data-gradbook-param='W'] .gradbook-worst tbody tr").count(),
    ).toBeGreaterThan(0);
    expect(await page.locator(WIDGETS.gradcheckPass).count()).toBe(1);
    const shapes = page.locator(WIDGETS.shapes);
    expect(await shapes.locator(".gradbook-op.is-failed .gradbook-op-name").textContent()).toBe(
      "matmul",
    );
    expect(await shapes.locator(".gradbook-error-message").textContent()).toContain("matmul");
    expect(await page.locator(`${WIDGETS.plot} .main-svg`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${WIDGETS.unsupported} .gradbook-problem`).textContent()).toContain(
      "version 99",
    );
    expect(
      await page
        .locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        .count(),
    ).toBe(0);
  });

  it("lists the kernel's tensors in the shape inspector and follows new cells", async () => {
    await runFromPalette(page, "gradbook: Open Shape Inspector");
    await page.locator(INSPECTOR).waitFor({ state: "visible" });
    await expect.poll(rowShapes, { timeout: REACTION_MS }).toEqual({
      X: "150,4",
      w: "4",
      bias: "3",
      loss: "",
      broken: "3",
      // Numbers are listed too, without a shape.
      lambda: "",
      m: "",
      A: "20,3",
      Y: "20,2",
      W: "3,2",
      dataGrad: "3,2",
    });
    expect(
      await page
        .locator(`${INSPECTOR} [data-gradbook-var='broken'] .gradbook-inspector-nonfinite`)
        .textContent(),
    ).toBe("⚠ 1 NaN, 1 Inf");

    await appendAndRunCell(page, "const late = zeros([2, 5]);");
    await expect.poll(async () => (await rowShapes()).late, { timeout: REACTION_MS }).toBe("2,5");

    const panel = page.locator(INSPECTOR);
    const before = await panel.getAttribute("data-gradbook-refresh-ms");
    await runFromPalette(page, "gradbook: Refresh Shape Inspector");
    await expect
      .poll(() => panel.getAttribute("data-gradbook-refresh-ms"), { timeout: REACTION_MS })
      .not.toBe(before);

    await page.locator(`${INSPECTOR} [data-gradbook-var='X']`).click();
    await page
      .locator(
        `${INSPECTOR} .gradbook-inspector-preview .gradbook-tensor[data-gradbook-shape='150,4']`,
      )
      .waitFor();
    await screenshotElement(page.locator(INSPECTOR), "extension-inspector-preview-light");
  });

  it("refreshes the inspector after each cell with 50 tensors in scope, and reports the time", async () => {
    const runs: { refreshMs: number; queryMs: number }[] = [];
    for (let run = 0; run < 3; run++) {
      const marker = `r${run}`;
      await appendAndRunCell(page, `${FIFTY_TENSORS}\nconst ${marker} = zeros([1]);`);
      await page.locator(`${INSPECTOR} [data-gradbook-var='${marker}']`).waitFor();
      await page.waitForSelector(`${INSPECTOR}[aria-busy='false']`);
      const panel = page.locator(INSPECTOR);
      expect(await panel.getAttribute("data-gradbook-status")).toBe("ready");
      runs.push({
        refreshMs: Number(await panel.getAttribute("data-gradbook-refresh-ms")),
        queryMs: Number(await panel.getAttribute("data-gradbook-query-ms")),
      });
    }
    const tensors = await page.locator(`${INSPECTOR} [data-gradbook-var]`).count();
    expect(tensors).toBeGreaterThanOrEqual(50);
    const median = runs.map((r) => r.refreshMs).sort((a, b) => a - b)[1];
    const report = { tensors, runs, medianRefreshMs: median, targetMs: 300 };
    writeFileSync(join(ARTIFACTS, "inspector-refresh.json"), JSON.stringify(report, null, 2));
    console.log(`inspector refresh, ${tensors} tensors in scope: ${JSON.stringify(report)}`);
    // The 300 ms target is reported, not asserted: on a shared 2-core runner the time is the
    // machine's load more than the inspector's (most of it is tslab compiling the query), and
    // `npm run bench -- --filter inspector` measures the query against numpy's. A refresh that
    // gave up (a query timeout) would have left the panel in its error state, checked above.
  });

  it("follows the light and the dark theme: every widget's text reads on what is behind it", async () => {
    await page.locator(`${INSPECTOR} .gradbook-inspector-preview button`).click();
    const readable = {
      tensor: () => textColors(page.locator(`${WIDGETS.tensor} .gradbook-stat-value`)),
      gradcheck: () => textColors(page.locator(`${WIDGETS.gradcheckFail} .gradbook-worst td`)),
      shapes: () => textColors(page.locator(`${WIDGETS.shapes} .gradbook-op-name`)),
      plot: () => textColors(page.locator(`${WIDGETS.plot} .main-svg`), ".xtick text"),
      inspector: () => textColors(page.locator(`${INSPECTOR} [data-gradbook-var]`)),
    };
    const measure = async () => {
      const out: Record<string, TextColors> = {};
      for (const [name, read] of Object.entries(readable)) out[name] = await read();
      return out;
    };
    await shootWidgets("light");
    const light = await measure();
    await setTheme(page, "JupyterLab Dark");
    // The plot redraws itself with the theme's colours once the stylesheet is in.
    await expect
      .poll(async () => (await readable.plot()).textLuminance, { timeout: REACTION_MS })
      .toBeGreaterThan(0.3);
    await shootWidgets("dark");
    const dark = await measure();
    await setTheme(page, "JupyterLab Light");
    writeFileSync(join(ARTIFACTS, "theme-colors.json"), JSON.stringify({ light, dark }, null, 2));
    for (const [name, colors] of Object.entries(light)) {
      expect(colors.textLuminance, `${name}: dark text on the light theme`).toBeLessThan(0.25);
      expect(colors.contrast, `${name}: contrast on the light theme`).toBeGreaterThanOrEqual(4.5);
    }
    for (const [name, colors] of Object.entries(dark)) {
      expect(colors.textLuminance, `${name}: light text on the dark theme`).toBeGreaterThan(0.3);
      expect(colors.contrast, `${name}: contrast on the dark theme`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("shows a ShapeError as an error output with its traceback; the next cell runs", async () => {
    const errorsBefore = await page.locator(ERROR_OUTPUT).count();
    await appendAndRunCell(page, "zeros([2, 3]).matmul(zeros([2, 3]))");
    await expect.poll(() => page.locator(ERROR_OUTPUT).count()).toBe(errorsBefore + 1);
    const error = page.locator(ERROR_OUTPUT).last();
    expect(await error.textContent()).toMatch(
      /^ShapeError: matmul: \[2, 3\] @ \[2, 3\]: [^\n]+\n\s+at /,
    );
    await screenshotElement(error, "extension-shape-error");
    await appendAndRunCell(page, "6 * 7");
    const value = page.locator(".jp-OutputArea-executeResult .jp-OutputArea-output").last();
    await expect.poll(() => value.textContent()).toBe("42");
    // JupyterLab draws stderr text and an error output alike: the saved notebook tells them apart.
    await page.keyboard.press("Control+s");
    await expect.poll(savedOutputs, { timeout: 30_000 }).toEqual([
      { output_type: "error", ename: "ShapeError" },
      { output_type: "execute_result", text: "42" },
    ]);
  });

  it("empties the inspector when the kernel restarts", async () => {
    await restartKernel(page);
    await expect.poll(rowShapes, { timeout: KERNEL_START_MS }).toEqual({});
    await page.waitForSelector(".jp-Notebook-ExecutionIndicator[data-status='idle']", {
      timeout: KERNEL_START_MS,
    });
    await page.waitForSelector(`${INSPECTOR}[aria-busy='false']`);
    expect(await rowShapes()).toEqual({});
    // JupyterLab 4.6's debugger calls displayModules() after every execute_reply and rejects
    // with this message when the kernel (tslab) has no debugger: core noise, not ours.
    expect(errors.filter((error) => error !== "No active debugger session")).toEqual([]);
  });
});
