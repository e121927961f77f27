/**
 * Which call in a traced function's source ran each recorded op, so a shape trace can say
 * `xOne.matmul(errorOne)` → `xOne [5] @ errorOne [3]` the way TensorSensor does for Python.
 *
 * The source is `fn.toString()`: in a tslab kernel the JavaScript tslab compiled the cell to,
 * where names of earlier cells read `exports.xOne` and imported functions
 * `(0, gradbook_1.matmul)`; the texts shown undo both rewrites. It is parsed with tslab's
 * TypeScript compiler, which a kernel has already loaded to compile its cells. When it cannot be
 * loaded, or the match is unsure, ops keep their plain shapes.
 *
 * A call is matched to an op only when that is certain: op by op name, the i-th recorded op to
 * the i-th call of that name in evaluation order, and only when the function has exactly as many
 * calls of that name as ops ran — a loop, a branch not taken or a helper function running the
 * same op would make the counts differ — and none of them sits in a nested function (whose
 * calls run in another order).
 */
import * as Module from "node:module";
import type * as TS from "@tslab/typescript-for-tslab";
import type { TraceOp } from "../protocol";

/** A call in the source that runs one op. */
export interface CallSite {
  /** The op's name as the trace records it. */
  op: string;
  /** The call's text, tslab's rewrites undone, on one line. */
  source: string;
  /** The texts of the receiver (for a method) and the arguments, in order. */
  operands: string[];
  /** A method call (`x.sum(0)`), whose receiver is the first operand. */
  isMethod: boolean;
  /** Inside a function nested in the traced one. */
  nested: boolean;
}

/** Method and function names whose op records under another name. */
const RECORDED_AS: Record<string, string> = { variance: "var", T: "transpose" };

/** Receivers whose methods are never tensor ops (`Math.max`, `console.log`). */
const NOT_TENSORS = new Set(["Math", "Number", "Object", "Array", "JSON", "String", "console"]);

/** Longest text kept for a call or an operand. */
const MAX_TEXT = 80;

const TYPESCRIPT_FILE = /[\\/]typescript-for-tslab[\\/]lib[\\/]typescript\.js$/;

let typescript: typeof TS | null | undefined;

/**
 * tslab's TypeScript compiler: the kernel's loaded copy when there is one (found in
 * `require.cache`, so nothing is loaded twice), else loaded through tslab as the grader does
 * (src/grader/authoring/typescript.ts); null when neither works.
 */
function loadTypeScript(): typeof TS | null {
  if (typescript !== undefined) return typescript;
  const loaded = Object.entries(require.cache).find(([file]) => TYPESCRIPT_FILE.test(file));
  try {
    typescript = (loaded?.[1]?.exports ??
      Module.createRequire(require.resolve("tslab/package.json"))(
        "@tslab/typescript-for-tslab",
      )) as typeof TS;
  } catch {
    typescript = null;
  }
  return typescript;
}

