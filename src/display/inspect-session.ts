import { textTable } from "../check/text-table";
import {
  entryCounts,
  formatNumber,
  formatShape,
  type InspectorBundle,
  type InspectorEntry,
  MIME,
  nonFiniteCounts,
  SCHEMA_VERSION,
} from "../protocol";
import { positiveInteger } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { Tensor } from "../tensor";
import type { Strided } from "../tensor/strided";
import { displayOrPrint, publishDisplay } from "./mime-output";
import { listedValue, type ListedValue, sessionValues, valueAtPath } from "./session-values";
import { tensorMime } from "./tensor-bundle";
import { scanValues } from "./tensor-stats";

/**
 * Where the notebook's top-level names live at run time. tslab compiles each cell as a module
 * and rewrites its top-level declarations (`const`, `let`, `var`, destructuring, functions,
 * imports) into properties of one `exports` object shared by all cells; later cells read them
 * back as `exports.x`. Its executor hands that object to the cell code through a global,
 * `globalThis.__tslab__ = { exports, require }` (tslab/dist/executor.js, createExecutor), so
 * library code running in the kernel reads the session's names from there: a reassigned name
 * holds its latest value, a name from a failed cell is absent. Null outside tslab.
 */
export function sessionScope(): Record<string, unknown> | null {
  const tslab = (globalThis as { __tslab__?: { exports?: unknown } }).__tslab__;
  const scope = tslab?.exports;
  return scope !== null && typeof scope === "object" ? (scope as Record<string, unknown>) : null;
}

/** The listed value as a view the value scan reads, and its shape, dtype and bytes. */
function measured(listed: ListedValue): {
  view: Strided;
  facts: Pick<InspectorEntry, "shape" | "dtype" | "size" | "bytes">;
} {
  if (listed.kind === "tensor") {
    const t = listed.value;
    return {
      view: t,
      facts: { shape: [...t.shape], dtype: "float64", size: t.size, bytes: 8 * t.size },
    };
  }
  const values = listed.kind === "number" ? [listed.value] : listed.value;
  const view = { data: Float64Array.from(values), shape: [values.length], strides: [1], offset: 0 };
  if (listed.kind === "number")
    return { view, facts: { shape: [], dtype: "number", size: 1, bytes: 8 } };
  const bytes = ArrayBuffer.isView(listed.value) ? listed.value.byteLength : 8 * values.length;
  return {
    view,
    facts: { shape: [values.length], dtype: listed.dtype, size: values.length, bytes },
  };
}

function inspectorEntry(listed: ListedValue): InspectorEntry {
  const { view, facts } = measured(listed);
  const scan = scanValues(view);
  const any = scan.finite > 0;
  return {
    name: listed.path,
    kind: listed.kind,
    ...facts,
    min: any ? scan.min : null,
    max: any ? scan.max : null,
    mean: any ? scan.sum / scan.finite : null,
    nanCount: scan.nanCount,
    infCount: scan.infCount,
  };
}

/**
 * What the shape inspector lists: every Tensor, number, typed array and array of numbers of the
 * session (or of `scope`), by top-level name or inside the plain objects and arrays bound to one
 * (`fit.W`; see session-values.ts), with its shape, size, bytes, min/max/mean over the finite
 * entries and its NaN and ±Infinity counts. Costs one pass over each value.
 */
export function inspectorBundle(
  scope: Record<string, unknown> = sessionScope() ?? {},
): InspectorBundle {
  const started = performance.now();
  const { values, omitted } = sessionValues(scope);
  const tensors = values.map(inspectorEntry);
  const bundle: InspectorBundle = {
    version: SCHEMA_VERSION,
    tensors,
    elapsedMs: performance.now() - started,
  };
  if (omitted > 0) bundle.omitted = omitted;
  return bundle;
}

function inspectorText(bundle: InspectorBundle): string {
  if (bundle.tensors.length === 0) return "gradbook session: no tensors";
  const count = entryCounts(bundle.tensors);
  const rows = bundle.tensors.map((entry) => [
    entry.name,
    formatShape(entry.shape),
    entry.min === null ? "" : `min ${formatNumber(entry.min)}`,
    entry.max === null ? "" : `max ${formatNumber(entry.max)}`,
    entry.mean === null ? "" : `mean ${formatNumber(entry.mean)}`,
    nonFiniteCounts(entry.nanCount, entry.infCount).join(", "),
  ]);
  return `gradbook session: ${count}\n${textTable(rows, "  ")}`;
}

/**
 * The shape inspector's kernel query (`INSPECTOR_QUERY_CODE` in src/protocol): emits one
 * `application/vnd.gradbook.inspector+json` bundle (with a `text/plain` table) as display_data
 * of the running request and returns undefined, so tslab prints nothing. Costs one pass over
 * each tensor's values.
 */
export function inspectSession(): void {
  const bundle = inspectorBundle();
  displayOrPrint({ "text/plain": inspectorText(bundle), [MIME.inspector]: bundle });
}

/** A listed value as the tensor its preview shows: numbers and arrays become float64 tensors. */
function previewTensor(listed: ListedValue): Tensor {
  if (listed.kind === "tensor") return listed.value;
  if (listed.kind === "number") return new Tensor(Float64Array.of(listed.value), [], [], 0);
  return new Tensor(Float64Array.from(listed.value), [listed.value.length], [1], 0);
}

/**
 * Emits the TensorBundle of the session's value at `path` (an inspector entry's name, `X` or
 * `fit.W`; the inspector's preview query, `previewQueryCode` in src/protocol), keeping
 * `edgeItems` entries at each end of a long axis. Numbers and arrays show as float64 tensors.
 * Throws when nothing listable is there.
 */
export function inspectTensor(path: string, options: { edgeItems?: number } = {}): void {
  const { edgeItems } = readOptions("inspectTensor", options, { edgeItems: positiveInteger(3) });
  const scope = sessionScope() ?? {};
  const value = valueAtPath(scope, path);
  const listed = value === undefined ? null : listedValue(path, value);
  if (listed === null) {
    const reason =
      value === undefined ? "is not defined" : "is not a tensor, a number or an array of numbers";
    throw new Error(`inspectTensor: '${path}' ${reason} in this notebook session`);
  }
  const data = tensorMime(previewTensor(listed), { name: path, edgeItems });
  if (!publishDisplay(data)) console.log(data["text/plain"]);
}
