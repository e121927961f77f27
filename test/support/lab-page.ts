import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { NOTEBOOK_OPEN_MS, RUN_ALL_MS, REACTION_MS } from "./patience";
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
 * A page for driving JupyterLab. Every wait on it that names no timeout of its own gets REACTION_MS,
 * not Playwright's 30 s, which a loaded machine outruns.
 */
export async function newLabPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(REACTION_MS);
  return page;
}

/** The notebook on screen (JupyterLab hides the panels of other tabs). */
export function activeNotebook(page: Page): Locator {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook");
}

/**
 * Waits until JupyterLab has started and the notebook's TypeScript kernel is connected and idle.
 * The toolbar's execution indicator reads idle before the kernel connects, so the status bar's
 * "TypeScript | Idle" is the signal to wait for.
 */
export async function waitForNotebook(page: Page): Promise<void> {
  await page.waitForSelector(".jp-NotebookPanel", { timeout: NOTEBOOK_OPEN_MS });
  await page
    .locator(".jp-StatusBar-TextItem", { hasText: /^TypeScript \| Idle$/ })
    .first()
    .waitFor({ timeout: NOTEBOOK_OPEN_MS });
}

/**
 * Runs every cell through JupyterLab's own menu, as a student would, and waits until the run is
 * over: the cells were queued (their prompts showed [*]), no prompt shows [*] any more (each has
 * its count, or is blank again after a cell failed) and the kernel is idle. The [*] is watched
 * for as it appears, so a run that ends before the next look still counts, and a notebook that
 * ran before cannot pass for finished. Only the cells in the DOM are watched; that suffices
 * because Run All makes the last cell active and scrolls to it, and cells run in order.
 */
export async function runAllCells(page: Page): Promise<void> {
  await activeNotebook(page).evaluate((notebook) => {
    const marks = window as unknown as { gradbookRunQueued?: boolean };
    marks.gradbookRunQueued = false;
    const queued = () =>
      [...notebook.querySelectorAll(".jp-InputArea-prompt")].some((prompt) =>
        prompt.textContent?.includes("[*]"),
      );
    const observer = new MutationObserver(() => {
      if (!queued()) return;
      marks.gradbookRunQueued = true;
      observer.disconnect();
    });
    observer.observe(notebook, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("menuitem", { name: "Run", exact: true }).click();
  await page.getByRole("menuitem", { name: "Run All Cells", exact: true }).click();
  await failWithScreenshot(page, "run-all-cells-not-queued", () =>
    page.waitForFunction(
      () => (window as unknown as { gradbookRunQueued?: boolean }).gradbookRunQueued === true,
    ),
  );
  await failWithScreenshot(page, "run-all-cells-timeout", () =>
    page.waitForFunction(
      () => {
        const notebook = document.querySelector(
          ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook",
        );
        const prompts = [...(notebook?.querySelectorAll(".jp-InputArea-prompt") ?? [])];
        const indicator = document.querySelector(
          ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator",
        );
        return (
          prompts.every((prompt) => !prompt.textContent?.includes("[*]")) &&
          indicator?.getAttribute("data-status") === "idle"
        );
      },
      undefined,
      { timeout: RUN_ALL_MS },
    ),
  );
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
