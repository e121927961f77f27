/**
 * Writing a notebook file with the same bytes as Python's `nbformat.write` (sorted keys,
 * one-space indent, multi-line strings split into lists of lines), so a notebook that goes
 * through gradbook diffs cleanly against one saved by JupyterLab or nbconvert.
 */
import * as fs from "node:fs";
import {
  sourceText,
  splitLines,
  type Cell,
  type MimeBundle,
  type Notebook,
  type Output,
} from "./model";

// nbformat splits multi-line strings on write, except JSON MIME data, which stays structured.
function isJsonMime(mime: string): boolean {
  return mime === "application/json" || mime.endsWith("+json");
}

function splitBundle(bundle: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, data] of Object.entries(bundle)) {
    out[mime] = typeof data === "string" && !isJsonMime(mime) ? splitLines(data) : data;
  }
  return out;
}

function splitOutput(output: Output): Output {
  switch (output.output_type) {
    case "stream":
      return { ...output, text: splitLines(sourceText(output.text)) };
    case "display_data":
    case "execute_result":
      return { ...output, data: splitBundle(output.data) };
    default:
      return output;
  }
}

function splitCell(cell: Cell): Cell {
  const source = splitLines(sourceText(cell.source));
  return cell.cell_type === "code"
    ? { ...cell, source, outputs: cell.outputs.map(splitOutput) }
    : { ...cell, source };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === "object" && value !== null) {
    const sorted: { [key: string]: unknown } = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as { [key: string]: unknown })[key];
      if (entry !== undefined) {
        sorted[key] = sortKeys(entry);
      }
    }
    return sorted;
  }
  return value;
}

/** The notebook as nbformat writes it: sorted keys, indent 1, lines split, final newline. */
export function serializeNotebook(notebook: Notebook): string {
  const split = { ...notebook, cells: notebook.cells.map(splitCell) };
  return JSON.stringify(sortKeys(split), null, 1) + "\n";
}

/** Write a notebook file (see `serializeNotebook`). */
export function writeNotebook(path: string, notebook: Notebook): void {
  fs.writeFileSync(path, serializeNotebook(notebook), "utf8");
}
