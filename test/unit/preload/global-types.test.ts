import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type * as TS from "@tslab/typescript-for-tslab";
import { createRequire } from "node:module";
import { limitGlobalTypes } from "../../../src/preload/global-types";

// The TypeScript tslab compiles cells with, as the kernel preload patches it.
const ts = createRequire(require.resolve("tslab/package.json"))(
  "@tslab/typescript-for-tslab",
) as typeof TS;

const root = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-global-types-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// node_modules/@types with Node's types and two packages a course never uses globally.
function typeRoot(): string {
  const types = path.join(root, "node_modules", "@types");
  for (const name of ["node", "d3", "jsdom"]) {
    fs.mkdirSync(path.join(types, name), { recursive: true });
    fs.writeFileSync(path.join(types, name, "index.d.ts"), `declare const ${name}Global: 1;\n`);
  }
  fs.mkdirSync(path.join(root, "src", "@typesafe"), { recursive: true });
  fs.mkdirSync(path.join(root, "src", "lib"), { recursive: true });
  return types;
}

describe("limitGlobalTypes (tslab loads only @types/node as globals)", () => {
  const types = typeRoot();
  // As tslab's converter builds its system: Object.create(ts.sys) with its own overrides.
  const base = Object.create(ts.sys) as TS.System;
  limitGlobalTypes(base);
  const tslabSys = Object.create(base) as TS.System;

  test("TypeScript's automatic type directives shrink to node", () => {
    const host = {
      directoryExists: (dir: string) => tslabSys.directoryExists(dir),
      getDirectories: (dir: string) => tslabSys.getDirectories(dir),
      fileExists: (file: string) => tslabSys.fileExists(file),
      readFile: (file: string) => tslabSys.readFile(file),
    };
    const names = ts.getAutomaticTypeDirectiveNames({ typeRoots: [types] }, host);
    expect(names).toEqual(["node"]);
    // Unpatched, TypeScript would have loaded all three.
    const unpatched = ts.getAutomaticTypeDirectiveNames({ typeRoots: [types] }, ts.sys);
    expect([...unpatched].sort()).toEqual(["d3", "jsdom", "node"]);
  });

  test("other folders are listed whole, including ones whose name merely starts with @types", () => {
    expect(tslabSys.getDirectories(path.join(root, "src")).sort()).toEqual(["@typesafe", "lib"]);
  });

  test("installing twice changes nothing", () => {
    expect(limitGlobalTypes(base)).toBe(false);
    expect(tslabSys.getDirectories(types)).toEqual(["node"]);
  });
});
