import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { ARTIFACTS } from "./lab-page";

/** Saves a screenshot of one element (a widget) to test-artifacts/<name>.png. */
export async function screenshotElement(locator: Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path });
  return path;
}

/** Runs a command through the command palette by its label, as a user would. */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press("Control+Shift+C");
  const input = page.locator(".lm-CommandPalette-input");
  await input.waitFor({ state: "visible" });
  await input.fill(label);
  await page.locator(".lm-CommandPalette-item", { hasText: label }).first().click();
}

/** Clicks a main-menu entry by its path of labels, e.g. ["Settings", "Theme", "JupyterLab Dark"]. */
export async function clickMenu(page: Page, path: string[]): Promise<void> {
  await page.getByRole("menuitem", { name: path[0], exact: true }).click();
  for (const label of path.slice(1))
    await page
      .locator(".lm-Menu:visible .lm-Menu-itemLabel")
      .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
      .first()
      .click();
}

/** Switches JupyterLab's theme from the Settings menu and waits until it is applied. */
export async function setTheme(page: Page, theme: "JupyterLab Light" | "JupyterLab Dark") {
  await clickMenu(page, ["Settings", "Theme", theme]);
  const light = theme === "JupyterLab Light" ? "true" : "false";
  await page.waitForSelector(`body[data-jp-theme-light='${light}']`, { state: "attached" });
  // The theme's stylesheet loads after the attribute flips: wait until its background colour
  // is the one the theme promises (dark or light), not for a fixed time.
  await page.waitForFunction(
    (wantLight) => {
      const probe = document.createElement("div");
      probe.style.background = "var(--jp-layout-color0)";
      document.body.append(probe);
      const rgb = getComputedStyle(probe)
        .backgroundColor.match(/\d+(\.\d+)?/g)
        ?.map(Number);
      probe.remove();
      if (!rgb || rgb.length < 3) return false;
      const brightness = (rgb[0] + rgb[1] + rgb[2]) / 3;
      return wantLight ? brightness > 160 : brightness < 96;
    },
    theme === "JupyterLab Light",
    { timeout: 30_000 },
  );
}

/** Restarts the active notebook's kernel from the Kernel menu and confirms the dialog. */
export async function restartKernel(page: Page): Promise<void> {
  await clickMenu(page, ["Kernel", "Restart Kernel…"]);
  await page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click();
}
