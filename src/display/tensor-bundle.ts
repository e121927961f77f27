import { positiveInteger, text } from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import type { Tensor } from "../tensor";
import type { Strided } from "../tensor/strided";
import { escapeHtml, htmlParagraph, htmlTable } from "./html";
import type { MimeBundle } from "./mime-output";
import {
  formatNumber,
  formatShape,
  MIME,
  nonFiniteCounts,
  type PreviewValue,
  SCHEMA_VERSION,
  type TensorBundle,
  type TensorStats,
  toJsonNumber,
} from "../protocol";
import { tensorStats } from "./tensor-stats";

/** Options of a tensor's bundle. */
export interface TensorBundleOptions {
  /** The variable name to show with the tensor. */
  name?: string;
  /** Entries kept at each end of an axis longer than 2·edgeItems (default 3, as numpy). */
  edgeItems?: number;
}

/** A 2-D tensor's heatmap has at most this many cells along each side. */
const HEATMAP_SIDE = 32;

/**
 * The `application/vnd.gradbook.tensor+json` bundle of `t`: shape, stats over the finite
 * entries, a numpy-style preview (the first and last `edgeItems` entries of every long axis
 * around "..."), and for a matrix a heatmap of at most 32 × 32 block means.
 */
export function tensorBundle(t: Tensor, options: TensorBundleOptions = {}): TensorBundle {
  const { name, edgeItems } = readOptions("tensorBundle", options, {
    name: text(),
    edgeItems: positiveInteger(3),
  });
  const bundle: TensorBundle = {
    version: SCHEMA_VERSION,
    shape: [...t.shape],
    dtype: "float64",
    size: t.size,
    stats: tensorStats(t),
    edgeItems,
    preview: preview(t, 0, t.offset, edgeItems),
  };
  if (name !== undefined) bundle.name = name;
  if (t.ndim === 2 && t.size > 0) bundle.heatmap = heatmap(t);
  return bundle;
}

function preview(view: Strided, axis: number, position: number, edgeItems: number): PreviewValue {
  if (axis === view.shape.length) return toJsonNumber(view.data[position]);
  const size = view.shape[axis];
  const stride = view.strides[axis];
  const at = (i: number) => preview(view, axis + 1, position + i * stride, edgeItems);
  if (size <= 2 * edgeItems) return Array.from({ length: size }, (_, i) => at(i));
  const head = Array.from({ length: edgeItems }, (_, i) => at(i));
  const tail = Array.from({ length: edgeItems }, (_, i) => at(size - edgeItems + i));
  return [...head, "...", ...tail];
}

function heatmap(t: Tensor): NonNullable<TensorBundle["heatmap"]> {
  const [rowCount, colCount] = t.shape;
  const rowStep = Math.ceil(rowCount / HEATMAP_SIDE);
  const colStep = Math.ceil(colCount / HEATMAP_SIDE);
  const rows = Math.ceil(rowCount / rowStep);
  const cols = Math.ceil(colCount / colStep);
  const sums = new Float64Array(rows * cols);
  const counts = new Float64Array(rows * cols);
  for (let i = 0; i < rowCount; i++) {
    const rowStart = t.offset + i * t.strides[0];
    const cellRow = Math.floor(i / rowStep) * cols;
    for (let j = 0; j < colCount; j++) {
      const value = t.data[rowStart + j * t.strides[1]];
      if (value - value !== 0) continue;
      const cell = cellRow + Math.floor(j / colStep);
      sums[cell] += value;
      counts[cell]++;
    }
  }
  const values = Array.from(sums, (sum, cell) => (counts[cell] > 0 ? sum / counts[cell] : null));
  return { rows, cols, rowStep, colStep, values };
}

/** `X: float64 [150, 4] · min 4.3 · max 7.9 · mean 5.843 · std 0.8253`. */
export function tensorSummary(
  shape: readonly number[],
  stats: TensorStats | null,
  name?: string,
): string {
  const parts = [`${name === undefined ? "" : `${name}: `}float64 ${formatShape(shape)}`];
  if (stats === null) parts.push("empty");
  else {
    if (stats.min !== null && stats.max !== null && stats.mean !== null && stats.std !== null) {
      parts.push(
        `min ${formatNumber(stats.min)}`,
        `max ${formatNumber(stats.max)}`,
        `mean ${formatNumber(stats.mean)}`,
        `std ${formatNumber(stats.std)}`,
      );
    }
    parts.push(...nonFiniteCounts(stats.nanCount, stats.infCount));
  }
  return parts.join(" · ");
}

/**
 * The full bundle `show(t)` publishes: the tensor JSON, `text/plain` (a summary line and the
 * numpy-like text of the values) and `text/html` (the summary and a table of the preview).
 */
export function tensorMime(t: Tensor, options: TensorBundleOptions = {}): MimeBundle {
  const bundle = tensorBundle(t, options);
  const summary = tensorSummary(bundle.shape, bundle.stats, options.name);
  return {
    "text/plain": `${summary}\n${t.toString()}`,
    "text/html": tensorHtml(bundle, summary, t),
    [MIME.tensor]: bundle,
  };
}

function tensorHtml(bundle: TensorBundle, summary: string, t: Tensor): string {
  const head = htmlParagraph(summary);
  const preview = bundle.preview;
  if (!Array.isArray(preview)) return head;
  if (bundle.shape.length === 1) return head + htmlTable([preview.map(cellText)]);
  if (bundle.shape.length === 2) {
    const rows = preview.map((row) =>
      Array.isArray(row) ? row.map(cellText) : new Array<string>(rowWidth(preview)).fill("⋮"),
    );
    return head + htmlTable(rows);
  }
  return `${head}<pre>${escapeHtml(t.toString())}</pre>`;
}

function rowWidth(rows: readonly PreviewValue[]): number {
  const first = rows.find(Array.isArray);
  return Array.isArray(first) ? first.length : 1;
}

function cellText(value: PreviewValue): string {
  if (value === "...") return "…";
  if (Array.isArray(value)) return "…";
  return typeof value === "number" ? formatNumber(value, 6) : value;
}
