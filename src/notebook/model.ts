/**
 * The Jupyter notebook model (nbformat 4) as gradbook reads and writes it: JSON values, cell
 * outputs, cells and the notebook, and nbformat's multi-line strings (read.ts parses and
 * validates a file into this model, write.ts writes it back byte for byte as nbformat does).
 */
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

/** The text of a multi-line string, joined. */
export function sourceText(source: MultilineString): string {
  return typeof source === "string" ? source : source.join("");
}

/** Split text into nbformat's list of lines, each but the last keeping its `\n`. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}
