// The folders of src/ are the architecture (docs/design.md, "Architecture"), read from the
// sources' import lines. The library imports one way (protocol ← tensor ← data, models ← check ←
// display); the host-side folders import one way (cli → grader → kernel → notebook), know
// nothing of the library, and reach the code that runs inside kernels (src/preload) only
// through its contract; preload imports nothing of the host; the extension reaches gradbook
// only through gradbook/protocol.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, test } from "vitest";

const SRC = path.resolve(__dirname, "../../src");

/** Each folder (or file) under src/, and what its files may import besides their own folder. */
const ALLOWED: Record<string, readonly string[]> = {
  protocol: [],
  tensor: ["protocol"],
  data: ["tensor", "protocol"],
  models: ["tensor", "data", "protocol"],
  check: ["tensor", "models", "protocol"],
  display: ["tensor", "models", "check", "protocol"],
  notebook: [],
  preload: [],
  kernel: ["notebook", "preload/contract.ts"],
  "grader/authoring": ["notebook"],
  "grader/sandbox": ["grader/authoring", "kernel", "notebook", "preload/contract.ts"],
  "grader/scoring": ["grader/authoring", "grader/sandbox", "kernel", "notebook"],
  "grader/report": ["grader/authoring", "grader/scoring", "notebook"],
  grader: [
    "grader/authoring",
    "grader/sandbox",
    "grader/scoring",
    "grader/report",
    "kernel",
    "notebook",
  ],
  cli: ["grader", "kernel", "notebook", "version.ts"],
};

// `import … from "./x"`, `export … from "./x"`, `import "./x"`, `require("./x")`, `import("./x")`.
const IMPORT = new RegExp(
  [
    String.raw`^(?:import|export)[^"']*?from\s*["'](\.[^"']+)["']`,
    String.raw`^import\s*["'](\.[^"']+)["']`,
    String.raw`(?:require|import)\(\s*["'](\.[^"']+)["']\s*\)`,
  ].join("|"),
  "gm",
);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

// The file an import names, relative to src/ ("kernel/wire.ts", "notebook/index.ts").
function target(file: string, specifier: string): string {
  const base = path.resolve(path.dirname(file), specifier);
  const found = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) =>
    fs.existsSync(candidate),
  );
  return path
    .relative(SRC, found ?? base)
    .split(path.sep)
    .join("/");
}

// The most specific folder of ALLOWED that holds `file` (relative to src/).
function layerOf(file: string): string | undefined {
  return Object.keys(ALLOWED)
    .filter((layer) => file.startsWith(`${layer}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function within(file: string, place: string): boolean {
  return place.endsWith(".ts") ? file === place : file.startsWith(`${place}/`);
}

describe("layers of the library, the host and the kernel", () => {
  for (const layer of Object.keys(ALLOWED)) {
    test(`${layer}/ imports only ${[layer, ...ALLOWED[layer]].join(", ")}`, () => {
      const files = sourceFiles(path.join(SRC, layer)).filter(
        (file) => layerOf(path.relative(SRC, file).split(path.sep).join("/")) === layer,
      );
      expect(files.length).toBeGreaterThan(0);
      const outside = files.flatMap((file) =>
        [...fs.readFileSync(file, "utf8").matchAll(IMPORT)].flatMap((match) => {
          const imported = target(file, match[1] ?? match[2] ?? match[3]);
          const allowed = [layer, ...ALLOWED[layer]].some((place) => within(imported, place));
          return allowed ? [] : [`${path.relative(SRC, file)} -> ${imported}`];
        }),
      );
      expect(outside).toEqual([]);
    });
  }
});

describe("the JupyterLab extension", () => {
  test("reaches gradbook only through its public contract, gradbook/protocol", () => {
    const extension = path.resolve(__dirname, "../../labextension/src");
    const imports = sourceFiles(extension).flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/from\s*["'](gradbook[^"']*)["']/g)].map(
        (match) => `${path.relative(extension, file)} -> ${match[1]}`,
      ),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !line.endsWith("-> gradbook/protocol"))).toEqual([]);
  });
});
