/**
 * What a test cell runs as, so that the names it relies on mean what the instructor meant.
 * tslab compiles a name that an earlier cell declared into a read of a shared `exports` object,
 * which student code can declare again (`function assertClose() {}`) or overwrite at run time
 * (`__tslab__.exports.assertClose = …`, even from inside a function the test calls). So:
 * - a test cell runs with, on its first line (line numbers stay), `"use strict";` (a student
 *   function then cannot read the test through `.caller`), the batch's test marker as a second
 *   directive (the kernel guard then hides the source of the test's functions from
 *   `Function.prototype.toString`, src/preload/hide-test-source.ts) and the imports of read-only
 *   and test cells that it uses, repeated: local bindings to modules the kernel guard hardened;
 * - after its last line, the function declarations of read-only and test cells that it uses
 *   (directly or through each other), repeated: hoisted local bindings;
 * - a student cell that declares the name of a standard global (`const Math = …`) is not run
 *   (`refusedDeclarations`), so such names always reach the locked, frozen globals.
 * Values that read-only cells compute (data) are not re-bound: see docs/grading.md.
 */
import { randomBytes } from "node:crypto";
import type * as TS from "@tslab/typescript-for-tslab";
import { STANDARD_GLOBALS } from "../../preload/contract";
import type { Assignment } from "../authoring/markup";
import { sourceText } from "../../notebook";
import { ts } from "../authoring/typescript";

/** A test cell ready to execute, and how far its first line was shifted to the right. */
export interface ProtectedTestCell {
  code: string;
  prefixLength: number;
}

interface ImportBinding {
  module: string;
  /** `{ imported as local }`, `default`, or `* as local`. */
  kind: "named" | "default" | "namespace";
  imported: string;
  local: string;
}

interface CellBindings {
  imports: ImportBinding[];
  /** Function declarations with a body, by name: their full source text. */
  functions: Map<string, string>;
  /** Every name the cell declares at its top level. */
  declared: Set<string>;
  /** Every identifier the cell mentions (a superset of the names it uses). */
  referenced: Set<string>;
}

function parse(text: string): TS.SourceFile {
  return ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function bindingNames(name: TS.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) {
    out.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) {
      bindingNames(element.name, out);
    }
  }
}

function importsOf(statement: TS.ImportDeclaration): ImportBinding[] {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) {
    return [];
  }
  const module = statement.moduleSpecifier.text;
  const out: ImportBinding[] = [];
  if (clause.name) {
    out.push({ module, kind: "default", imported: "default", local: clause.name.text });
  }
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    out.push({ module, kind: "namespace", imported: "*", local: named.name.text });
  } else if (named) {
    for (const element of named.elements) {
      const imported = (element.propertyName ?? element.name).text;
      out.push({ module, kind: "named", imported, local: element.name.text });
    }
  }
  return out;
}

function referencedNames(node: TS.Node, out: Set<string>): void {
  if (ts.isIdentifier(node)) {
    const parent = node.parent;
    const isMemberName =
      (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
      (ts.isQualifiedName(parent) && parent.right === node) ||
      (ts.isPropertyAssignment(parent) && parent.name === node);
    if (!isMemberName) {
      out.add(node.text);
    }
  }
  node.forEachChild((child) => referencedNames(child, out));
}

function cellBindings(text: string): CellBindings {
  const file = parse(text);
  const bindings: CellBindings = {
    imports: [],
    functions: new Map(),
    declared: new Set(),
    referenced: new Set(),
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const imports = importsOf(statement);
      bindings.imports.push(...imports);
      imports.forEach((binding) => bindings.declared.add(binding.local));
    } else if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((d) =>
        bindingNames(d.name, bindings.declared),
      );
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement) ||
        ts.isImportEqualsDeclaration(statement)) &&
      statement.name !== undefined &&
      ts.isIdentifier(statement.name)
    ) {
      bindings.declared.add(statement.name.text);
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        bindings.functions.set(
          statement.name.text,
          text.slice(statement.getStart(file), statement.end),
        );
      }
    }
  }
  referencedNames(file, bindings.referenced);
  return bindings;
}

