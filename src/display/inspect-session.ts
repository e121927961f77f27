import { textTable } from "../check/text-table";
import {
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
import { displayOrPrint, publishDisplay } from "./mime-output";
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

/** tslab's own temporaries: the holder of a cell's last expression value. */
const TSLAB_TEMPORARY = /^tsLastExpr\d*$/;

/**
 * A Tensor, also one made by another copy of the library (checked by its storage fields), as a
 * Tensor of this copy.
 */
function asSessionTensor(value: unknown): Tensor | null {
  if (value instanceof Tensor) return value;
  if (value === null || typeof value !== "object") return null;
  const candidate = value as Partial<Tensor>;
  if (
    candidate.data instanceof Float64Array &&
    Array.isArray(candidate.shape) &&
    Array.isArray(candidate.strides) &&
    typeof candidate.offset === "number"
  ) {
    return new Tensor(candidate.data, candidate.shape, candidate.strides, candidate.offset);
  }
  return null;
}

/** The session's tensors by name, in declaration order. */
function sessionTensors(scope: Record<string, unknown>): [string, Tensor][] {
  const found: [string, Tensor][] = [];
  for (const name of Object.keys(scope)) {
    if (TSLAB_TEMPORARY.test(name)) continue;
    const tensor = asSessionTensor(scope[name]);
    if (tensor !== null) found.push([name, tensor]);
  }
  return found;
}

function inspectorEntry(name: string, t: Tensor): InspectorEntry {
  const scan = scanValues(t);
  const any = scan.finite > 0;
  return {
    name,
    shape: [...t.shape],
    dtype: "float64",
    size: t.size,
    bytes: 8 * t.size,
    min: any ? scan.min : null,
    max: any ? scan.max : null,
    mean: any ? scan.sum / scan.finite : null,
    nanCount: scan.nanCount,
    infCount: scan.infCount,
  };
}

/**
 * What the shape inspector lists: every Tensor bound to a top-level name of the session (or of
 * `scope`), with its shape, size, bytes (8 per element), min/max/mean over the finite entries
 * and its NaN and ±Infinity counts.
 */
export function inspectorBundle(
  scope: Record<string, unknown> = sessionScope() ?? {},
): InspectorBundle {
  const started = performance.now();
  const tensors = sessionTensors(scope).map(([name, t]) => inspectorEntry(name, t));
  return { version: SCHEMA_VERSION, tensors, elapsedMs: performance.now() - started };
}

function inspectorText(bundle: InspectorBundle): string {
  if (bundle.tensors.length === 0) return "gradbook session: no tensors";
  const count = `${bundle.tensors.length} tensor${bundle.tensors.length === 1 ? "" : "s"}`;
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

/**
 * Emits the TensorBundle of the session's tensor `name` (the inspector's preview query,
 * `previewQueryCode` in src/protocol), keeping `edgeItems` entries at each end of a long axis.
 * Throws when no tensor has that name.
 */
export function inspectTensor(name: string, options: { edgeItems?: number } = {}): void {
  const { edgeItems } = readOptions("inspectTensor", options, { edgeItems: positiveInteger(3) });
  const scope = sessionScope() ?? {};
  const t = TSLAB_TEMPORARY.test(name) ? null : asSessionTensor(scope[name]);
  if (t === null) {
    const reason = name in scope ? "is not a tensor" : "is not defined";
    throw new Error(`inspectTensor: '${name}' ${reason} in this notebook session`);
  }
  const data = tensorMime(t, { name, edgeItems });
  if (!publishDisplay(data)) console.log(data["text/plain"]);
}
