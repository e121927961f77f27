/**
 * Small HTML pieces for the `text/html` of bundles: plain tables that read well in classic
 * Jupyter and on GitHub (which keeps table markup but strips styles and classes).
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe to place in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** A table with an optional caption and header row; cells are text (escaped here). */
export function htmlTable(
  rows: readonly (readonly string[])[],
  options: { caption?: string; header?: readonly string[] } = {},
): string {
  const parts = ["<table>"];
  if (options.caption !== undefined)
    parts.push(`<caption>${escapeHtml(options.caption)}</caption>`);
  if (options.header !== undefined) {
    const cells = options.header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join("");
    parts.push(`<thead><tr>${cells}</tr></thead>`);
  }
  parts.push("<tbody>");
  for (const row of rows) {
    parts.push(`<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`);
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

/** A paragraph of escaped text. */
export function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}
