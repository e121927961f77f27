/**
 * The one place every tensor op reports to when a shape trace is running (`traceShapes` in
 * src/check builds on it). Ops report through `recorded`, which returns the op's result, so a
 * public function ends in one line:
 *
 *   return recorded("linalg.inv", [a], fromDense(invKernel(a)));
 *
 * When nobody listens the cost is a single null check: the record (and any detail passed as a
 * function) is only built inside a trace.
 */

/** One executed op: its name, the shape of each tensor operand and of the result. */
export interface OpRecord {
  op: string;
  inputs: (readonly number[])[];
  output: readonly number[];
  /** The broadcast shape, present only when the operands' shapes differed and were broadcast. */
  broadcast?: readonly number[];
  /** Op-specific parameters worth showing next to the shapes (axis, keepdims, spec, …). */
  detail?: Record<string, string | number>;
}

/** What a record takes from an operand or a result: its shape (a Tensor, a view, a Dense). */
export interface Shaped {
  readonly shape: readonly number[];
}

/** What an op may add to its record besides the shapes. */
export type RecordExtra = Pick<OpRecord, "broadcast" | "detail">;

/** The active listener, or null outside a trace. Read it directly for the fast check. */
export let recorder: ((record: OpRecord) => void) | null = null;

/**
 * Installs `fn` as the listener (null removes it) and returns the previous one, so nested
 * traces can restore it in a `finally`.
 */
export function setRecorder(
  fn: ((record: OpRecord) => void) | null,
): ((record: OpRecord) => void) | null {
  const previous = recorder;
  recorder = fn;
  return previous;
}

/**
 * Reports `op` with its operands' and its result's shapes to the trace, if one is running, and
 * returns `result` unchanged: how every op records itself, as its last step (an op that throws
 * records nothing). `extra` (the broadcast shape, a detail) is called only inside a trace.
 */
export function recorded<R extends Shaped>(
  op: string,
  inputs: readonly Shaped[],
  result: R,
  extra?: () => RecordExtra,
): R {
  if (recorder !== null) {
    const shapes = inputs.map((input) => input.shape);
    recorder({ op, inputs: shapes, output: result.shape, ...extra?.() });
  }
  return result;
}

/** Hands `record` to the listener, if any: for code outside the library that records its own ops. */
export function recordOp(record: OpRecord): void {
  if (recorder !== null) recorder(record);
}
