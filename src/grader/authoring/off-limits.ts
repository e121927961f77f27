/**
 * Off-limits functions: an exercise's declaration that the code under test must not reach some
 * library functions, usually the library's own version of the answer ("write softmax yourself").
 * Written in the exercise's solution cell, outside its solution regions, so that the released
 * cell shows it to students:
 *
 *   // OFF-LIMITS: gb.softmax, gb.logSoftmax — write the softmax yourself
 *
 * (names as the notebook imports them, comma-separated; after a dash, optionally, what the
 * exercise asks instead, completing "this exercise asks you to …"; the default is "write
 * softmax yourself"), or as cell metadata, which nbgrader keeps and ignores:
 * `"gradbook": { "off_limits": ["gb.softmax"], "off_limits_reason": "write the softmax yourself" }`.
 * The rule holds in the test cells that follow the solution cell, up to the next solution cell;
 * grading and `gradbook check` enforce it (src/preload/off-limits.ts). Functions of read-only
 * and test cells are not affected: a test may use the twin as its oracle.
 */
import type * as TS from "@tslab/typescript-for-tslab";
import { sourceText, type Cell, type JSONObject } from "../../notebook";
import type { Assignment, MarkedCell } from "./markup";
import { ts } from "./typescript";

/** A line that declares off-limits functions: the names and, after a dash, the reason. */
export const OFF_LIMITS_LINE = /^\s*\/\/\s*OFF-LIMITS:(.*)$/;

/** A function an exercise puts off-limits (the shape src/preload/contract.ts reads). */
export interface OffLimitsRule {
  /** The module (`gradbook`) and the path of the function in it (`["linalg", "inv"]`). */
  module: string;
  path: string[];
  /** The name as written (`gb.softmax`). */
  label: string;
  /** What the exercise asks instead ("write the softmax yourself"); empty for the default. */
  reason: string;
}

/** A problem with a declaration, for markup validation (markup.ts names the cell). */
export interface OffLimitsProblem {
  index: number;
  text: string;
}

interface Declared {
  names: string[];
  reason: string;
  problems: string[];
}

const DASH = /\s+(?:—|--)\s+/;
const NOTHING_DECLARED: Declared = { names: [], reason: "", problems: [] };

/** The names and reason a cell declares, from its marker lines and its metadata. */
function declared(cell: Cell): Declared {
  const result: Declared = { names: [], reason: "", problems: [] };
  for (const line of sourceText(cell.source).split("\n")) {
    const match = OFF_LIMITS_LINE.exec(line);
    if (match === null) {
      continue;
    }
    const [list, ...why] = match[1].split(DASH);
    const names = list
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    if (names.length === 0) {
      result.problems.push(`its OFF-LIMITS line names no function ("// OFF-LIMITS: gb.name")`);
    }
    result.names.push(...names);
    result.reason ||= why.join(" — ").trim().replace(/\.$/, "");
  }
  const gradbook = cell.metadata.gradbook as JSONObject | undefined;
  const metadata = gradbook?.off_limits;
  if (typeof gradbook?.off_limits_reason === "string") {
    result.reason ||= gradbook.off_limits_reason;
  }
  if (metadata !== undefined) {
    if (Array.isArray(metadata) && metadata.every((name) => typeof name === "string")) {
      result.names.push(...(metadata as string[]).filter((name) => !result.names.includes(name)));
    } else {
      result.problems.push(`its metadata gradbook.off_limits must be a list of names`);
    }
  }
  return result;
}

function importsOf(file: TS.SourceFile): Map<string, { module: string; path: string[] }> {
  const aliases = new Map<string, { module: string; path: string[] }>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    const named = clause?.namedBindings;
    if (clause?.name) {
      aliases.set(clause.name.text, { module, path: [] });
    }
    if (named && ts.isNamespaceImport(named)) {
      aliases.set(named.name.text, { module, path: [] });
    } else if (named) {
      for (const element of named.elements) {
        const imported = (element.propertyName ?? element.name).text;
        aliases.set(element.name.text, { module, path: [imported] });
      }
    }
  }
  return aliases;
}

/** The names the notebook's imports give modules and their members (`gb` → gradbook). */
function notebookAliases(
  cells: readonly MarkedCell[],
): Map<string, { module: string; path: string[] }> {
  const aliases = new Map<string, { module: string; path: string[] }>();
  for (const { cell } of cells) {
    if (cell.cell_type === "code") {
      const text = sourceText(cell.source);
      const file = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, false);
      for (const [name, target] of importsOf(file)) {
        aliases.set(name, target);
      }
    }
  }
  return aliases;
}

