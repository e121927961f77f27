/**
 * The one place every tensor op reports to when a shape trace is running (`traceShapes` in
 * src/check builds on it). When nobody listens the cost is a single null check at the call site:
 *
 *   if (recorder !== null) recordOp({ op: "add", inputs: [a.shape, b.shape], output });
 *
 * so the record object is never even built outside a trace.
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

/** Hands `record` to the listener, if any. Call sites check `recorder !== null` first. */
export function recordOp(record: OpRecord): void {
  if (recorder !== null) recorder(record);
}
