import { formatCall, formatShape, type ShapesBundle, type TraceOp } from "gradbook/protocol";
import { el, setChildren } from "../dom";

type ShapeError = NonNullable<ShapesBundle["error"]>;

/** The axis of the failing operand, counted from the front (ShapeError may count from the back). */
function positiveAxis(axis: number | undefined, ndim: number): number | null {
  if (axis === undefined) return null;
  const resolved = axis < 0 ? axis + ndim : axis;
  return resolved >= 0 && resolved < ndim ? resolved : null;
}

/** "[3, 4]" with each dimension in its own span, so one axis can be marked as the one that broke. */
function shapeChip(shape: readonly number[], badAxis: number | null, bad: boolean): HTMLElement {
  const chip = el("span", { className: bad ? "gradbook-shape is-bad" : "gradbook-shape" });
  chip.append("[");
  shape.forEach((dim, axis) => {
    if (axis > 0) chip.append(", ");
    const isBad = axis === badAxis;
    chip.append(
      el("span", {
        className: isBad ? "gradbook-dim is-bad" : "gradbook-dim",
        text: String(dim),
        attrs: isBad ? { "aria-label": `${dim}, axis ${axis}: this axis does not fit` } : {},
      }),
    );
  });
  chip.append("]");
  return chip;
}

function describeDetail(op: TraceOp): string {
  const parts = Object.entries(op.detail ?? {}).map(([key, value]) => `${key} ${value}`);
  if (op.broadcast) parts.unshift(`broadcast to ${formatShape(op.broadcast)}`);
  return parts.join(" · ");
}

function opRow(op: TraceOp, position: number, error: ShapeError | undefined, failed: boolean) {
  const inputs = el("td", { className: "gradbook-op-inputs" });
  op.inputs.forEach((shape, operand) => {
    if (operand > 0) inputs.append(el("span", { className: "gradbook-sep", text: ", " }));
    const bad = failed && error?.operand === operand;
    const name = op.operands?.length === op.inputs.length ? op.operands[operand] : undefined;
    if (name !== undefined)
      inputs.append(el("code", { className: "gradbook-operand-name", text: name }), " ");
    inputs.append(shapeChip(shape, bad ? positiveAxis(error?.axis, shape.length) : null, bad));
  });
  const output =
    op.output === null
      ? el("td", {}, el("span", { className: "gradbook-failed-mark", text: "✗ failed" }))
      : el("td", {}, shapeChip(op.output, null, false));
  return el(
    "tr",
    {
      className: failed ? "gradbook-op is-failed" : "gradbook-op",
      attrs: failed ? { "aria-label": `step ${position + 1}, ${op.op}: failed` } : {},
    },
    el("td", { className: "gradbook-op-step", text: String(position + 1) }),
    el("th", { className: "gradbook-op-name", text: op.op, attrs: { scope: "row" } }),
    inputs,
    el("td", { className: "gradbook-arrow", text: "→", attrs: { "aria-hidden": "true" } }),
    output,
    el("td", { className: "gradbook-op-detail", text: describeDetail(op) }),
  );
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

/** Operand 0 is "the first operand": ShapeError counts from 0, people from 1. */
function operandName(operand: number): string {
  return `${ORDINALS[operand] ?? `operand ${operand} (from 0)`}${operand < ORDINALS.length ? " operand" : ""}`;
}

function errorSummary(error: ShapeError): HTMLElement {
  const where: string[] = [];
  if (error.operand !== undefined) where.push(operandName(error.operand));
  if (error.axis !== undefined) where.push(`axis ${error.axis}`);
  const shapes = error.shapes.map(formatShape).join(" and ");
  return el(
    "div",
    { className: "gradbook-error", attrs: { role: "note" } },
    el("div", {
      className: "gradbook-error-title",
      text: `${error.name} in ${error.op}${where.length ? ` (${where.join(", ")})` : ""}`,
    }),
    el("div", { className: "gradbook-error-message", text: error.message }),
    shapes
      ? el("div", { className: "gradbook-error-shapes", text: `operand shapes: ${shapes}` })
      : null,
  );
}

/**
 * The failing call as the student wrote it and with its operands named, TensorSensor's way:
 * `xOne.matmul(errorOne)` → `xOne [5] @ errorOne [3]`. Null when the trace could not tell
 * which call failed.
 */
function failedCallBlock(op: TraceOp | undefined): HTMLElement | null {
  if (op?.source === undefined) return null;
  const call = formatCall(op);
  return el(
    "div",
    { className: "gradbook-failed-call", attrs: { "data-gradbook-source": op.source } },
    el("span", { className: "gradbook-failed-call-label", text: "in" }),
    el("code", { className: "gradbook-call-source", text: op.source }),
    call === null ? null : el("code", { className: "gradbook-call-operands", text: call }),
  );
}

/**
 * Renders a shape trace into `host`: one table row per recorded op (inputs → output, broadcast
 * and op details; operands named by the expression that made them when the trace knows), the
 * failing op highlighted with the operand and axis that broke, the error message and the failing
 * call below. Hooks: class `gradbook-shapes`, `data-gradbook-status="ok|error"`;
 * `.gradbook-failed-call[data-gradbook-source]` around `.gradbook-call-operands`.
 */
export function renderShapes(host: HTMLElement, bundle: ShapesBundle): void {
  const failed = bundle.error !== undefined || bundle.otherError !== undefined;
  host.classList.add("gradbook-shapes");
  host.dataset.gradbookStatus = failed ? "error" : "ok";
  const count = `${bundle.ops.length} op${bundle.ops.length === 1 ? "" : "s"}`;
  const status = bundle.error
    ? `stopped at ${bundle.error.op}`
    : bundle.otherError
      ? `stopped by ${bundle.otherError.name}`
      : "all shapes fit";
  const header = el(
    "div",
    { className: "gradbook-header" },
    el("span", { className: "gradbook-title", text: "Shape trace" }),
    el("span", { className: "gradbook-chip", text: count }),
    el("span", {
      className: failed ? "gradbook-badge is-fail" : "gradbook-badge is-pass",
      text: failed ? `✗ ${status}` : `✓ ${status}`,
    }),
  );
  const lastIndex = bundle.ops.length - 1;
  const table = el(
    "table",
    { className: "gradbook-shapes-table" },
    el("caption", {
      className: "gradbook-visually-hidden",
      text: "Operations in the order they ran",
    }),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...["#", "op", "inputs", "", "output", "details"].map((text) =>
          el("th", { text, attrs: { scope: "col" } }),
        ),
      ),
    ),
    el(
      "tbody",
      {},
      ...bundle.ops.map((op, position) =>
        opRow(op, position, bundle.error, bundle.error !== undefined && position === lastIndex),
      ),
    ),
  );
  setChildren(
    host,
    header,
    bundle.ops.length > 0 ? table : el("p", { text: "No tensor operations ran." }),
    bundle.droppedOps > 0
      ? el("p", {
          className: "gradbook-note",
          text: `${bundle.droppedOps} more op${bundle.droppedOps === 1 ? "" : "s"} ran after these and were counted, not recorded.`,
        })
      : null,
    bundle.error ? errorSummary(bundle.error) : null,
    bundle.error ? failedCallBlock(bundle.ops[lastIndex]) : null,
    bundle.otherError
      ? el(
          "div",
          { className: "gradbook-error", attrs: { role: "note" } },
          el("div", {
            className: "gradbook-error-title",
            text: `The traced function threw ${bundle.otherError.name} (not a shape error)`,
          }),
          el("div", { className: "gradbook-error-message", text: bundle.otherError.message }),
        )
      : null,
  );
}
