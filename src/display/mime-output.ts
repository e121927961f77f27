/**
 * The one place gradbook talks to tslab's display machinery. tslab's public `display.raw` sends
 * one MIME type per message, but our bundles need several in one message (a custom type plus
 * `text/plain`, or JupyterLab drops the output when the extension is missing). Only tslab's
 * internal writer, `require("tslab/dist/jupyter").lastWriteDisplayData(content, update)`, takes a
 * whole `display_data` content; the kernel points it at the running execution before every cell.
 * With `update` true it sends `update_display_data`, which replaces the output that carries the
 * same `transient.display_id` (how tslab's `newDisplay()` works, and how live plots redraw).
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";

/** A MIME bundle: MIME type → data. `text/plain` is always there. */
export type MimeBundle = { "text/plain": string } & Record<string, unknown>;

/** The content of a `display_data` / `update_display_data` message. */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Sends one display message; `update` selects `update_display_data`. */
export type DisplayWriter = (content: DisplayContent, update: boolean) => void;

/** Where to publish a bundle. */
export interface PublishOptions {
  /** Tag the output so later publishes with `update: true` can replace it. */
  displayId?: string;
  /** Replace the output tagged `displayId` instead of adding one. */
  update?: boolean;
}

let override: DisplayWriter | null = null;
let tslabModule: { lastWriteDisplayData?: unknown } | null = null;

const TSLAB_JUPYTER = path.join("tslab", "dist", "jupyter.js");

/**
 * tslab's jupyter module as the running kernel loaded it, or null outside a kernel. We look it
 * up in `require.cache` rather than requiring it: inside a kernel it is always loaded (tslab's
 * main module imports it), and the kernel's instance is the one whose writer is live even when
 * gradbook resolves its own copy of tslab elsewhere; outside a kernel, requiring it would load
 * the TypeScript compiler for nothing.
 */
function findTslab(): { lastWriteDisplayData?: unknown } | null {
  if (tslabModule !== null) return tslabModule;
  if (typeof require === "undefined" || require.cache === undefined) return null;
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (loaded !== undefined && file.endsWith(path.sep + TSLAB_JUPYTER)) {
      tslabModule = loaded.exports as { lastWriteDisplayData?: unknown };
      return tslabModule;
    }
  }
  return null;
}

/** The writer in use: the override, tslab's live writer, or null (not in a kernel). */
function currentWriter(): DisplayWriter | null {
  if (override !== null) return override;
  const write = findTslab()?.lastWriteDisplayData;
  return typeof write === "function" ? (write as DisplayWriter) : null;
}

/**
 * Publishes `data` as one `display_data` message of the running cell (or `update_display_data`
 * with `update`). Returns false when there is no kernel to publish to, so callers can fall back
 * to printing `text/plain`.
 */
export function publishDisplay(data: MimeBundle, options: PublishOptions = {}): boolean {
  const writer = currentWriter();
  if (writer === null) return false;
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  writer(
    { data, metadata: {}, transient },
    options.update === true && options.displayId !== undefined,
  );
  return true;
}

/** Publishes `data`, or prints its `text/plain` when there is no kernel (a script, a test). */
export function displayOrPrint(data: MimeBundle): void {
  if (!publishDisplay(data)) console.log(data["text/plain"]);
}

/** A fresh display id (16 hex digits, as tslab's `newDisplay()` makes them). */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * Routes every publish to `writer` instead of tslab (null restores tslab) and returns the
 * previous override: for tests, and for hosts other than tslab.
 */
export function useDisplayWriter(writer: DisplayWriter | null): DisplayWriter | null {
  const previous = override;
  override = writer;
  return previous;
}
