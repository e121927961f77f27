import { type OpRecord, type ShapeError, setRecorder } from "../tensor";
import { formatCall, formatShape, namedOperands, type TraceOp } from "../protocol";
import { integerAtLeast } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { nameOperands } from "./call-sites";
import { textTable } from "./text-table";

/** Options of `traceShapes`. */
export interface TraceOptions {
  /** Ops kept in the trace (default 10 000); later ones are only counted in `droppedOps`. */
  maxOps?: number;
}

const DEFAULT_MAX_OPS = 10_000;

/** Key Node's `util.inspect` (and so tslab's display of a cell's last value) looks for. */
const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * The ops a function ran, with their shapes (`traceShapes` makes it). When a ShapeError ended
 * the run, the failing op is the last entry of `ops` with `output: null` and the error is kept in
 * `error` (its `operand` and `axis` say what broke); any other exception is kept in `otherError`.
 * `show(trace)` draws it as a table; as a cell's last value it prints as text.
 */
export class ShapeTrace<T = unknown> {
  constructor(
    /** Op name, operand shapes, result shape, broadcast shape and details, in run order. */
    readonly ops: TraceOp[],
    /** Ops that ran past `maxOps`: counted, not kept. */
    readonly droppedOps: number,
    /** What the traced function returned, when it finished. */
    readonly value?: T,
    /** The ShapeError that stopped the function. */
    readonly error?: ShapeError,
    /** Anything else the function threw (always an Error; other thrown values are wrapped). */
    readonly otherError?: Error,
  ) {}

  /** True when the function ran to the end. */
  get ok(): boolean {
    return this.error === undefined && this.otherError === undefined;
  }

  /** The op that threw the ShapeError, if one did. */
  get failedOp(): TraceOp | undefined {
    return this.error === undefined ? undefined : this.ops[this.ops.length - 1];
  }

  /** The trace as a text table (what `text/plain` shows). */
  toString(): string {
    return formatTrace(this);
  }

  [inspectSymbol](): string {
    return formatTrace(this);
  }
}

/**
 * Runs `fn` and records every tensor op it executes — op name, operand shapes, result shape,
 * the broadcast that happened, einsum's spec with the size bound to each letter, a reduction's
 * axis — like TensorSensor for Python:
 *
 *   const trace = traceShapes(() => X.matmul(W).add(b));
 *   show(trace);
 *
 * Never throws: a ShapeError inside ends the trace at the failing op (kept in `trace.error`),
 * any other exception is kept in `trace.otherError`. Traces nest (an outer trace sees the inner
 * one's ops) and the previous recorder is always restored. Only synchronous work is traced:
 * ops that run after an `await` inside `fn` are not. Outside a trace, ops pay one null check.
 */
export function traceShapes<T>(fn: () => T, options: TraceOptions = {}): ShapeTrace<T> {
  const { maxOps } = readOptions("traceShapes", options, {
    maxOps: integerAtLeast(0, DEFAULT_MAX_OPS),
  });
  if (typeof fn !== "function") {
    throw new TypeError("traceShapes: pass a function, e.g. traceShapes(() => X.matmul(W))");
  }
  const ops: TraceOp[] = [];
  let dropped = 0;
  const outer = setRecorder((record) => {
    if (ops.length < maxOps) ops.push(traceOp(record));
    else dropped++;
    outer?.(record);
  });
  try {
    const value = fn();
    return new ShapeTrace(named(ops, fn), dropped, value);
  } catch (thrown) {
    if (isShapeError(thrown)) {
      ops.push(failedOp(thrown));
      return new ShapeTrace<T>(named(ops, fn), dropped, undefined, thrown);
    }
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return new ShapeTrace<T>(named(ops, fn), dropped, undefined, undefined, error);
  } finally {
    setRecorder(outer);
  }
}

/** The ops with the calls of `fn`'s source that ran them, where that is certain (call-sites.ts). */
function named(ops: TraceOp[], fn: () => unknown): TraceOp[] {
  let source: string;
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    return ops;
  }
  return nameOperands(ops, source);
}

/**
 * The record of the op a ShapeError came from. Ops that carry a spec name themselves
 * `einsum 'ij,jk->ik'` in errors; the trace splits that into the op and its spec, as the
 * recorded ops have them.
 */
