import {
  formatNumber,
  formatShape,
  fromJsonNumber,
  nonFiniteCounts,
  shapeAttribute,
  type PreviewValue,
  type TensorBundle,
} from "gradbook/protocol";
import { el, setChildren } from "../dom";
import { renderHeatmap } from "./heatmap";

const ELLIPSIS = "...";

/** How a tensor view is drawn where space differs (an output vs the narrow sidebar). */
export interface TensorViewOptions {
  /** Significant digits of the preview values (6, numpy prints 8). */
  digits?: number;
}

/**
 * A shape as a screen reader should say it, "150 by 4" ("scalar" for 0-d), where the badge shows
 * `formatShape`'s "[150, 4]": brackets and commas read aloud as punctuation.
 */
export function spokenShape(shape: readonly number[]): string {
  return shape.length === 0 ? "scalar" : shape.join(" by ");
}

/** The index each preview item stands for on an axis of `length`; null for the "..." marker. */
export function axisIndices(items: readonly PreviewValue[], length: number): (number | null)[] {
  const gap = items.indexOf(ELLIPSIS);
  return items.map((item, position) => {
    if (item === ELLIPSIS) return null;
    return gap === -1 || position < gap ? position : length - (items.length - position);
  });
}

function valueCell(tag: "td" | "span", item: PreviewValue, digits: number): HTMLElement {
  if (item === ELLIPSIS)
    return el(tag, { className: "gradbook-elided", text: "…", attrs: { "aria-label": "elided" } });
  if (Array.isArray(item)) return el(tag, { className: "gradbook-value", text: "[…]" });
  const value = fromJsonNumber(item);
  return el(tag, {
    className: Number.isFinite(value) ? "gradbook-value" : "gradbook-value is-nonfinite",
    text: formatNumber(value, digits),
  });
}

function asList(preview: PreviewValue): PreviewValue[] {
  return Array.isArray(preview) ? preview : [preview];
}

/** One 1-D or 2-D slice as a table with its indices in the header row and column. */
function sliceTable(
  preview: PreviewValue,
  shape: readonly number[],
  caption: string | null,
  digits: number,
) {
  const rows = shape.length === 1 ? [preview] : asList(preview);
  const rowIndices = shape.length === 1 ? [null] : axisIndices(rows, shape[0]);
  const firstRow = rows.find((row) => Array.isArray(row)) ?? [];
  const columns = asList(firstRow);
  const colIndices = axisIndices(columns, shape[shape.length - 1]);
  const header = el(
    "tr",
    {},
    shape.length === 1 ? null : el("th", { attrs: { scope: "col" } }),
    ...colIndices.map((index) =>
      el("th", { text: index === null ? "…" : String(index), attrs: { scope: "col" } }),
    ),
  );
  const body = rows.map((row, position) => {
    const index = rowIndices[position];
    const label =
      shape.length === 1
        ? null
        : el("th", { text: index === null ? "⋮" : String(index), attrs: { scope: "row" } });
    if (row === ELLIPSIS)
      return el(
        "tr",
        { className: "gradbook-elided-row" },
        label,
        ...columns.map(() => el("td", { className: "gradbook-elided", text: "⋮" })),
      );
    return el("tr", {}, label, ...asList(row).map((item) => valueCell("td", item, digits)));
  });
  return el(
    "table",
    { className: "gradbook-preview-table" },
    caption ? el("caption", { text: caption }) : null,
    el("thead", {}, header),
    el("tbody", {}, ...body),
  );
}

/** Tensors of 3 or more axes: one labelled 2-D table per leading index, elided ones counted. */
function sliceBlocks(
  preview: PreviewValue,
  shape: readonly number[],
  prefix: number[],
  digits: number,
): Node[] {
  if (shape.length - prefix.length <= 2) {
    const label = prefix.length ? `[${[...prefix, ":", ":"].join(", ")}]` : null;
    return [sliceTable(preview, shape.slice(prefix.length), label, digits)];
  }
  const items = asList(preview);
  const length = shape[prefix.length];
  const indices = axisIndices(items, length);
  return items.flatMap((item, position) => {
    const index = indices[position];
    if (index === null) {
      const hidden = length - (items.length - 1);
      return [
        el("div", {
          className: "gradbook-elided-block",
          text: `⋮ ${hidden} slice${hidden === 1 ? "" : "s"} of axis ${prefix.length} not shown`,
        }),
      ];
    }
    return sliceBlocks(item, shape, [...prefix, index], digits);
  });
}