/** A call's or operand's text as the student wrote it: tslab's rewrites undone, one line. */
export function readableSource(text: string): string {
  const plain = text
    .replace(/\(0,\s*[A-Za-z_$][\w$]*\.([A-Za-z_$][\w$]*)\)/g, "$1")
    .replace(/\bexports\./g, "")
    .replace(/\s*\n\s*\./g, ".")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT - 1)}…` : plain;
}

/** The name a callee calls: `add` for `add`, `gb.add`, `(0, m.add)`, `gb.linalg.inv` → `linalg.inv`. */
function calleeName(ts: typeof TS, callee: TS.Expression): string | null {
  let node = callee;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  // tslab's CommonJS form of an imported function: (0, gradbook_1.add)
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken)
    return calleeName(ts, node.right);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const owner = node.expression;
    if (ts.isPropertyAccessExpression(owner) && owner.name.text === "linalg")
      return `linalg.${node.name.text}`;
    if (ts.isIdentifier(owner) && owner.text === "linalg") return `linalg.${node.name.text}`;
    return node.name.text;
  }
  return null;
}

/** tslab's name for a module imported in the same cell: `gradbook_1`. */
const IMPORT_ALIAS = /^[A-Za-z_$][\w$]*_\d+$/;

/**
 * True for `gb.add(…)`, `gb.linalg.inv(…)` or `(0, gradbook_1.add)(…)`: a function reached
 * through a module, whose operands are all arguments; false for a method of a value (`X.add(…)`).
 */
function isModuleFunction(ts: typeof TS, callee: TS.Expression, modules: Set<string>): boolean {
  let node = callee;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isBinaryExpression(node)) return true;
  if (!ts.isPropertyAccessExpression(node)) return false;
  let owner = node.expression;
  if (ts.isPropertyAccessExpression(owner) && owner.name.text === "linalg")
    owner = owner.expression;
  // A name of an earlier cell reads exports.gb in tslab's compiled code.
  if (ts.isPropertyAccessExpression(owner) && ts.isIdentifier(owner.expression))
    if (owner.expression.text === "exports") owner = owner.name;
  return ts.isIdentifier(owner) && (modules.has(owner.text) || IMPORT_ALIAS.test(owner.text));
}

/**
 * The session's names that hold a module (`import * as gb from "gradbook"` binds `gb`), read
 * from tslab's scope (see src/display/inspect-session.ts, sessionScope), plus the usual `gb`.
 */
function moduleNames(): Set<string> {
  const names = new Set(["gb"]);
  const scope = (globalThis as { __tslab__?: { exports?: Record<string, unknown> } }).__tslab__
    ?.exports;
  for (const [name, value] of Object.entries(scope ?? {}))
    if (value !== null && typeof value === "object" && "__esModule" in value) names.add(name);
  return names;
}

/** The traced function's node in `source`, or null when it does not parse as a function. */
function functionNode(ts: typeof TS, source: string): { file: TS.SourceFile; fn: TS.Node } | null {
  const file = ts.createSourceFile("traced.js", `(${source});`, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0];
  if (file.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement))
    return null;
  let fn: TS.Expression = statement.expression;
  while (ts.isParenthesizedExpression(fn)) fn = fn.expression;
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? { file, fn } : null;
}

/** The call's site, or null when it cannot be a tensor op (`Math.max`, an unnamed callee). */
function callSite(
  ts: typeof TS,
  call: TS.CallExpression,
  text: (node: TS.Node) => string,
  modules: Set<string>,
  nested: boolean,
): CallSite | null {
  const callee = call.expression;
  const name = calleeName(ts, callee);
  if (name === null) return null;
  const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : null;
  if (receiver !== null && NOT_TENSORS.has(text(receiver))) return null;
  const isMethod = receiver !== null && !isModuleFunction(ts, callee, modules);
  const args = call.arguments.map(text);
  return {
    op: RECORDED_AS[name] ?? name,
    source: text(call),
    operands: isMethod ? [text(receiver), ...args] : args,
    isMethod,
    nested,
  };
}

/**
 * The calls of `source` (a function's text) that may run ops, in evaluation order (a call after
 * its callee's and its arguments' calls, as JavaScript runs them); null when the source cannot
 * be read.
 */
export function callSites(source: string): CallSite[] | null {
  const ts = loadTypeScript();
  const parsed = ts === null ? null : functionNode(ts, source);
  if (ts === null || parsed === null) return null;
  const { file, fn } = parsed;
  const modules = moduleNames();
  const text = (node: TS.Node) => readableSource(node.getText(file));
  const sites: CallSite[] = [];
  const visit = (node: TS.Node, nested: boolean): void => {
    const inner = nested || (node !== fn && ts.isFunctionLike(node));
    ts.forEachChild(node, (child) => visit(child, inner));
    if (ts.isCallExpression(node)) {
      const site = callSite(ts, node, text, modules, inner);
      if (site !== null) sites.push(site);
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === "T") {
      const operands = [text(node.expression)];
      sites.push({ op: "transpose", source: text(node), operands, isMethod: true, nested: inner });
    }
  };
  visit(fn, false);
  return sites;
}

/** The operand texts of `site` for an op with `count` tensor inputs, or null when unsure. */
function operandTexts(site: CallSite, count: number): string[] | null {
  // einsum's spec (a string) comes before its tensors.
  const texts =
    !site.isMethod && /^["'`]/.test(site.operands[0] ?? "")
      ? site.operands.slice(1)
      : site.operands;
  return texts.length >= count ? texts.slice(0, count) : null;
}

/**
 * `ops` with `source` and `operands` added where a call of `source` (the traced function's text)
 * certainly ran the op (see the file comment); the same ops when none is certain.
 */
export function nameOperands(ops: readonly TraceOp[], source: string): TraceOp[] {
  const sites = callSites(source);
  if (sites === null) return [...ops];
  const seen = new Map<string, number>();
  return ops.map((op) => {
    const position = seen.get(op.op) ?? 0;
    seen.set(op.op, position + 1);
    const candidates = sites.filter((site) => site.op === op.op);
    const ranCount = ops.filter((other) => other.op === op.op).length;
    if (candidates.length !== ranCount || candidates.some((site) => site.nested)) return op;
    const site = candidates[position];
    const operands = operandTexts(site, op.inputs.length);
    return operands === null
      ? { ...op, source: site.source }
      : { ...op, source: site.source, operands };
  });
}
