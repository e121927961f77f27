import { writeFileSync } from "node:fs";

/** Writes an nbformat 4 notebook for the TypeScript (tslab) kernel: one code cell per source. */
export function writeTslabNotebook(path: string, sources: string[]): void {
  const notebook = {
    cells: sources.map((source, index) => ({
      cell_type: "code",
      id: `cell-${index}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    })),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook, null, 1) + "\n");
}

/**
 * A cell that emits one multi-MIME display (a gradbook bundle plus text/plain) through tslab's
 * internal writer, the way the library's `show` does (docs/design.md, "Display and inspector").
 */
export function emitCell(mimeType: string, bundle: unknown, text: string): string {
  return (
    `require("tslab/dist/jupyter").lastWriteDisplayData(` +
    `{ data: { ${JSON.stringify(mimeType)}: ${JSON.stringify(bundle)}, "text/plain": ${JSON.stringify(text)} }, ` +
    `metadata: {}, transient: {} }, false);`
  );
}