function importStatement(bindings: ImportBinding[]): string {
  const byModule = new Map<string, ImportBinding[]>();
  for (const binding of bindings) {
    byModule.set(binding.module, [...(byModule.get(binding.module) ?? []), binding]);
  }
  const statements: string[] = [];
  for (const [module, list] of byModule) {
    const from = JSON.stringify(module);
    for (const binding of list.filter((b) => b.kind !== "named")) {
      const clause = binding.kind === "default" ? binding.local : `* as ${binding.local}`;
      statements.push(`import ${clause} from ${from};`);
    }
    const named = list.filter((b) => b.kind === "named");
    if (named.length > 0) {
      const specifiers = named.map((b) =>
        b.imported === b.local ? b.local : `${b.imported} as ${b.local}`,
      );
      statements.push(`import { ${specifiers.join(", ")} } from ${from};`);
    }
  }
  return statements.join(" ");
}

/** A fresh test marker (see the file comment): unguessable, made once per batch. */
export function newTestMarker(): string {
  return `gradbook test cell ${randomBytes(16).toString("hex")}`;
}

/**
 * The protected code of every test cell of `assignment`, by the cell's index in the source
 * notebook (see the file comment), marked with `testMarker` when given.
 */
export function protectTestCells(
  assignment: Assignment,
  testMarker?: string,
): Map<number, ProtectedTestCell> {
  const result = new Map<number, ProtectedTestCell>();
  const imports = new Map<string, ImportBinding>();
  const functions = new Map<string, { text: string; referenced: Set<string> }>();
  for (const marked of assignment.cells) {
    if (marked.role !== "tests" && marked.role !== "readonly") {
      continue;
    }
    if (marked.cell.cell_type !== "code") {
      continue;
    }
    const text = sourceText(marked.cell.source);
    const own = cellBindings(text);
    if (marked.role === "tests") {
      result.set(marked.index, protect(text, own, imports, functions, testMarker));
    }
    own.imports.forEach((binding) => imports.set(binding.local, binding));
    for (const [name, source] of own.functions) {
      functions.set(name, { text: source, referenced: cellBindings(source).referenced });
    }
  }
  return result;
}

function protect(
  text: string,
  own: CellBindings,
  imports: ReadonlyMap<string, ImportBinding>,
  functions: ReadonlyMap<string, { text: string; referenced: Set<string> }>,
  testMarker: string | undefined,
): ProtectedTestCell {
  const used = new Set(own.referenced);
  const helpers: string[] = [];
  const pending = [...used];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const helper = functions.get(name);
    if (helper === undefined || own.declared.has(name) || helpers.includes(name)) {
      continue;
    }
    helpers.push(name);
    for (const inner of helper.referenced) {
      if (!used.has(inner)) {
        used.add(inner);
        pending.push(inner);
      }
    }
  }
  const free = [...used].filter((name) => !own.declared.has(name) && !helpers.includes(name));
  const neededImports = free
    .flatMap((name) => {
      const binding = imports.get(name);
      return binding ? [binding] : [];
    })
    .sort((a, b) => a.module.localeCompare(b.module) || a.local.localeCompare(b.local));
  const parts = ['"use strict";'];
  if (testMarker !== undefined) {
    parts.push(`${JSON.stringify(testMarker)};`);
  }
  if (neededImports.length > 0) {
    parts.push(importStatement(neededImports));
  }
  const prefix = `${parts.join(" ")} `;
  const suffix = helpers
    .sort()
    .map((name) => `\n${functions.get(name)?.text ?? ""}`)
    .join("");
  return { code: prefix + text + suffix, prefixLength: prefix.length };
}

const STANDARD = new Set(STANDARD_GLOBALS);

/**
 * The standard globals (Math, Object, Array, …) that a cell declares at its top level; a
 * student cell that declares any is not run (see the file comment).
 */
export function refusedDeclarations(text: string): string[] {
  return [...cellBindings(text).declared].filter((name) => STANDARD.has(name)).sort();
}
