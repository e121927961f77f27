/**
 * What a student sees in place of a solution region: a TypeScript stub that throws "not
 * implemented" and keeps every signature the rest of the notebook needs.
 * - A region inside a function (or method) body becomes `// YOUR CODE HERE` and a
 *   `throw new Error("not implemented");` (the signature stays outside the region, as written).
 * - A region around whole declarations keeps their signatures: a function declaration, a
 *   `const f = (…) => …` and the methods of a class keep their parameters and return types
 *   with a body that throws; a class keeps its property declarations without initializers;
 *   imports, interfaces and type aliases stay as they are. Any other statement (a computation
 *   at the top level) becomes one `throw new Error("not implemented");`, like nbgrader's
 *   `raise NotImplementedError()`.
 * Comments inside a region are dropped with the code.
 */
import type * as TS from "@tslab/typescript-for-tslab";
import type { Region } from "./markup";
import { ts } from "./typescript";

/** The comment that opens every stub. */
export const STUB_COMMENT = "// YOUR CODE HERE";
/** The statement every stub throws with. */
export const STUB_THROW = 'throw new Error("not implemented");';

const STEP = "  ";

function stubBody(signature: string, indent: string, closing = "}"): string[] {
  return [
    `${indent}${signature.trimEnd()} {`,
    `${indent}${STEP}${STUB_COMMENT}`,
    `${indent}${STEP}${STUB_THROW}`,
    `${indent}${closing}`,
  ];
}

function functionInitializer(
  statement: TS.VariableStatement,
): TS.ArrowFunction | TS.FunctionExpression | undefined {
  const declarations = statement.declarationList.declarations;
  const init = declarations.length === 1 ? declarations[0].initializer : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

class StubWriter {
  constructor(
    private readonly text: string,
    private readonly file: TS.SourceFile,
  ) {}

  private slice(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  private start(node: TS.Node): number {
    return node.getStart(this.file);
  }

  /** Stubs for the statements (or class members) that lie wholly inside a region. */
  declarations(nodes: readonly TS.Node[], indent: string): string[] {
    const out: string[] = [];
    let threw = false;
    for (const node of nodes) {
      const kept = this.declaration(node, indent);
      if (kept !== undefined) {
        out.push(...kept);
      } else if (!threw) {
        out.push(`${indent}${STUB_COMMENT}`, `${indent}${STUB_THROW}`);
        threw = true;
      }
    }
    return out.length > 0 ? out : [`${indent}${STUB_COMMENT}`, `${indent}${STUB_THROW}`];
  }

  // The stub of one declaration, or undefined for a statement that computes something.
  private declaration(node: TS.Node, indent: string): string[] | undefined {
    if (
      ts.isImportDeclaration(node) ||
      ts.isImportEqualsDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isIndexSignatureDeclaration(node)
    ) {
      return [`${indent}${this.slice(this.start(node), node.end)}`];
    }
    if (ts.isFunctionDeclaration(node) && node.body) {
      return stubBody(this.slice(this.start(node), this.start(node.body)), indent);
    }
    if (ts.isFunctionDeclaration(node)) {
      return [`${indent}${this.slice(this.start(node), node.end)}`];
    }
    if (ts.isVariableStatement(node)) {
      const init = functionInitializer(node);
      return init && stubBody(this.slice(this.start(node), this.start(init.body)), indent, "};");
    }
    if (ts.isClassDeclaration(node)) {
      const header = this.slice(this.start(node), node.members.pos).trimEnd();
      const members = node.members.flatMap((member) => this.member(member, indent + STEP) ?? []);
      return [`${indent}${header}`, ...members, `${indent}}`];
    }
    return this.member(node, indent);
  }

  private member(node: TS.Node, indent: string): string[] | undefined {
    if (
      (ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node)) &&
      node.body
    ) {
      return stubBody(this.slice(this.start(node), this.start(node.body)), indent);
    }
    if (ts.isPropertyDeclaration(node)) {
      const end = node.type
        ? node.type.end
        : (node.questionToken ?? node.exclamationToken ?? node.name).end;
      return [`${indent}${this.slice(this.start(node), end)};`];
    }
    if (ts.isIndexSignatureDeclaration(node)) {
      return [`${indent}${this.slice(this.start(node), node.end)}`];
    }
    return undefined;
  }
}

interface Container {
  node: TS.Node;
  insideFunction: boolean;
}

// The deepest node that encloses [from, to), and whether a function body encloses it.
function enclosing(file: TS.SourceFile, from: number, to: number): Container {
  let node: TS.Node = file;
  let insideFunction = false;
  for (;;) {
    const child = node
      .getChildren(file)
      .find((candidate) => candidate.getStart(file) <= from && candidate.end >= to);
    if (child === undefined) {
      return { node, insideFunction };
    }
    if (ts.isFunctionLike(node) && ts.isBlock(child)) {
      insideFunction = true;
    }
    node = child;
  }
}

function membersOf(node: TS.Node): readonly TS.Node[] {
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) {
    return node.statements;
  }
  if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
    return node.members;
  }
  if (node.kind === ts.SyntaxKind.SyntaxList) {
    return node.getChildren();
  }
  return [];
}

/**
 * Replace each solution region of a code cell (given as lines and regions from `findRegions`)
 * by its stub (see the file comment). Returns the new lines.
 */
export function stubSolutionRegions(
  lines: readonly string[],
  regions: readonly Region[],
): string[] {
  const text = lines.join("\n");
  const file = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineStarts = file.getLineStarts();
  const writer = new StubWriter(text, file);
  const out = [...lines];
  const solutions = regions.filter((region) => region.kind === "solution");
  for (const region of [...solutions].sort((a, b) => b.begin - a.begin)) {
    const from = lineStarts[region.begin];
    const to = lineStarts[region.end] + lines[region.end].length;
    const indent = /^\s*/.exec(lines[region.begin])?.[0] ?? "";
    const container = enclosing(file, from, to);
    let stub: string[];
    if (container.insideFunction) {
      stub = [`${indent}${STUB_COMMENT}`, `${indent}${STUB_THROW}`];
    } else {
      const inside = membersOf(container.node).filter(
        (node) => node.getStart(file) >= from && node.end <= to,
      );
      stub = writer.declarations(inside, indent);
    }
    out.splice(region.begin, region.end - region.begin + 1, ...stub);
  }
  return out;
}

/** Syntax errors of a TypeScript cell, as "line:column message" strings (empty when it parses). */
export function syntaxErrors(text: string): string[] {
  const result = ts.transpileModule(text, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return (result.diagnostics ?? []).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${line + 1}:${character + 1} ${message}`;
    }
    return message;
  });
}
