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

import type { TraceOp } from "../protocol";

/**
 * One executed op: the protocol's trace entry (its name, each tensor operand's shape, the
 * result's, the broadcast shape and op-specific details) for an op that completed. Its arrays
 * are the record's own copies: a listener can keep or change them without reaching a tensor.
 */
export type OpRecord = TraceOp & { output: number[] };

/** What a record takes from an operand or a result: its shape (a Tensor, a view, a Dense). */
export interface Shaped {
  readonly shape: readonly number[];
}

/** What an op may add to its record besides the shapes. */
export interface RecordExtra {
  broadcast?: readonly number[];
  detail?: Record<string, string | number>;
}

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
    const shapes = inputs.map((input) => [...input.shape]);
    const { broadcast, detail } = extra?.() ?? {};
    recorder({
      op,
      inputs: shapes,
      output: [...result.shape],
      ...(broadcast === undefined ? {} : { broadcast: [...broadcast] }),
      ...(detail === undefined ? {} : { detail: { ...detail } }),
    });
  }
  return result;
}

/** Hands `record` to the listener, if any: for code outside the library that records its own ops. */
export function recordOp(record: OpRecord): void {
  if (recorder !== null) recorder(record);
}
