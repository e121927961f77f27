// "Check notebook" in JupyterLab, the course's settings defaults (no news prompt) and the static
// SVG that keeps a figure visible where no plotly renderer runs (nbconvert's HTML).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mimeBundle, plot } from "../../src/display";
import { launchChromium } from "../support/chromium";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { screenshot, waitForNotebook } from "../support/lab-page";
import { runFromPalette } from "../support/lab-ui";
import { projectEnv } from "../support/project-env";

const NOTEBOOK = "check-me.ipynb";

function cell(source: string, gradeId?: string, points = 1): object {
  return {
    cell_type: "code",
    id: gradeId ?? `c${source.length}`,
    execution_count: null,
    outputs: [],
    source,
    metadata: gradeId
      ? {
          nbgrader: { grade: true, grade_id: gradeId, locked: true, points, schema_version: 3 },
        }
      : {},
  };
}

/** A student's notebook: one test passes, one fails with the student's bug in its message. */
function writeStudentNotebook(path: string): void {
  const notebook = {
    cells: [
      cell("function double(x: number): number {\n  return x * 3;\n}"),
      cell('if (double(0) !== 0) throw new Error("double(0) should be 0");', "zero-test"),
      cell(
        "if (double(2) !== 4) throw new Error(`double(2) gave ${double(2)}, expected 4`);",
        "two-test",
        2,
      ),
    ],
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook, null, 1) + "\n");
}

describe("JupyterLab's Check button and the course's settings", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startJupyter([]);
    writeStudentNotebook(join(server.rootDir, NOTEBOOK));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail")
      await screenshot(page, `check-failed-${context.task.name.replace(/\W+/g, "-")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("turns the news and update prompts off through the extension's settings defaults", async () => {
    const response = await fetch(
      `${server.url}/lab/api/settings/@jupyterlab/apputils-extension:notification?token=${server.token}`,
    );
    // JupyterLab applies settings overrides as the schema's defaults.
    const { schema } = (await response.json()) as {
      schema: { properties: Record<string, { default?: unknown }> };
    };
    expect(schema.properties.fetchNews.default).toBe("false");
    expect(schema.properties.checkForUpdates.default).toBe(false);
  });

  it("checks the notebook from its toolbar: each visible test, its points and why it failed", async () => {
    await page.goto(server.labUrl(NOTEBOOK));
    await waitForNotebook(page);
    await page.locator(".gradbook-check-button").first().click();
    const report = page.locator(".jp-Dialog .gradbook-check[data-gradbook-status='fail']");
    await report.waitFor({ timeout: 240_000 });
    const zero = report.locator("[data-gradbook-test='zero-test']");
    const two = report.locator("[data-gradbook-test='two-test']");
    expect(await zero.getAttribute("data-gradbook-status")).toBe("pass");
    expect(await two.getAttribute("data-gradbook-status")).toBe("fail");
    expect(await two.locator(".gradbook-check-points").textContent()).toBe("0 / 2");
    expect(await two.locator("pre").textContent()).toContain("double(2) gave 6, expected 4");
    expect(await report.locator(".gradbook-check-total").textContent()).toBe(
      "1 of 2 visible tests pass: 1 of 3 points. Hidden tests run only when your work is graded.",
    );
    await screenshot(page, "check-notebook-report");
    await page.locator(".jp-Dialog button", { hasText: "Close" }).click();
    // The helper kernel of the check is gone; the notebook's own kernel is the only one left.
    await expect
      .poll(async () => {
        const sessions = await fetch(`${server.url}/api/sessions?token=${server.token}`);
        return ((await sessions.json()) as { path: string }[]).map((s) => s.path);
      })
      .toEqual([NOTEBOOK]);
  });

  it("offers the same check in the command palette", async () => {
    await runFromPalette(page, "gradbook: Check Notebook");
    await page
      .locator(".jp-Dialog .gradbook-check[data-gradbook-status='fail']")
      .waitFor({ timeout: 240_000 });
    await page.locator(".jp-Dialog button", { hasText: "Close" }).click();
  });
});

describe("a figure outside JupyterLab", () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "gradbook-nbconvert-"));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("shows its plot in `jupyter nbconvert --to html`, offline", async () => {
    const bundle = mimeBundle(plot.lossCurve({ train: [3, 2, 1.5, 1], test: [3.5, 2.5, 2, 1.8] }));
    const notebook = {
      cells: [
        {
          cell_type: "code",
          id: "plot",
          execution_count: 1,
          metadata: {},
          source: "show(plot.lossCurve(history))",
          outputs: [{ output_type: "display_data", data: bundle, metadata: {} }],
        },
      ],
      metadata: {
        kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const file = join(folder, "plot.ipynb");
    writeFileSync(file, JSON.stringify(notebook));
    execFileSync(projectEnv().jupyter, ["nbconvert", "--to", "html", file], { stdio: "pipe" });
    const page = await browser.newPage({ offline: true });
    await page.goto(pathToFileURL(join(folder, "plot.html")).href);
    const figure = page.locator("svg.gradbook-figure");
    await figure.waitFor({ state: "visible" });
    const box = await figure.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await figure.locator("g.gradbook-trace path").count()).toBe(2);
    expect(await page.locator("text=Interactive plotly figure").count()).toBe(0);
    await screenshot(page, "nbconvert-static-figure");
    await page.close();
  });
});
