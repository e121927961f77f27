import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import {
  NotebookError,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  sourceText,
  splitLines,
  writeNotebook,
  type CodeCell,
} from "../../../src/notebook";

// Written by Python's nbformat.write (nbformat 5.10): every output type, nbgrader metadata,
// non-ASCII text, an empty cell. Our writer must reproduce it byte for byte.
const FIXTURE = path.join(__dirname, "../../fixtures/notebooks/nbformat-roundtrip.ipynb");
const fixtureText = fs.readFileSync(FIXTURE, "utf8");

function minimal(cells: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
}

describe("parseNotebook and serializeNotebook", () => {
  test("round-trip a notebook written by nbformat byte for byte", () => {
    const notebook = parseNotebook(fixtureText, FIXTURE);
    expect(serializeNotebook(notebook)).toBe(fixtureText);
  });

  test("expose cells, joined sources, outputs and metadata", () => {
    const notebook = readNotebook(FIXTURE);
    expect(notebook.cells.map((cell) => cell.cell_type)).toEqual([
      "markdown",
      "code",
      "code",
      "code",
      "raw",
      "code",
    ]);
    const first = notebook.cells[1] as CodeCell;
    expect(sourceText(first.source)).toBe('const lambda = 0.5;\nconsole.log("λ =", lambda);');
    expect(first.execution_count).toBe(1);
    expect(first.outputs[0]).toEqual({
      output_type: "stream",
      name: "stdout",
      text: ["λ = 0.5\n", "second line\n"],
    });
    const second = notebook.cells[2] as CodeCell;
    expect(second.metadata.nbgrader).toMatchObject({ grade_id: "show-w", points: 2, locked: true });
    expect(second.outputs[0]).toMatchObject({
      output_type: "display_data",
      data: { "application/vnd.gradbook.tensor+json": { shape: [2], data: [1, 2] } },
    });
  });

  test("split strings written as one piece into nbformat's lines, but leave JSON MIME data whole", () => {
    const text = minimal([
      {
        cell_type: "code",
        source: "a\nb\n",
        metadata: {},
        execution_count: null,
        outputs: [
          { output_type: "stream", name: "stdout", text: "x\ny" },
          {
            output_type: "display_data",
            data: { "text/plain": "p\nq", "application/json": { k: "v\nw" } },
            metadata: {},
          },
        ],
      },
    ]);
    const written = JSON.parse(serializeNotebook(parseNotebook(text)));
    expect(written.cells[0].source).toEqual(["a\n", "b\n"]);
    expect(written.cells[0].outputs[0].text).toEqual(["x\n", "y"]);
    expect(written.cells[0].outputs[1].data["text/plain"]).toEqual(["p\n", "q"]);
    expect(written.cells[0].outputs[1].data["application/json"]).toEqual({ k: "v\nw" });
  });

  test("fill nbformat's defaults for missing metadata, outputs and execution_count", () => {
    const notebook = parseNotebook(minimal([{ cell_type: "code", source: "1" }]));
    expect(notebook.cells[0]).toEqual({
      cell_type: "code",
      source: "1",
      metadata: {},
      outputs: [],
      execution_count: null,
    });
  });
});

describe("parse errors name the file and what is wrong", () => {
  const cases: [string, string, string][] = [
    ["empty file", "", "bad.ipynb: not a notebook: not valid JSON (the file is empty)"],
    ["not JSON", "print('hello')", "bad.ipynb: not a notebook: not valid JSON ("],
    [
      "JSON but not a notebook",
      '{"name": "gradbook"}',
      'bad.ipynb: not a notebook: JSON without "nbformat" and a "cells" list',
    ],
    ["a JSON array", "[1, 2]", 'bad.ipynb: not a notebook: JSON without "nbformat"'],
    [
      "nbformat 3",
      '{"nbformat": 3, "cells": []}',
      "bad.ipynb: nbformat 3 is not supported; convert it to version 4",
    ],
    [
      "a bad cell type",
      minimal([{ cell_type: "python", source: "" }]),
      'bad.ipynb: cell 0: cell_type must be "code", "markdown" or "raw", got "python"',
    ],
    [
      "a bad source",
      minimal([{ cell_type: "code", source: 5 }]),
      "bad.ipynb: cell 0: source must be a string or a list of strings",
    ],
    [
      "a bad output",
      minimal([
        { cell_type: "markdown", source: "" },
        {
          cell_type: "code",
          source: "",
          outputs: [{ output_type: "stream", name: "stdin", text: "" }],
        },
      ]),
      'bad.ipynb: cell 1, output 0: a stream output needs name "stdout"/"stderr" and text',
    ],
  ];
  test.each(cases)("%s", (_name, text, message) => {
    let caught: unknown;
    try {
      parseNotebook(text, "bad.ipynb");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotebookError);
    expect((caught as NotebookError).message.startsWith(message)).toBe(true);
    expect((caught as NotebookError).file).toBe("bad.ipynb");
    expect((caught as NotebookError).message).toBe(
      `bad.ipynb: ${(caught as NotebookError).reason}`,
    );
  });

  test("a missing file and a folder are NotebookErrors too", () => {
    expect(() => readNotebook("/nonexistent/x.ipynb")).toThrow(
      new NotebookError("/nonexistent/x.ipynb", "no such file"),
    );
    expect(() => readNotebook(os.tmpdir())).toThrow("is a folder, not a notebook file");
  });
});

describe("writeNotebook and splitLines", () => {
  test("writes what serializeNotebook returns", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-nb-"));
    try {
      const file = path.join(dir, "out.ipynb");
      writeNotebook(file, readNotebook(FIXTURE));
      expect(fs.readFileSync(file, "utf8")).toBe(fixtureText);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("splitLines keeps newlines and joins back to the text", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("a\n\nb")).toEqual(["a\n", "\n", "b"]);
    for (const text of ["", "x", "x\ny\n", "\n\n"]) {
      expect(splitLines(text).join("")).toBe(text);
    }
  });
});
