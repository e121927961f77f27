/**
 * Reading a notebook file: a validating parser whose errors name the file and the cell, lenient
 * only where nbformat has an obvious default. Files come from students, so reading is bounded
 * before anything walks the JSON: its size, its nesting depth (JSON.parse accepts 200,000 nested
 * arrays, and the first recursive walk of such a value — structuredClone, JSON.stringify —
 * overflows the stack) and its number of cells. A symbolic link, a pipe or a device is refused
 * when asked (`refuseLinks`), without following it or waiting on it.
 */
import * as fs from "node:fs";
import { pathText } from "./path-text";
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

/** Bounds on what is read (see the file comment). */
export interface NotebookLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Deepest nesting of JSON arrays and objects. */
  maxDepth: number;
  /** Most cells. */
  maxCells: number;
}

/**
 * The default bounds: 32 MiB (a lesson with its plots is well under 5 MiB), nesting 100 deep
 * (nbformat itself nests 6 deep, a plotly figure about 10 more), 5,000 cells.
 */
export const NOTEBOOK_LIMITS: Readonly<NotebookLimits> = {
  maxBytes: 32 * 1024 ** 2,
  maxDepth: 100,
  maxCells: 5_000,
};

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;
}

// The deepest nesting of arrays and objects in JSON text, counted without parsing it; stops
// counting past `limit`.
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) {
        i += 1;
      } else if (char === 0x22) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) {
          return deepest;
        }
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
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
 * notebook, not nbformat 4, beyond `limits` (depth, cells), or a cell is malformed (the message
 * names the cell index).
 */
export function parseNotebook(
  text: string,
  file = "<notebook>",
  limits: NotebookLimits = NOTEBOOK_LIMITS,
): Notebook {
  if (nestingDepth(text, limits.maxDepth) > limits.maxDepth) {
    throw new NotebookError(
      file,
      `not read: its JSON nests more than ${limits.maxDepth} levels deep (a notebook nests ` +
        `about 6; metadata or outputs were made to exhaust the reader)`,
    );
  }
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
  if (value.cells.length > limits.maxCells) {
    throw new NotebookError(
      file,
      `not read: it has ${value.cells.length} cells; gradbook reads notebooks of up to ` +
        `${limits.maxCells} cells`,
    );
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

/** How to read a notebook file. */
export interface ReadOptions {
  /** Refuse a symbolic link instead of following it (as the grader does for submissions). */
  refuseLinks?: boolean;
  /** Bounds (default `NOTEBOOK_LIMITS`). */
  limits?: NotebookLimits;
}

function openReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "ELOOP":
      return "is a symbolic link; links are not followed (copy the notebook itself)";
    case "EACCES":
      return "cannot be read (permission denied)";
    default:
      return error.message;
  }
}

// The file's text, opened without following a final link (when asked) and without blocking
// on a pipe; only a regular file within the size bound is read.
function readBounded(path: string | Buffer, file: string, options: ReadOptions): string {
  const limits = options.limits ?? NOTEBOOK_LIMITS;
  const flags =
    fs.constants.O_RDONLY |
    fs.constants.O_NONBLOCK |
    (options.refuseLinks ? fs.constants.O_NOFOLLOW : 0);
  let fd: number;
  try {
    fd = fs.openSync(path, flags);
  } catch (error) {
    throw new NotebookError(file, openReason(error as NodeJS.ErrnoException));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) {
      throw new NotebookError(file, "is a folder, not a notebook file");
    }
    if (!stat.isFile()) {
      throw new NotebookError(file, "is not a regular file (a pipe, a socket or a device)");
    }
    if (stat.size > limits.maxBytes) {
      throw new NotebookError(
        file,
        `not read: the file is ${mebibytes(stat.size)}; gradbook reads notebooks up to ` +
          `${mebibytes(limits.maxBytes)} (clear the outputs before handing it in)`,
      );
    }
    return fs.readFileSync(fd, "utf8");
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Read and parse a notebook file (a path, or its bytes as a Buffer); a missing, unreadable,
 * oversized or (with `refuseLinks`) linked file is a `NotebookError` too, naming the file with
 * `pathText`.
 */
export function readNotebook(path: string | Buffer, options: ReadOptions = {}): Notebook {
  const file = typeof path === "string" ? path : pathText(path);
  return parseNotebook(readBounded(path, file, options), file, options.limits);
}
