/**
 * A notebook's cells and outputs as static, safe HTML for the feedback page. Nothing a student
 * wrote reaches the page as markup: code, text and HTML outputs are escaped (an HTML output is
 * shown as its text), markdown goes through a small renderer that escapes first and then only
 * adds headings, lists, emphasis and code, images are inlined as `data:` addresses (an SVG
 * inside `<img>`, where its scripts do not run), and a plotly figure, which needs a script,
 * becomes a note saying what it showed. No external address is ever written.
 */
import type { Cell, JSONValue, MimeBundle, Output } from "../../notebook";
import { escapeHtml, stripAnsi } from "./html";

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

function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '<span class="note">[image: $1]</span>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>");
}

/** Markdown as safe HTML (see the file comment): escaped first, then a few constructs. */
export function markdownHtml(source: string): string {
  const out: string[] = [];
  let fence: string[] | undefined;
  let list: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      out.push(`<p>${inline(escapeHtml(paragraph.join(" ")))}</p>`);
      paragraph = [];
    }
    if (list.length > 0) {
      out.push(`<ul>${list.map((item) => `<li>${inline(escapeHtml(item))}</li>`).join("")}</ul>`);
      list = [];
    }
  };
  for (const line of source.split("\n")) {
    if (fence !== undefined) {
      if (/^\s*```/.test(line)) {
        out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
        fence = undefined;
      } else {
        fence.push(line);
      }
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (/^\s*```/.test(line)) {
      flush();
      fence = [];
    } else if (heading) {
      flush();
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(escapeHtml(heading[2]))}</h${level}>`);
    } else if (item) {
      if (paragraph.length > 0) {
        flush();
      }
      list.push(item[1]);
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  if (fence !== undefined) {
    out.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
  }
  flush();
  return out.join("\n");
}

function plotlyNote(figure: JSONValue | undefined): string {
  const traces =
    typeof figure === "object" &&
    figure !== null &&
    !Array.isArray(figure) &&
    Array.isArray(figure.data)
      ? figure.data
      : [];
  const kinds = traces.map((trace) =>
    typeof trace === "object" &&
    trace !== null &&
    !Array.isArray(trace) &&
    typeof trace.type === "string"
      ? trace.type
      : "scatter",
  );
  const counted = [...new Set(kinds)].map(
    (kind) => `${kinds.filter((k) => k === kind).length} ${kind}`,
  );
  const what = counted.length > 0 ? ` (${counted.join(", ")})` : "";
  return (
    `<p class="note">A plot was shown here${escapeHtml(what)}. Open the notebook that came with ` +
    `this page in JupyterLab to see it.</p>`
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
