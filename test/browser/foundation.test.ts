import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { startJupyter, type JupyterServer } from "../support/jupyter-server";
import { runAllCells, screenshot, waitForNotebook } from "../support/lab-page";

describe("JupyterLab with the gradbook extension", () => {
  let server: JupyterServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startJupyter();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("activates the extension and runs the welcome notebook in the TypeScript kernel", async () => {
    await page.goto(server.labUrl("00-welcome.ipynb"));
    await page.waitForSelector("body[data-gradbook-extension]", {
      state: "attached",
      timeout: 60_000,
    });
    await waitForNotebook(page);
    await expect
      .poll(() => page.locator(".jp-Toolbar-kernelName").first().textContent(), { timeout: 60_000 })
      .toContain("TypeScript");

    await runAllCells(page);
    const outputs = await page.locator(".jp-OutputArea-output").allTextContents();
    expect(outputs.join("\n")).toMatch(/\b\d+\.\d+\.\d+\b/);
    expect(
      await page
        .locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        .count(),
    ).toBe(0);
    await screenshot(page, "foundation-welcome");
  });
});
