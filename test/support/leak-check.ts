// Looks for hidden test code in what the grader writes for a student, in every encoding an
// attacker could smuggle it out with: verbatim, JSON- or HTML-escaped, base64 at any alignment,
// hex, reversed, character codes, URI-escaped, and split across lines or spaced out.
import { cellLines, findRegions } from "../../src/grader/authoring/markup";
import type { Notebook } from "../../src/notebook";

/** Hidden test lines shorter than this are too generic to count as leaked (`}`, `];`). */
const MIN_SECRET = 12;

/** The trimmed lines of every hidden-test region of `source` that are long enough to matter. */
export function hiddenTestLines(source: Notebook): string[] {
  return source.cells
    .flatMap((cell) => {
      const lines = cellLines(cell);
      return findRegions(lines, cell.cell_type)
        .regions.filter((region) => region.kind === "hidden")
        .flatMap((region) => lines.slice(region.begin + 1, region.end));
    })
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_SECRET && !line.startsWith("//"));
}

function base64Alignments(text: string): string[] {
  // base64 of a longer string holding `text` at offset p encodes text's middle like one of these.
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.from("x".repeat(shift) + text).toString("base64");
    return encoded.slice(shift === 0 ? 0 : 4, -4);
  });
}

function charCodes(text: string, separator: string): string {
  return [...text].map((char) => char.codePointAt(0)).join(separator);
}

const withoutSpace = (text: string): string => text.replace(/\s|\\n|\\t|\\r/g, "");

/** What `secret` looks like in each encoding the file comment lists. */
export function encodingsOf(secret: string): string[] {
  const html = secret
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  const hex = Buffer.from(secret).toString("hex");
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    html,
    [...secret].reverse().join(""),
    hex,
    hex.toUpperCase(),
    charCodes(secret, ","),
    charCodes(secret, ", "),
    encodeURIComponent(secret),
    ...base64Alignments(secret),
  ].filter((encoded) => encoded.length >= MIN_SECRET);
}

/**
 * The secrets of `secrets` that `text` (a result file) holds in any encoding, with the first
 * encoding found, for a readable failure.
 */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const spaceless = withoutSpace(text);
  return secrets.flatMap((secret) => {
    const found = encodingsOf(secret).find(
      (encoded) => text.includes(encoded) || spaceless.includes(withoutSpace(encoded)),
    );
    return found === undefined ? [] : [`${secret} (as ${found.slice(0, 40)})`];
  });
}
