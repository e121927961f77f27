/**
 * A search of a whole folder for the lines students must never see (authoring/secret-lines.ts):
 * every file, symbolic links followed (each real file and folder read once), binary files
 * skipped, a notebook read both as its file's lines and as its cells' lines (in the file each
 * line of a cell is a quoted JSON string). `gradbook kit` runs it on the kit it wrote; CI runs
 * it on a kit after its set-up, node_modules included.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { secretLinesIn, type SecretLine } from "../authoring/secret-lines";

/** A secret line found in a file. */
export interface FoundSecret {
  file: string;
  line: SecretLine;
}

/** What a scan read and found. */
export interface ScanReport {
  files: number;
  found: FoundSecret[];
}

// A file with a NUL byte in its first 8 KiB is binary (git's rule).
function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

type Multiline = string | string[];
interface NotebookJson {
  cells?: {
    source?: Multiline;
    outputs?: { text?: Multiline; data?: Record<string, unknown> }[];
  }[];
}

// The cells' sources and text outputs of a notebook file, or "" when it does not parse.
function notebookText(text: string): string {
  let notebook: NotebookJson;
  try {
    notebook = JSON.parse(text) as NotebookJson;
  } catch {
    return "";
  }
  const texts = (notebook.cells ?? []).flatMap((cell) => [
    cell.source,
    ...(cell.outputs ?? []).flatMap((output) => [output.text, ...Object.values(output.data ?? {})]),
  ]);
  return texts
    .map((value) =>
      Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "",
    )
    .join("\n");
}

/** Search every file under `root` for `secrets` (see the file comment). */
export function scanFolder(root: string, secrets: readonly SecretLine[]): ScanReport {
  const report: ScanReport = { files: 0, found: [] };
  const seen = new Set<string>();
  const visit = (entry: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(entry);
    } catch {
      return; // A dangling link.
    }
    if (seen.has(real)) {
      return;
    }
    seen.add(real);
    const stats = fs.statSync(real);
    if (stats.isDirectory()) {
      for (const name of fs.readdirSync(real).sort()) {
        visit(path.join(entry, name));
      }
      return;
    }
    if (!stats.isFile()) {
      return;
    }
    const buffer = fs.readFileSync(real);
    report.files += 1;
    if (!isBinary(buffer)) {
      const file = path.relative(root, entry);
      const text = buffer.toString("utf8");
      const cells = entry.endsWith(".ipynb") ? notebookText(text) : "";
      for (const line of secretLinesIn(`${text}\n${cells}`, secrets)) {
        report.found.push({ file, line });
      }
    }
  };
  visit(root);
  return report;
}
