/**
 * A notebook's cells and outputs as static, safe HTML for the feedback page. Nothing a student
 * wrote reaches the page as markup: code, text and HTML outputs are escaped (an HTML output is
 * shown as its text), markdown goes through a small renderer that escapes first
 * (markdown-html.ts), images are inlined as `data:` addresses (an SVG
 * inside `<img>`, where its scripts do not run), and a plotly figure, which needs a script,
 * becomes a note saying what it showed. No external address is ever written.
 */
import type { Cell, JSONValue, MimeBundle, Output } from "../../notebook";
import { escapeHtml, stripAnsi } from "./html";
import { markdownHtml } from "./markdown-html";

const PLOTLY = "application/vnd.plotly.v1+json";
const RASTER = ["image/png", "image/jpeg", "image/gif"];

function text(value: JSONValue | undefined): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  if (Array.isArray(value) && value.every((line) => typeof line === "string")) {
    return value.join("");
  }
  return undefined;
}

function field(value: JSONValue | undefined, key: string): JSONValue | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value[key]
    : undefined;
}

// A plotly title is a string or { text }.
function plotTitle(figure: JSONValue | undefined): string | undefined {
  const title = field(field(figure, "layout"), "title");
  const text = typeof title === "string" ? title : field(title, "text");
  return typeof text === "string" && text.trim() !== "" ? text.slice(0, 200) : undefined;
}

function plotlyNote(figure: JSONValue | undefined): string {
  const data = field(figure, "data");
  const kinds = (Array.isArray(data) ? data : []).map((trace) => {
    const kind = field(trace, "type");
    return typeof kind === "string" ? kind : "scatter";
  });
  const counted = [...new Set(kinds)].map(
    (kind) => `${kinds.filter((k) => k === kind).length} ${kind}`,
  );
  const what = counted.length > 0 ? ` (${counted.join(", ")})` : "";
  const title = plotTitle(figure);
  return (
    `<p class="note">A plot was shown here${title ? `: “${escapeHtml(title)}”` : ""}` +
    `${escapeHtml(what)}. Open the notebook that came with this page in JupyterLab to see it.</p>`
  );
}

function richOutput(data: MimeBundle): string {
  for (const mime of RASTER) {
    const base64 = text(data[mime])?.replace(/\s+/g, "");
    if (base64 !== undefined && /^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      return `<img alt="an image output" src="data:${mime};base64,${base64}">`;
    }
  }
  const svg = text(data["image/svg+xml"]);
  if (svg !== undefined) {
    const encoded = Buffer.from(svg, "utf8").toString("base64");
    return `<img alt="an SVG output" src="data:image/svg+xml;base64,${encoded}">`;
  }
  if (data[PLOTLY] !== undefined) {
    return plotlyNote(data[PLOTLY]);
  }
  const plain = text(data["text/plain"]);
  if (plain !== undefined) {
    return `<pre class="output">${escapeHtml(stripAnsi(plain))}</pre>`;
  }
  const html = text(data["text/html"]);
  if (html !== undefined) {
    return `<p class="note">An HTML output, shown as its source:</p><pre class="output">${escapeHtml(html)}</pre>`;
  }
  const kinds = Object.keys(data).map(escapeHtml).join(", ");
  return `<p class="note">An output of type ${kinds} was shown here.</p>`;
}

/** One output as HTML. */
export function outputHtml(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="output ${output.name}">${escapeHtml(stripAnsi(text(output.text) ?? ""))}</pre>`;
    case "error": {
      const lines =
        output.traceback.length > 0 ? output.traceback : [`${output.ename}: ${output.evalue}`];
      return `<pre class="output error failed">${escapeHtml(stripAnsi(lines.join("\n")))}</pre>`;
    }
    case "display_data":
    case "execute_result":
      return richOutput(output.data);
  }
}

/** A cell as HTML: its source (markdown rendered), its outputs, and `aside` (HTML) beside it. */
export function cellHtml(cell: Cell, aside = ""): string {
  const body =
    cell.cell_type === "markdown"
      ? `<div class="markdown">${markdownHtml(text(cell.source) ?? "")}</div>`
      : `<pre class="source"><code>${escapeHtml(text(cell.source) ?? "")}</code></pre>`;
  const outputs = cell.cell_type === "code" ? cell.outputs.map(outputHtml).join("\n") : "";
  const count =
    cell.cell_type === "code" ? `<div class="count">[${cell.execution_count ?? " "}]</div>` : "";
  return (
    `<section class="cell ${cell.cell_type}">${count}<div class="cell-body">${body}` +
    `${outputs ? `<div class="outputs">${outputs}</div>` : ""}</div>${aside}</section>`
  );
}
