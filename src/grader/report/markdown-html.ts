/**
 * Markdown as safe HTML, for markdown cells in feedback pages: the text is escaped first, then
 * only headings, paragraphs, lists, pipe tables, fenced code, emphasis and inline code are
 * turned into markup. HTML in the markdown is shown as text, links as their text and address
 * (no anchor), images as a note; math stays as written. Small on purpose: a student's markdown
 * must never become markup of its own.
 */
import { escapeHtml } from "./html";

interface Block {
  kind: "fence" | "heading" | "table" | "list" | "paragraph";
  lines: string[];
  level?: number;
}

const FENCE = /^\s*```/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '<span class="note">[image: $1]</span>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>");
}

// Consecutive lines of one kind make a block; a blank line ends one.
function blocks(source: string): Block[] {
  const lines = source.split("\n");
  const out: Block[] = [];
  let open: Block | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = HEADING.exec(line);
    if (FENCE.test(line)) {
      const body: string[] = [];
      for (i += 1; i < lines.length && !FENCE.test(lines[i]); i++) {
        body.push(lines[i]);
      }
      out.push({ kind: "fence", lines: body });
      open = undefined;
    } else if (heading) {
      out.push({ kind: "heading", lines: [heading[2]], level: heading[1].length });
      open = undefined;
    } else if (line.trim() === "") {
      open = undefined;
    } else {
      const kind = /^\s*\|/.test(line) ? "table" : ITEM.test(line) ? "list" : "paragraph";
      if (open?.kind === kind) {
        open.lines.push(line);
      } else {
        open = { kind, lines: [line] };
        out.push(open);
      }
    }
  }
  return out;
}

function tableHtml(lines: readonly string[]): string {
  const rows = lines
    .filter((line) => !TABLE_RULE.test(line))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|"),
    );
  const cells = (row: string[], tag: string) =>
    row.map((cell) => `<${tag}>${inline(cell.trim())}</${tag}>`).join("");
  const [head, ...body] = rows;
  return (
    `<table><thead><tr>${cells(head ?? [], "th")}</tr></thead><tbody>` +
    `${body.map((row) => `<tr>${cells(row, "td")}</tr>`).join("")}</tbody></table>`
  );
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "fence":
      return `<pre><code>${escapeHtml(block.lines.join("\n"))}</code></pre>`;
    case "heading": {
      const level = Math.min(6, (block.level ?? 1) + 2);
      return `<h${level}>${inline(block.lines[0])}</h${level}>`;
    }
    case "table":
      return tableHtml(block.lines);
    case "list":
      return `<ul>${block.lines.map((line) => `<li>${inline(ITEM.exec(line)?.[1] ?? line)}</li>`).join("")}</ul>`;
    case "paragraph":
      return `<p>${inline(block.lines.map((line) => line.trim()).join(" "))}</p>`;
  }
}

/** Markdown as safe HTML (see the file comment). */
export function markdownHtml(source: string): string {
  return blocks(source).map(blockHtml).join("\n");
}
