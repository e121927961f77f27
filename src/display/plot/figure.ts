import { asTensor, Tensor, type TensorLike } from "../../tensor";
import { escapeHtml } from "../html";
import type { MimeBundle } from "../mime-output";
import { formatShape, MIME } from "../../protocol";
import { figureSvg } from "../../protocol/figure-svg";
import { positiveNumber, text } from "../../protocol/option-rules";

/** One plotly trace: its `type` and plotly's attributes for it, as JSON. */
export interface PlotTrace {
  type: string;
  [attribute: string]: unknown;
}

/**
 * A plotly figure as JSON, `{ data, layout }`: what every `plot.*` builder returns and what
 * `show()` publishes as `application/vnd.plotly.v1+json`. Edit it freely before showing it
 * (`figure.layout.height = 500`).
 */
export interface Figure {
  data: PlotTrace[];
  layout: Record<string, unknown>;
}

/** Values for one axis: numbers, a typed array, or a tensor with one non-trivial axis. */
export type Series = readonly number[] | Float64Array | Int32Array | Tensor;

/** Titles and size shared by every builder. */
export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Height in pixels (default 360). */
  height?: number;
  width?: number;
}

const DEFAULT_HEIGHT = 360;

/** The rules of `PlotOptions`, which every builder's options extend (src/protocol/options.ts). */
export const PLOT_OPTION_RULES = {
  title: text(),
  xLabel: text(),
  yLabel: text(),
  height: positiveNumber(),
  width: positiveNumber(),
};

/** The values of a series as plain numbers (a tensor of shape [m], [m, 1] or [1, m]). */
export function toNumbers(series: Series | TensorLike, what: string): number[] {
  if (Array.isArray(series) && series.every((value) => typeof value === "number")) {
    return [...(series as number[])];
  }
  const t = asTensor(series as TensorLike, what);
  const long = t.shape.filter((size) => size !== 1);
  if (long.length > 1) {
    throw new RangeError(
      `${what}: expected one value per point (shape [m] or [m, 1]), got shape ${formatShape(t.shape)}`,
    );
  }
  const values = t.contiguous();
  return Array.from(values.data.subarray(values.offset, values.offset + values.size));
}

/** The common layout: title, axis titles, size, a legend that stays out of the way. */
export function baseLayout(
  options: PlotOptions,
  defaults: PlotOptions = {},
): Record<string, unknown> {
  const merged = { ...defaults, ...options };
  const layout: Record<string, unknown> = {
    height: merged.height ?? DEFAULT_HEIGHT,
    margin: { l: 60, r: 20, t: merged.title === undefined ? 20 : 50, b: 50 },
  };
  if (merged.width !== undefined) layout.width = merged.width;
  if (merged.title !== undefined) layout.title = { text: merged.title };
  if (merged.xLabel !== undefined) layout.xaxis = { title: { text: merged.xLabel } };
  if (merged.yLabel !== undefined) layout.yaxis = { title: { text: merged.yLabel } };
  return layout;
}

/** `count` evenly spaced numbers from `low` to `high`, both included. */
export function evenlySpaced(low: number, high: number, count: number): number[] {
  if (count === 1) return [low];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/** Smallest and largest finite value (0 and 1 when there is none). */
export function extent(values: readonly number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return low <= high ? [low, high] : [0, 1];
}

/** True for a `{ data: [...], layout: {...} }` object, the shape of a plotly figure. */
export function isFigure(value: unknown): value is Figure {
  if (value === null || typeof value !== "object" || value instanceof Tensor) return false;
  const candidate = value as Partial<Figure>;
  return (
    Array.isArray(candidate.data) &&
    candidate.layout !== null &&
    typeof candidate.layout === "object" &&
    !Array.isArray(candidate.layout)
  );
}

/** One line about a figure: its title, traces (name, kind, point count) and axis titles. */
export function figureSummary(figure: Figure): string {
  const layout = figure.layout as {
    title?: { text?: string };
    xaxis?: { title?: { text?: string } };
    yaxis?: { title?: { text?: string } };
  };
  const title = layout.title?.text;
  const traces = figure.data.map((trace) => {
    const name = typeof trace.name === "string" ? trace.name : trace.type;
    const points = Array.isArray(trace.x) ? `, ${trace.x.length} points` : "";
    const mode = typeof trace.mode === "string" ? trace.mode : trace.type;
    return `${name} (${mode}${points})`;
  });
  const axes = [
    layout.xaxis?.title?.text === undefined ? "" : `x: ${layout.xaxis.title.text}`,
    layout.yaxis?.title?.text === undefined ? "" : `y: ${layout.yaxis.title.text}`,
  ].filter((part) => part !== "");
  const count = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}`;
  return (
    `Figure${title === undefined ? "" : ` "${title}"`}: ${count}` +
    (traces.length > 0 ? ` — ${traces.join("; ")}` : "") +
    (axes.length > 0 ? `; ${axes.join(", ")}` : "")
  );
}

/**
 * What `show(figure)` publishes: the plotly JSON (drawn by the extension), a `text/plain`
 * summary, and a `text/html` static copy for every viewer without a plotly renderer — `jupyter
 * nbconvert --to html`, JupyterLab without the gradbook extension — an inline SVG the library
 * draws itself (src/protocol/figure-svg), so the plot shows offline. It adds a few KB to the
 * notebook next to the plotly JSON (lesson 6's decision boundary: 11 KB beside 386 KB).
 */
export function figureMime(figure: Figure): MimeBundle {
  const summary = figureSummary(figure);
  const svg = figureSvg(figure);
  return {
    "text/plain": summary,
    "text/html":
      svg ??
      `<p>${escapeHtml(summary)}</p><p><em>Interactive plotly figure: open the notebook in JupyterLab with the gradbook extension to see it.</em></p>`,
    [MIME.plotly]: { data: figure.data, layout: figure.layout },
  };
}
