/**
 * A cell's error as a student should read it. The kernel client already drops tslab's and
 * Node's stack frames; what is left can still hold the compiled code around the failing line
 * (Node prefixes an error thrown by a script with "file:line", that source line and a caret),
 * the cell's own frames (meaningless line numbers of the compiled code), the brackets Node puts
 * around a stack it does not recognise, terminal control sequences a student's message may carry
 * (ANSI escapes, carriage returns that overwrite a line when printed), and, in a test cell,
 * lines of hidden tests. All of that is removed; type errors on a test cell's first line get their column back
 * (sandbox/test-cell.ts prefixes that line).
 */
import type { ExecuteStatus } from "../../kernel/kernel-client";
import type { CellOutcome } from "./results";

/** How to clean one cell's error text. */
export interface CleanOptions {
  /** Characters that were prefixed to the cell's first line. */
  prefixLength?: number;
  /** Lines of hidden test code that must not appear. */
  hiddenLines?: readonly string[];
  /** Longest text kept, in characters (default 4000). */
  maxChars?: number;
}

const FRAME = /^\s+at\s/;
const ARROW_HEAD = /^\[?\S+:\d+$/;
const CARET = /^\s*\^+\s*$/;
const BRACKETED_ERROR = /^\[(?=[\w$.]*Error\b)/;
const PROPERTY = /^\s+[\w$]+: /;
const DIAGNOSTIC = /^(\d+):(\d+) - /;
const HIDDEN_MARK = "[hidden test code]";
// ANSI escape sequences (CSI and two-character ones), then every control character but tab and
// newline: matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])|[\x00-\x08\x0b-\x1f\x7f]/g;

// Node prefixes an error thrown by a script with "file:line", the source line and a caret.
function withoutArrows(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (ARROW_HEAD.test(lines[i]) && i + 2 < lines.length && CARET.test(lines[i + 2])) {
      const bracket = lines[i].startsWith("[") ? "[" : "";
      i += lines[i + 3] === "" ? 3 : 2;
      if (bracket && i + 1 < lines.length) {
        lines[i + 1] = `[${lines[i + 1]}`;
      }
      continue;
    }
    out.push(lines[i]);
  }
  return out;
}

// Node brackets an error whose stack it does not recognise as its own ("[Error: …]", SES
// indents frames differently) and appends extra properties as "{ code: … }".
function withoutDecoration(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (BRACKETED_ERROR.test(line)) {
      line = line.slice(1);
      const next = lines[i + 1];
      if (line.endsWith("]") && (next === undefined || !FRAME.test(next))) {
        line = line.slice(0, -1);
      }
    }
    out.push(line);
  }
  const kept = out.filter((line) => !FRAME.test(line));
  for (let i = kept.length - 1; i >= 0; i--) {
    if (kept[i] !== "}") {
      continue;
    }
    let first = i;
    while (first > 0 && PROPERTY.test(kept[first - 1])) {
      first -= 1;
    }
    kept.splice(first, i - first + 1);
    i = first;
  }
  return kept;
}

function redact(line: string, hidden: readonly string[]): string {
  const trimmed = line.trim();
  if (trimmed === "") {
    return line;
  }
  const leaks = hidden.some(
    (code) => code === trimmed || (code.length >= 12 && trimmed.includes(code)),
  );
  return leaks ? HIDDEN_MARK : line;
}

/** Clean a cell's error text for feedback (see the file comment). */
export function cleanErrorText(raw: string, options: CleanOptions = {}): string {
  const hidden = (options.hiddenLines ?? [])
    .map((line) => line.trim())
    .filter((line) => line.length >= 3 && !line.startsWith("//"));
  const prefix = options.prefixLength ?? 0;
  const plain = raw.replace(TERMINAL_CONTROL, "");
  const lines = withoutDecoration(withoutArrows(plain.split("\n"))).map((line) => {
    const match = DIAGNOSTIC.exec(line);
    if (match && match[1] === "1" && prefix > 0 && Number(match[2]) > prefix) {
      return `1:${Number(match[2]) - prefix} - ${line.slice(match[0].length)}`;
    }
    return redact(line, hidden);
  });
  const text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const max = options.maxChars ?? 4000;
  return text.length > max
    ? `${text.slice(0, max)}\n… (${text.length - max} more characters)`
    : text;
}

/** The outcome of a cell from its execution status and error text. */
export function outcomeOf(status: ExecuteStatus, errorText: string): CellOutcome {
  switch (status) {
    case "ok":
      return "passed";
    case "timeout":
      return "timeout";
    case "died":
      return "kernel-died";
    case "error":
      return DIAGNOSTIC.test(errorText.trimStart()) ? "type-error" : "failed";
  }
}
