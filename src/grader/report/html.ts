/**
 * The pieces every page gradbook writes shares (feedback, class overview): escaping, a page with
 * its style inlined, and terminal colour codes removed from text. Pages are self-contained: no
 * script, no external address, so they open offline and nothing in them runs.
 */

/** `text` safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** `text` without ANSI escape sequences (colours, cursor moves) that tracebacks carry. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g, "");
}

const BASE_STYLE = `
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; margin: 0.3rem 0; }
.passed { color: #1a7f37; } .failed { color: #b42318; } .partial { color: #9a6700; } .pending { color: #555; }
.note { color: #555; font-style: italic; }
`;

/** A whole page: `title` (escaped here), the shared style plus `style`, and `body` (HTML). */
export function page(title: string, body: string, style = ""): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title>\n<style>${BASE_STYLE}${style}</style></head><body>\n` +
    `${body}\n</body></html>\n`
  );
}