function failedOp(error: ShapeError): TraceOp {
  const inputs = error.shapes.map((shape) => [...shape]);
  const named = /^(\S+) '(.*)'$/.exec(error.op);
  if (named === null) return { op: error.op, inputs, output: null };
  return { op: named[1], inputs, output: null, detail: { spec: named[2] } };
}

/** A copy of the record that later changes to the op's arrays cannot reach. */
function traceOp(record: OpRecord): TraceOp {
  const op: TraceOp = {
    op: record.op,
    inputs: record.inputs.map((shape) => [...shape]),
    output: [...record.output],
  };
  if (record.broadcast !== undefined) op.broadcast = [...record.broadcast];
  if (record.detail !== undefined) op.detail = { ...record.detail };
  return op;
}

/**
 * A ShapeError by its fields rather than `instanceof`, so one thrown by a second copy of the
 * library (a notebook importing both src and dist) still counts.
 */
function isShapeError(thrown: unknown): thrown is ShapeError {
  if (!(thrown instanceof Error) || thrown.name !== "ShapeError") return false;
  const fields = thrown as Partial<ShapeError>;
  return typeof fields.op === "string" && Array.isArray(fields.shapes);
}

/** One op's details as `spec ij,jk->ik · i=3 · j=4`, broadcasts first. */
export function describeOp(op: TraceOp): string {
  const parts = Object.entries(op.detail ?? {}).map(([key, value]) =>
    key === "spec" ? `spec ${value}` : `${key}=${value}`,
  );
  if (op.broadcast) parts.unshift(`broadcast to ${formatShape(op.broadcast)}`);
  return parts.join(" · ");
}

/**
 * The failing op's call as the student wrote it and with its operands named:
 * `in xOne.matmul(errorOne): xOne [5] @ errorOne [3]`; null when the trace could not tell.
 */
export function failedCall(trace: ShapeTrace): string | null {
  const op = trace.failedOp;
  if (op?.source === undefined) return null;
  const call = formatCall(op);
  return call === null ? `in ${op.source}` : `in ${op.source}: ${call}`;
}

/**
 * A trace as text:
 *
 *   shape trace: 3 ops, stopped by a ShapeError at op 3
 *     #  op      inputs          →  output  details
 *     1  add     [3, 4], [4]     →  [3, 4]  broadcast to [3, 4]
 *     3  matmul  [3, 4], [5, 2]  →  ✗ failed
 *   ShapeError: matmul: [3, 4] @ [5, 2]: … (operand 1, axis 0)
 *   in h.matmul(W): h [3, 4] @ W [5, 2]
 *
 * Inputs read `h [3, 4], W [5, 2]` where the trace named the operands.
 */
export function formatTrace(trace: ShapeTrace): string {
  const count = `${trace.ops.length} op${trace.ops.length === 1 ? "" : "s"}`;
  const dropped = trace.droppedOps > 0 ? ` (+${trace.droppedOps} not kept)` : "";
  const ending = trace.error
    ? `, stopped by a ShapeError at op ${trace.ops.length}`
    : trace.otherError
      ? `, stopped by ${trace.otherError.name}`
      : "";
  const lines = [`shape trace: ${count}${dropped}${ending}`];
  if (trace.ops.length > 0) {
    const rows = [["#", "op", "inputs", "→", "output", "details"]];
    trace.ops.forEach((op, position) => {
      rows.push([
        String(position + 1),
        op.op,
        (namedOperands(op) ?? op.inputs.map(formatShape)).join(", "),
        "→",
        op.output === null ? "✗ failed" : formatShape(op.output),
        describeOp(op),
      ]);
    });
    lines.push(textTable(rows, "  "));
  }
  if (trace.error) {
    const where = [
      trace.error.operand === undefined ? "" : `operand ${trace.error.operand}`,
      trace.error.axis === undefined ? "" : `axis ${trace.error.axis}`,
    ].filter((part) => part !== "");
    lines.push(`ShapeError: ${trace.error.message}${where.length ? ` (${where.join(", ")})` : ""}`);
    const call = failedCall(trace);
    if (call !== null) lines.push(call);
  }
  if (trace.otherError) lines.push(`${trace.otherError.name}: ${trace.otherError.message}`);
  return lines.join("\n");
}
