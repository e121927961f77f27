import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./project-env";

/** Where browser tests leave screenshots for people to look at (CI keeps the folder). */
export const ARTIFACTS = join(ROOT, "test-artifacts");

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Waits until JupyterLab has started and the notebook's TypeScript kernel is connected and idle.
 * The toolbar's execution indicator reads idle before the kernel connects, so the status bar's
 * "TypeScript | Idle" is the signal to wait for.
 */
export async function waitForNotebook(page: Page): Promise<void> {
  await page.waitForSelector(".jp-NotebookPanel", { timeout: 60_000 });
  await page
    .locator(".jp-StatusBar-TextItem", { hasText: /^TypeScript \| Idle$/ })
    .first()
    .waitFor({ timeout: 120_000 });
}

/** Runs every cell through JupyterLab's own menu, as a student would, and waits for idle. */
export async function runAllCells(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "Run", exact: true }).click();
  await page.getByRole("menuitem", { name: "Run All Cells", exact: true }).click();
  // Every code cell's prompt shows its execution count ("[3]:") once it has run.
  await failWithScreenshot(page, "run-all-cells-timeout", () =>
    page.waitForFunction(
      () => {
        const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputArea-prompt")];
        return (
          prompts.length > 0 && prompts.every((prompt) => /\[\d+\]/.test(prompt.textContent ?? ""))
        );
      },
      undefined,
      { timeout: 240_000 },
    ),
  );
  await page.waitForSelector(".jp-Notebook-ExecutionIndicator[data-status='idle']", {
    timeout: 60_000,
  });
}

/** Runs `wait`; when it fails, saves a screenshot of the page so the failure can be seen. */
export async function failWithScreenshot<T>(
  page: Page,
  name: string,
  wait: () => Promise<T>,
): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const path = await screenshot(page, `FAILED-${name}`).catch(() => "(no screenshot)");
    throw new Error(`${(error as Error).message}\nscreenshot: ${path}`, { cause: error });
  }
}

/** Collects console errors and uncaught exceptions of a page, to assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
