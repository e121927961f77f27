import { formatShape } from "../protocol";

/**
 * A shape that does not fit an operation. The message names the operation, every operand's
 * shape and the axis (or einsum letter) that fails, so a student can fix it without a debugger.
 * The structured fields let `traceShapes` and the shape inspector point at the broken operand.
 */
export class ShapeError extends Error {
  override readonly name = "ShapeError";
  readonly op: string;
  readonly shapes: readonly (readonly number[])[];
  /** Index of the operand that breaks, when one can be singled out. */
  readonly operand?: number;
  /** Axis of that operand (non-negative), when the failure is about one axis. */
  readonly axis?: number;

  constructor(
    op: string,
    shapes: readonly (readonly number[])[],
    detail: string,
    where: { operand?: number; axis?: number; operands?: string } = {},
  ) {
    // `operands` lets an op show its operands its own way, e.g. matmul's `[2, 3] @ [4, 5]`.
    super(`${op}: ${where.operands ?? shapes.map(formatShape).join(", ")}: ${detail}`);
    this.op = op;
    this.shapes = shapes.map((shape) => [...shape]);
    this.operand = where.operand;
    this.axis = where.axis;
  }
}

/** A linear-algebra input that has no answer: singular, not square, not positive definite. */
export class LinAlgError extends Error {
  override readonly name = "LinAlgError";
}