function resolve(
  name: string,
  aliases: ReadonlyMap<string, { module: string; path: string[] }>,
): Omit<OffLimitsRule, "reason"> | string {
  const parts = name.split(".");
  if (!parts.every((part) => /^[A-Za-z_$][\w$]*$/.test(part))) {
    return `"${name}" is not a name such as gb.softmax`;
  }
  const [head, ...rest] = parts;
  const alias = aliases.get(head);
  if (alias === undefined) {
    return (
      `"${name}": the notebook imports nothing named ${head} ` +
      `(write the name as the notebook uses it, e.g. gb.softmax after import * as gb from "gradbook")`
    );
  }
  const path = [...alias.path, ...rest];
  if (path.length === 0) {
    return `"${name}" names a whole module, not a function of it`;
  }
  return { module: alias.module, path, label: name };
}

/** The rules each solution cell declares, by cell index, and the problems found. */
function declarations(cells: readonly MarkedCell[]): {
  rules: Map<number, OffLimitsRule[]>;
  problems: OffLimitsProblem[];
} {
  const rules = new Map<number, OffLimitsRule[]>();
  const problems: OffLimitsProblem[] = [];
  const declaring = cells
    .map((marked) => ({ marked, found: declared(marked.cell) }))
    .filter(({ found }) => found.names.length > 0 || found.problems.length > 0);
  // Parsing every code cell for its imports only pays when something is declared.
  const aliases = declaring.length > 0 ? notebookAliases(cells) : new Map();
  for (const { marked, found } of declaring) {
    problems.push(...found.problems.map((text) => ({ index: marked.index, text })));
    if (marked.role !== "solution") {
      problems.push({
        index: marked.index,
        text: "declares off-limits functions but is not an autograded answer cell",
      });
      continue;
    }
    const list: OffLimitsRule[] = [];
    for (const name of found.names) {
      const rule = resolve(name, aliases);
      if (typeof rule === "string") {
        problems.push({ index: marked.index, text: `declares an off-limits function ${rule}` });
      } else {
        list.push({ ...rule, reason: found.reason });
      }
    }
    rules.set(marked.index, list);
  }
  return { rules, problems };
}

/** The test cells each solution cell's rules apply to: those up to the next solution cell. */
function testsAfter(cells: readonly MarkedCell[], solutionIndex: number): MarkedCell[] {
  const next = cells.find(
    (marked) =>
      marked.index > solutionIndex && (marked.role === "solution" || marked.role === "manual"),
  );
  return cells.filter(
    (marked) =>
      marked.role === "tests" &&
      marked.index > solutionIndex &&
      (next === undefined || marked.index < next.index),
  );
}

/** Problems of the off-limits declarations of `cells` (see the file comment). */
export function offLimitsProblems(cells: readonly MarkedCell[]): OffLimitsProblem[] {
  const { rules, problems } = declarations(cells);
  for (const [index, list] of rules) {
    if (list.length > 0 && testsAfter(cells, index).length === 0) {
      problems.push({
        index,
        text: "declares off-limits functions, but no test cell follows it before the next exercise",
      });
    }
  }
  return problems;
}

/** The off-limits functions of each test cell of `assignment`, by grade_id (valid rules only). */
export function offLimitsByTest(assignment: Assignment): Map<string, OffLimitsRule[]> {
  const byTest = new Map<string, OffLimitsRule[]>();
  for (const [index, list] of declarations(assignment.cells).rules) {
    for (const test of testsAfter(assignment.cells, index)) {
      if (list.length > 0 && test.gradeId !== undefined) {
        byTest.set(test.gradeId, [...(byTest.get(test.gradeId) ?? []), ...list]);
      }
    }
  }
  return byTest;
}

/**
 * The student version of a solution cell with its declared names (and reason) also in its
 * metadata, so that `gradbook check` still knows the rule if a student deletes the marker line.
 */
export function withOffLimitsMetadata(marked: MarkedCell, student: Cell): Cell {
  const { names, reason } = marked.role === "solution" ? declared(marked.cell) : NOTHING_DECLARED;
  if (names.length === 0) {
    return student;
  }
  const gradbook: JSONObject = {
    ...(student.metadata.gradbook as JSONObject | undefined),
    off_limits: names,
    ...(reason === "" ? {} : { off_limits_reason: reason }),
  };
  return { ...student, metadata: { ...student.metadata, gradbook } };
}

/**
 * The declared off-limits names of `assignment` that are not functions of their module, as
 * `load` (a `require` that resolves modules the way the notebooks do) loads it; one sentence
 * each. An empty list when every name resolves.
 */
export function unresolvedOffLimits(
  assignment: Assignment,
  load: (module: string) => unknown,
): string[] {
  const rules = new Map<string, OffLimitsRule>();
  for (const list of offLimitsByTest(assignment).values()) {
    list.forEach((rule) => rules.set(`${rule.module}:${rule.path.join(".")}`, rule));
  }
  return [...rules.values()].flatMap((rule) => {
    let value: unknown;
    try {
      value = rule.path.reduce<unknown>((object, key) => Object(object)[key], load(rule.module));
    } catch (error) {
      return [`off-limits ${rule.label}: cannot load ${rule.module} (${(error as Error).message})`];
    }
    return typeof value === "function"
      ? []
      : [`off-limits ${rule.label}: ${rule.module} has no function ${rule.path.join(".")}`];
  });
}
