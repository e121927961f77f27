/**
 * How a traced op reads with its operands' names, TensorSensor's way: `xOne [5] @ errorOne [3]`
 * for a binary operator, `sum(X [4, 3])` for anything else. The text trace, its HTML and the
 * extension's shape-trace view all write it with this.
 */
import type { TraceOp } from "./bundles";
import { formatShape } from "./shape-format";

/** Ops written as an infix operator between their two operands (numpy's spelling). */
const OPERATORS: Record<string, string> = {
  matmul: "@",
  add: "+",
  sub: "-",
  mul: "*",
  div: "/",
  pow: "**",
};

/** Each operand as `name [shape]`, or null when the op has no operand names. */
export function namedOperands(op: TraceOp): string[] | null {
  const names = op.operands;
  if (names === undefined || names.length !== op.inputs.length) return null;
  return op.inputs.map((shape, i) => `${names[i]} ${formatShape(shape)}`);
}

/**
 * `xOne [5] @ errorOne [3]`, `sum(X [4, 3])`: the op with its named operands; null when the
 * trace could not name them.
 */
export function formatCall(op: TraceOp): string | null {
  const operands = namedOperands(op);
  if (operands === null) return null;
  const symbol = OPERATORS[op.op];
  if (symbol !== undefined && operands.length === 2)
    return `${operands[0]} ${symbol} ${operands[1]}`;
  return `${op.op}(${operands.join(", ")})`;
}
