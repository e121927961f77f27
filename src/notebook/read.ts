/**
 * Reading a notebook file: a validating parser whose errors name the file and the cell, lenient
 * only where nbformat has an obvious default.
 */
import * as fs from "node:fs";
import type {
  Cell,
  CodeCell,
  ErrorOutput,
  JSONObject,
  MultilineString,
  Notebook,
  Output,
  StreamOutput,
} from "./model";

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
