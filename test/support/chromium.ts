import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Debian's Chromium (never a downloaded browser), or GRADBOOK_CHROMIUM when set. */
export function chromiumPath(): string {
  const configured = process.env.GRADBOOK_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`GRADBOOK_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      "Chromium is not installed, and the browser tests need it (they never skip). " +
        "On Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`; " +
        "elsewhere set GRADBOOK_CHROMIUM to a Chromium or Chrome binary.",
    );
  return found;
}

/**
 * Headless Chromium with the flags that keep it quiet on a machine without internet: no
 * background networking, component updates or sync, Playwright gives every launch a fresh temporary profile.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
