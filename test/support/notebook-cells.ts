import type { Locator, Page } from "playwright-core";
import { activeNotebook } from "./lab-page";
import { REACTION_MS } from "./patience";

/**
 * JupyterLab 4 windows long notebooks: by default ("contentVisibility") it attaches cells while
 * the browser is idle and skips painting those off screen, and with "full" windowing, which users
 * may choose, a cell off screen is not in the DOM at all. So an output is checked where a user
 * sees it: its cell made active (JupyterLab scrolls to it and attaches it), the output scrolled
 * into view. Counting elements of the whole page counts only what happens to be attached.
 */

const COUNTER = /^Cell (\d+)\/(\d+)$/;

/** The status bar's cell counter ("Cell 3/26"): the active cell's number and the cell count. */
export async function cellCounter(page: Page): Promise<{ active: number; total: number }> {
  const item = page.locator(".jp-StatusBar-TextItem", { hasText: COUNTER }).first();
  const match = COUNTER.exec((await item.textContent()) ?? "");
  if (!match) throw new Error("the status bar shows no cell counter: is a notebook active?");
  return { active: Number(match[1]), total: Number(match[2]) };
}

async function waitForActiveCell(page: Page, number: number, total: number): Promise<Locator> {
  await page
    .locator(".jp-StatusBar-TextItem", { hasText: new RegExp(`^Cell ${number}/${total}$`) })
    .first()
    .waitFor();
  const cell = activeNotebook(page).locator(
    `.jp-Cell.jp-mod-active[data-windowed-list-index='${number - 1}']`,
  );
  await cell.waitFor({ state: "attached" });
  return cell;
}

/**
 * Makes cell `number` (1-based, as the status bar counts) the active cell through the status
 * bar's "Go to cell" form, as a user would, and returns it once it is attached.
 */
export async function goToCell(page: Page, number: number): Promise<Locator> {
  const { total } = await cellCounter(page);
  await page.locator(".jp-StatusBar-TextItem", { hasText: COUNTER }).first().click();
  const input = page.locator(".jp-lineFormInput");
  await input.fill(String(number));
  await input.press("Enter");
  const cell = await waitForActiveCell(page, number, total);
  // JupyterLab focuses the cell it goes to, but with full windowing it may not be attached yet
  // then, and the keyboard would be lost: click its prompt, as a user selecting it does.
  await cell.locator(".jp-InputArea-prompt").first().click();
  return cell;
}

/**
 * Walks the active notebook from its first cell to its last with the down arrow, as a user
 * reading it does, and calls `visit` with each cell (1-based number) while it is attached and
 * scrolled into view. Outputs inside a tall cell may still be below the fold: scroll to each
 * before looking at it (`shownOutput`).
 */
export async function visitCells(
  page: Page,
  visit: (cell: Locator, number: number) => Promise<void>,
): Promise<void> {
  const { total } = await cellCounter(page);
  let cell = await goToCell(page, 1);
  for (let number = 1; number <= total; number++) {
    if (number > 1) {
      await page.keyboard.press("ArrowDown");
      cell = await waitForActiveCell(page, number, total);
    }
    await cell.scrollIntoViewIfNeeded();
    await visit(cell, number);
  }
}

/**
 * Scrolls `output` into view and waits until it has finished rendering: a gradbook widget that
 * loads something first (a plot, while plotly.js arrives) says `data-gradbook-status="loading"`
 * until it is drawn. Returns its status (null for outputs without one).
 */
export async function shownOutput(output: Locator, timeout = REACTION_MS): Promise<string | null> {
  await output.scrollIntoViewIfNeeded({ timeout });
  await output
    .and(output.page().locator(":not([data-gradbook-status='loading'])"))
    .waitFor({ state: "visible", timeout });
  return output.getAttribute("data-gradbook-status");
}

/**
 * Adds a code cell after the last one, types `code` into it as a user does (click into its
 * editor, type) and runs it with Shift+Enter; resolves once its prompt shows its count.
 */
export async function appendAndRunCell(page: Page, code: string): Promise<void> {
  const { total } = await cellCounter(page);
  await goToCell(page, total);
  await page.keyboard.press("b");
  const cell = await waitForActiveCell(page, total + 1, total + 1);
  // Clicking the editor focuses it once it exists, however late JupyterLab creates it.
  await cell.locator(".cm-content").click();
  await cell.locator(".cm-editor.cm-focused").waitFor();
  await page.keyboard.insertText(code);
  const lastLine = code.split("\n").at(-1) ?? "";
  await cell.locator(".cm-line", { hasText: lastLine }).last().waitFor();
  await page.keyboard.press("Shift+Enter");
  const ran = activeNotebook(page).locator(
    `.jp-Cell[data-windowed-list-index='${total}'] .jp-InputArea-prompt`,
    { hasText: /\[\d+\]/ },
  );
  await ran.waitFor({ state: "attached" });
}