function renderPreview(bundle: TensorBundle, digits: number): HTMLElement {
  const region = el("div", {
    className: "gradbook-tensor-preview",
    attrs: { role: "region", "aria-label": "Values", tabindex: "0" },
  });
  if (bundle.size === 0) region.append(el("span", { text: "empty tensor: no values" }));
  else if (bundle.shape.length === 0 || !Array.isArray(bundle.preview))
    region.append(valueCell("span", bundle.preview, digits));
  else region.append(...sliceBlocks(bundle.preview, bundle.shape, [], digits));
  return region;
}

function statItem(label: string, value: string): HTMLElement {
  return el(
    "span",
    { className: "gradbook-stat", attrs: { role: "listitem" } },
    el("span", { className: "gradbook-stat-label", text: label }),
    el("span", { className: "gradbook-stat-value", text: value }),
  );
}

function renderStats(bundle: TensorBundle): HTMLElement[] {
  const stats = bundle.stats;
  if (!stats) return [];
  const show = (value: number | null) => (value === null ? "–" : formatNumber(value));
  const list = el(
    "div",
    { className: "gradbook-stats", attrs: { role: "list", "aria-label": "Statistics" } },
    statItem("min", show(stats.min)),
    statItem("max", show(stats.max)),
    statItem("mean", show(stats.mean)),
    statItem("std", show(stats.std)),
  );
  const nonFinite = stats.nanCount + stats.infCount;
  if (nonFinite === 0) return [list];
  const parts = nonFiniteCounts(stats.nanCount, stats.infCount);
  const warning = el("div", {
    className: "gradbook-warning",
    attrs: { role: "note" },
    text: `⚠ ${parts.join(" and ")} value${nonFinite === 1 ? "" : "s"}; the statistics cover the finite ones.`,
  });
  return [list, warning];
}

function renderTensorHeatmap(bundle: TensorBundle): HTMLElement | null {
  const map = bundle.heatmap;
  if (!map || bundle.shape.length !== 2) return null;
  const finite = map.values.filter((value): value is number => value !== null);
  if (finite.length === 0) return null;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low;
  const blocks = map.rowStep * map.colStep > 1;
  const figure = renderHeatmap({
    rows: map.rows,
    cols: map.cols,
    values: map.values,
    palette: "values",
    intensity: (value) => (span > 0 ? (value - low) / span : 0.5),
    cellTitle: (row, col, value) => {
      const where = blocks
        ? `rows ${row * map.rowStep}–${Math.min((row + 1) * map.rowStep, bundle.shape[0]) - 1}, cols ${col * map.colStep}–${Math.min((col + 1) * map.colStep, bundle.shape[1]) - 1}`
        : `[${row}, ${col}]`;
      return `${where}: ${value === null ? "no finite value" : formatNumber(value, 6)}`;
    },
    label: `Heatmap of ${formatShape(bundle.shape)} values${blocks ? ` in blocks of ${map.rowStep} × ${map.colStep}` : ""}, from ${formatNumber(low)} to ${formatNumber(high)}`,
    legend: { low: formatNumber(low), high: formatNumber(high), empty: "no finite value" },
  });
  const caption = blocks
    ? `Heatmap: each cell is the mean of a ${map.rowStep} × ${map.colStep} block`
    : "Heatmap";
  return el(
    "figure",
    { className: "gradbook-tensor-heatmap" },
    figure,
    el("figcaption", { text: caption }),
  );
}

/**
 * Renders a TensorBundle into `host` and marks it with the stable hooks (labextension/README.md,
 * "Stable DOM hooks"): class `gradbook-tensor` and `data-gradbook-shape="150,4"`. Shows a shape
 * badge, the statistics with a NaN/Inf warning, a scrollable preview that keeps the bundle's
 * "..." elisions (with the real indices around them), and for 2-D tensors the heatmap of block
 * means.
 */
export function renderTensor(
  host: HTMLElement,
  bundle: TensorBundle,
  { digits = 6 }: TensorViewOptions = {},
): void {
  host.classList.add("gradbook-tensor");
  host.dataset.gradbookShape = shapeAttribute(bundle.shape);
  const header = el(
    "div",
    { className: "gradbook-header" },
    bundle.name ? el("span", { className: "gradbook-name", text: bundle.name }) : null,
    el("span", {
      className: "gradbook-shape-badge",
      text: formatShape(bundle.shape),
      attrs: { "aria-label": `shape ${spokenShape(bundle.shape)}` },
    }),
    el("span", { className: "gradbook-chip", text: bundle.dtype }),
    el("span", {
      className: "gradbook-chip",
      text: `${bundle.size} value${bundle.size === 1 ? "" : "s"}`,
    }),
  );
  const heatmap = renderTensorHeatmap(bundle);
  setChildren(
    host,
    header,
    ...renderStats(bundle),
    el("div", { className: "gradbook-tensor-body" }, renderPreview(bundle, digits), heatmap),
  );
}
