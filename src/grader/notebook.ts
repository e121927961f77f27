/**
 * The Jupyter notebook file format (nbformat 4): types, a validating parser whose errors name the
 * file and the cell, and a writer that produces the same bytes as Python's `nbformat.write`
 * (sorted keys, one-space indent, multi-line strings split into lists of lines), so a notebook
 * that goes through gradbook diffs cleanly against one saved by JupyterLab or nbconvert.
 */
import * as fs from "node:fs";

/** A JSON scalar. */
export type JSONPrimitive = string | number | boolean | null;
/** Any JSON value. */
export type JSONValue = JSONPrimitive | JSONValue[] | JSONObject;
/** A JSON object. */
export type JSONObject = { [key: string]: JSONValue };

/** nbformat's multi-line string: one string, or a list of lines each keeping its `\n`. */
export type MultilineString = string | string[];

/** Output data keyed by MIME type (`text/plain`, `application/vnd.gradbook.tensor+json`, …). */
export type MimeBundle = { [mimeType: string]: JSONValue };

/** Text a cell wrote to stdout or stderr. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

/** A rich value shown with `display(...)`. */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: JSONObject;
}

/** The value of a cell's last expression (kernels other than tslab send it). */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: JSONObject;
}

/** An exception, as kernels that report errors on IOPub send it (tslab writes stderr instead). */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One output of a code cell. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** A code cell: source, outputs and the execution count the kernel gave it. */
export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: JSONObject;
  outputs: Output[];
  execution_count: number | null;
}

/** A markdown cell. */
export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: JSONObject;
  attachments?: JSONObject;
}

/** A raw cell, passed through untouched. */
export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: JSONObject;
  attachments?: JSONObject;
}

/** Any notebook cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** A whole nbformat 4 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: JSONObject;
  cells: Cell[];
}

/** A file that cannot be read as a notebook; `reason` is the message without the file name. */
export class NotebookError extends Error {
  override readonly name = "NotebookError";
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/** The text of a multi-line string, joined. */
export function sourceText(source: MultilineString): string {
  return typeof source === "string" ? source : source.join("");
}

/** Split text into nbformat's list of lines, each but the last keeping its `\n`. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

function isObject(value: unknown): value is JSONObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isMultiline(value: unknown): value is MultilineString {
  return (
    typeof value === "string" ||
    (Array.isArray(value) && value.every((line) => typeof line === "string"))
  );
}

function checkOutput(value: unknown, where: string): Output {
  if (!isObject(value) || typeof value.output_type !== "string") {
    throw new Error(`${where}: an output must be an object with an "output_type"`);
  }
  switch (value.output_type) {
    case "stream":
      if ((value.name !== "stdout" && value.name !== "stderr") || !isMultiline(value.text)) {
        throw new Error(`${where}: a stream output needs name "stdout"/"stderr" and text`);
      }
      return value as unknown as StreamOutput;
    case "display_data":
    case "execute_result":
      if (!isObject(value.data)) {
        throw new Error(`${where}: a ${value.output_type} output needs a "data" object`);
      }
      return { metadata: {}, ...value } as unknown as Output;
    case "error":
      if (typeof value.ename !== "string" || typeof value.evalue !== "string") {
        throw new Error(`${where}: an error output needs "ename" and "evalue" strings`);
      }
      return { traceback: [], ...value } as unknown as ErrorOutput;
    default:
      throw new Error(`${where}: unknown output_type ${JSON.stringify(value.output_type)}`);
  }
}

// Lenient where nbformat has an obvious default (missing metadata, outputs, execution_count),
// strict where guessing would change what runs (cell type, source).
function checkCell(value: unknown, index: number): Cell {
  const where = `cell ${index}`;
  if (!isObject(value)) {
    throw new Error(`${where} is not an object`);
  }
  const type = value.cell_type;
  if (type !== "code" && type !== "markdown" && type !== "raw") {
    throw new Error(
      `${where}: cell_type must be "code", "markdown" or "raw", got ${JSON.stringify(type)}`,
    );
  }
  if (!isMultiline(value.source)) {
    throw new Error(`${where}: source must be a string or a list of strings`);
  }
  if (value.metadata !== undefined && !isObject(value.metadata)) {
    throw new Error(`${where}: metadata must be an object`);
  }
  if (type !== "code") {
    return { metadata: {}, ...value } as unknown as Cell;
  }
  const outputs = value.outputs ?? [];
  if (!Array.isArray(outputs)) {
    throw new Error(`${where}: outputs must be a list`);
  }
  const count = value.execution_count ?? null;
  if (count !== null && typeof count !== "number") {
    throw new Error(`${where}: execution_count must be a number or null`);
  }
  return {
    ...value,
    cell_type: "code",
    source: value.source,
    metadata: value.metadata ?? {},
    outputs: outputs.map((output, k) => checkOutput(output, `${where}, output ${k}`)),
    execution_count: count,
  } as CodeCell;
}

/**
 * Parse notebook JSON. Throws `NotebookError` naming `file` when the text is not JSON, not a
 * notebook, not nbformat 4, or a cell is malformed (the message names the cell index).
 */
export function parseNotebook(text: string, file = "<notebook>"): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = text.trim() === "" ? "the file is empty" : (error as Error).message;
    throw new NotebookError(file, `not a notebook: not valid JSON (${detail})`);
  }
  if (!isObject(value) || !Array.isArray(value.cells) || value.nbformat === undefined) {
    throw new NotebookError(file, `not a notebook: JSON without "nbformat" and a "cells" list`);
  }
  if (value.nbformat !== 4) {
    throw new NotebookError(
      file,
      `nbformat ${JSON.stringify(value.nbformat)} is not supported; convert it to version 4 ` +
        `with \`jupyter nbconvert --to notebook --nbformat 4\``,
    );
  }
  if (value.metadata !== undefined && !isObject(value.metadata)) {
    throw new NotebookError(file, `not a notebook: metadata must be an object`);
  }
  let cells: Cell[];
  try {
    cells = value.cells.map(checkCell);
  } catch (error) {
    throw new NotebookError(file, (error as Error).message);
  }
  return {
    ...value,
    nbformat: 4,
    nbformat_minor: typeof value.nbformat_minor === "number" ? value.nbformat_minor : 5,
    metadata: value.metadata ?? {},
    cells,
  };
}

/** Read and parse a notebook file; a missing or unreadable file is a `NotebookError` too. */
export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder, not a notebook file"
          : (error as Error).message;
    throw new NotebookError(path, reason);
  }
  return parseNotebook(text, path);
}

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
