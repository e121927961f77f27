import { describeOp, failedCall, formatTrace, type ShapeTrace } from "../check/trace-shapes";
import { htmlParagraph, htmlTable } from "./html";
import type { MimeBundle } from "./mime-output";
import { formatShape, MIME, namedOperands, SCHEMA_VERSION, type ShapesBundle } from "../protocol";

/**
 * The `application/vnd.gradbook.shapes+json` bundle of a trace: its ops (the failing one last,
 * with `output: null`), the dropped-op count, and the ShapeError (op, every operand's shape, the
 * operand and axis that broke) or other error that ended it.
 */
export function shapesBundle(trace: ShapeTrace): ShapesBundle {
  const bundle: ShapesBundle = {
    version: SCHEMA_VERSION,
    ops: trace.ops.map((op) => ({
      ...op,
      inputs: op.inputs.map((shape) => [...shape]),
      output: op.output === null ? null : [...op.output],
      ...(op.operands === undefined ? {} : { operands: [...op.operands] }),
    })),
    droppedOps: trace.droppedOps,
  };
  if (trace.error) {
    const error = trace.error;
    bundle.error = {
      name: error.name,
      message: error.message,
      op: error.op,
      shapes: error.shapes.map((shape) => [...shape]),
    };
    if (error.operand !== undefined) bundle.error.operand = error.operand;
    if (error.axis !== undefined) bundle.error.axis = error.axis;
  }
  if (trace.otherError) {
    bundle.otherError = { name: trace.otherError.name, message: trace.otherError.message };
  }
  return bundle;
}

/** What `show(trace)` publishes: the shapes JSON, the text table and an HTML table. */
export function traceMime(trace: ShapeTrace): MimeBundle {
  return {
    "text/plain": formatTrace(trace),
    "text/html": traceHtml(trace),
    [MIME.shapes]: shapesBundle(trace),
  };
}

function traceHtml(trace: ShapeTrace): string {
  const rows = trace.ops.map((op, position) => [
    String(position + 1),
    op.op,
    (namedOperands(op) ?? op.inputs.map(formatShape)).join(", "),
    op.output === null ? "✗ failed" : formatShape(op.output),
    describeOp(op),
  ]);
  const dropped = trace.droppedOps > 0 ? `, ${trace.droppedOps} more not kept` : "";
  const parts = [
    htmlTable(rows, {
      caption: `Shape trace: ${trace.ops.length} ops${dropped}`,
      header: ["#", "op", "inputs", "output", "details"],
    }),
  ];
  if (trace.error) {
    const { operand, axis, message } = trace.error;
    const where = [
      operand === undefined ? "" : `operand ${operand}`,
      axis === undefined ? "" : `axis ${axis}`,
    ].filter((part) => part !== "");
    parts.push(
      htmlParagraph(`ShapeError: ${message}${where.length ? ` (${where.join(", ")})` : ""}`),
    );
    const call = failedCall(trace);
    if (call !== null) parts.push(htmlParagraph(call));
  }
  if (trace.otherError) {
    parts.push(htmlParagraph(`${trace.otherError.name}: ${trace.otherError.message}`));
  }
  return parts.join("");
}
