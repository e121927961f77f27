/**
 * The lines students must never see: every line of every solution region and hidden test of a
 * source notebook, except trivial ones (`isTrivialLine`).
 * `gradbook assign` refuses a student version that shows one anywhere (a read-only cell that
 * repeats a solution with one change, a markdown cell that prints it), `gradbook kit` refuses a
 * kit that holds one, and CI scans the release notebooks and a kit's every file for them.
 * Lines are compared whole, after trimming, so `return w;` in a solution does not match
 * `return wFit;` elsewhere. What the stub of a region keeps on purpose (the signature of a
 * function whose whole declaration is the region) is not secret.
 */
import type { Notebook } from "../../notebook";
import { cellLines, findRegions } from "./markup";

// prettier-ignore
const KEYWORDS = new Set([
  "const", "let", "var", "return", "if", "else", "for", "of", "in", "while", "do", "break",
  "continue", "function", "new", "true", "false", "null", "undefined", "this", "typeof", "try",
  "catch", "finally", "throw",
]);

/**
 * True for a line that gives nothing away: fewer than three names and numbers besides
 * keywords, such as `}`, `} else {`, `let total = 0;` or `return best;`, lines that any program
 * may hold (gradbook's own library has the last two).
 */
export function isTrivialLine(line: string): boolean {
  const words = line.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?/g) ?? [];
  return words.filter((word) => !KEYWORDS.has(word)).length < 3;
}

/** A secret line and where it comes from, for messages. */
export interface SecretLine {
  text: string;
  /** Index of the source cell and the kind of region it is in. */
  cell: number;
  kind: "solution" | "hidden";
}

function trimmedLines(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).map((line) => line.trim()));
}

/**
 * The non-trivial lines of the solution regions and hidden tests of `source`, trimmed, less
 * those that `student` (its student version) keeps in the same cell.
 */
export function secretLines(source: Notebook, student: Notebook): SecretLine[] {
  const found = new Map<string, SecretLine>();
  source.cells.forEach((cell, index) => {
    const lines = cellLines(cell);
    const studentCell = student.cells[index];
    const kept = trimmedLines(studentCell ? cellLines(studentCell).join("\n") : "");
    for (const region of findRegions(lines, cell.cell_type).regions) {
      for (const line of lines.slice(region.begin + 1, region.end)) {
        const text = line.trim();
        if (!isTrivialLine(text) && !kept.has(text) && !found.has(text)) {
          found.set(text, { text, cell: index, kind: region.kind });
        }
      }
    }
  });
  return [...found.values()];
}

/** The secret lines that appear as a whole line (trimmed) in `text`. */
export function secretLinesIn(text: string, secrets: readonly SecretLine[]): SecretLine[] {
  const lines = trimmedLines(text);
  return secrets.filter((secret) => lines.has(secret.text));
}

/**
 * Where a student version shows a secret line of its source: one sentence per cell and line,
 * e.g. `cell 14 shows line "const dZ = …" of the solution in cell 11`.
 */
export function shownSecrets(source: Notebook, student: Notebook): string[] {
  const secrets = secretLines(source, student);
  return student.cells.flatMap((cell, index) =>
    secretLinesIn(cellLines(cell).join("\n"), secrets).map((secret) => {
      const what = secret.kind === "solution" ? "the solution" : "the hidden tests";
      return `cell ${index} shows the line "${secret.text}" of ${what} in cell ${secret.cell}`;
    }),
  );
}
