import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { newLabPage, runAllCells, screenshot, waitForNotebook } from "../support/lab-page";
import { visitCells } from "../support/notebook-cells";
import { NOTEBOOK_OPEN_MS } from "../support/patience";

describe("JupyterLab with the gradbook extension", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startJupyter();
    browser = await launchChromium();
    page = await newLabPage(browser, { width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("activates the extension and runs the welcome notebook in the TypeScript kernel", async () => {
    await page.goto(server.labUrl("00-welcome.ipynb"));
    await page.waitForSelector("body[data-gradbook-extension]", {
      state: "attached",
      timeout: NOTEBOOK_OPEN_MS,
    });
    await waitForNotebook(page);
    await page.locator(".jp-Toolbar-kernelName", { hasText: "TypeScript" }).first().waitFor();

    await runAllCells(page);
    const outputs: string[] = [];
    const errors: string[] = [];
    await visitCells(page, async (cell) => {
      outputs.push(...(await cell.locator(".jp-OutputArea-output").allTextContents()));
      errors.push(
        ...(await cell
          .locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
          .allTextContents()),
      );
    });
    expect(outputs.join("\n")).toMatch(/\b\d+\.\d+\.\d+\b/);
    expect(errors).toEqual([]);
    await screenshot(page, "foundation-welcome");
  });
});
