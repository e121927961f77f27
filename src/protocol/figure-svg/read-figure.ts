/**
 * A plotly figure's JSON read into what the static writer draws. The JSON may come from any
 * notebook (a feedback page renders students' outputs), so every field is checked and anything
 * unexpected is dropped, never passed through.
 */
import { type ColorScale, COLORWAY, readColorScale, safeColor } from "./colors";

/** One axis: its title, a fixed range, a log scale, equal units with the other axis. */
export interface AxisModel {
  title: string;
  range: [number, number] | null;
  log: boolean;
  /** `scaleanchor`: one unit on this axis is as long as one on the other. */
  anchored: boolean;
}

/** Lines, markers and labels through points; null values break the line. */
export interface ScatterModel {
  kind: "scatter";
  name: string;
  x: (number | null)[];
  y: (number | null)[];
  lines: boolean;
  markers: boolean;
  labels: string[] | null;
  color: string;
  lineWidth: number;
  dash: string | null;
  markerSize: number;
  markerColor: string;
  markerEdge: string | null;
  showInLegend: boolean;
}

/** A heatmap or contour of z over the grid x × y (z[row] is y[row]). */
export interface GridModel {
  kind: "heatmap" | "contour";
  name: string;
  x: number[];
  y: number[];
  z: (number | null)[][];
  colorscale: ColorScale;
  zmin: number;
  zmax: number;
  opacity: number;
  /** contour: fill bands, draw lines only, or neither */
  coloring: "fill" | "lines" | "heatmap" | "none";
  levels: number[];
  lineColor: string | null;
  lineWidth: number;
}

/** A note placed on the figure (`layout.annotations` in paper coordinates). */
export interface NoteModel {
  lines: string[];
  x: number;
  y: number;
  xanchor: "left" | "center" | "right";
  yanchor: "top" | "middle" | "bottom";
}

/** Everything the writer draws. */
export interface FigureModel {
  width: number;
  height: number;
  margin: { l: number; r: number; t: number; b: number };
  title: string[];
  xaxis: AxisModel;
  yaxis: AxisModel;
  scatters: ScatterModel[];
  grids: GridModel[];
  notes: NoteModel[];
  showLegend: boolean;
  /** Trace types the writer does not draw, named in the figure's description. */
  skipped: string[];
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function finite(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function numbers(value: unknown): (number | null)[] {
  return Array.isArray(value)
    ? value.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : null))
    : [];
}

/** Plain text of a plotly label: a string or `{ text }`, lines split at `<br>`, tags dropped. */
export function labelLines(value: unknown): string[] {
  const text = typeof value === "string" ? value : record(value).text;
  if (typeof text !== "string" || text.trim() === "") return [];
  return text
    .split(/<br\s*\/?>/i)
    .map((line) => line.replace(/<[^>]*>/g, "").trim())
    .slice(0, 6)
    .map((line) => (line.length > 120 ? `${line.slice(0, 119)}…` : line));
}

function readAxis(value: unknown): AxisModel {
  const axis = record(value);
  const range = numbers(axis.range);
  const log = axis.type === "log";
  const fixed =
    range.length === 2 && range[0] !== null && range[1] !== null && range[0] !== range[1]
      ? ([range[0], range[1]] as [number, number])
      : null;
  return {
    title: labelLines(axis.title).join(" "),
    // plotly gives a log axis's range in decades
    range: fixed && log ? [10 ** fixed[0], 10 ** fixed[1]] : fixed,
    log,
    anchored: axis.scaleanchor === "x" || axis.scaleanchor === "y",
  };
}

function readScatter(trace: Json, index: number): ScatterModel {
  const mode = typeof trace.mode === "string" ? trace.mode : "lines+markers";
  const line = record(trace.line);
  const marker = record(trace.marker);
  const color =
    safeColor(line.color) ?? safeColor(marker.color) ?? COLORWAY[index % COLORWAY.length];
  const labels = Array.isArray(trace.text) ? trace.text.map((t) => labelLines(t).join(" ")) : null;
  return {
    kind: "scatter",
    name: labelLines(trace.name).join(" ") || `trace ${index}`,
    x: numbers(trace.x),
    y: numbers(trace.y),
    lines: mode.includes("lines"),
    markers: mode.includes("markers"),
    labels: mode.includes("text") ? labels : null,
    color,
    lineWidth: Math.min(20, finite(line.width, 2)),
    dash: typeof line.dash === "string" ? line.dash : null,
    markerSize: Math.min(40, finite(marker.size, 6)),
    markerColor: safeColor(marker.color) ?? color,
    markerEdge: safeColor(record(marker.line).color),
    showInLegend: trace.showlegend !== false,
  };
}

function zRows(value: unknown): (number | null)[][] {
  return Array.isArray(value) ? value.map(numbers) : [];
}

function extentOf(z: (number | null)[][]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const row of z)
    for (const v of row)
      if (v !== null) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
  return low <= high ? [low, high] : [0, 1];
}

/** Contour levels: `contours.start/end/size` when given, else about `ncontours` round values. */
function contourLevels(
  trace: Json,
  zmin: number,
  zmax: number,
  ticks: (a: number, b: number, n: number) => number[],
): number[] {
  const contours = record(trace.contours);
  const start = contours.start;
  const end = contours.end;
  const size = contours.size;
  if (
    typeof start === "number" &&
    typeof end === "number" &&
    typeof size === "number" &&
    size > 0
  ) {
    const levels: number[] = [];
    for (let level = start; level <= end + size * 1e-9 && levels.length < 200; level += size)
      levels.push(level);
    return levels;
  }
  const count = Math.min(100, Math.max(1, finite(trace.ncontours, 15)));
  return ticks(zmin, zmax, count).filter((level) => level > zmin && level < zmax);
}

function readGrid(
  trace: Json,
  kind: "heatmap" | "contour",
  ticks: (a: number, b: number, n: number) => number[],
): GridModel | null {
  const z = zRows(trace.z);
  if (z.length === 0 || z[0].length === 0) return null;
  const columns = Math.max(...z.map((row) => row.length));
  const axisValues = (value: unknown, count: number) => {
    const given = numbers(value);
    return given.length === count && given.every((v) => v !== null)
      ? (given as number[])
      : Array.from({ length: count }, (_, i) => i);
  };
  const [low, high] = extentOf(z);
  const zmin = finite(trace.zmin, low);
  const zmax = finite(trace.zmax, high);
  const contours = record(trace.contours);
  const coloring = kind === "heatmap" ? "heatmap" : contours.coloring;
  const line = record(trace.line);
  return {
    kind,
    name: labelLines(trace.name).join(" ") || kind,
    x: axisValues(trace.x, columns),
    y: axisValues(trace.y, z.length),
    z,
    colorscale: readColorScale(trace.colorscale),
    zmin,
    zmax,
    opacity: Math.min(1, Math.max(0, finite(trace.opacity, 1))),
    coloring:
      coloring === "lines" || coloring === "heatmap" || coloring === "none" ? coloring : "fill",
    levels: kind === "contour" ? contourLevels(trace, zmin, zmax, ticks) : [],
    lineColor: safeColor(line.color),
    lineWidth: Math.min(10, finite(line.width, kind === "contour" ? 0.5 : 0)),
  };
}

/**
 * The figure `{ data, layout }` as the writer draws it; null when `value` is not a figure.
 * `ticks` picks round contour levels (the axes' tick rule).
 */
export function readFigure(
  value: unknown,
  ticks: (low: number, high: number, count: number) => number[],
): FigureModel | null {
  const figure = record(value);
  if (!Array.isArray(figure.data)) return null;
  const layout = record(figure.layout);
  const margin = record(layout.margin);
  const model: FigureModel = {
    width: Math.min(2000, Math.max(200, finite(layout.width, 700))),
    height: Math.min(2000, Math.max(150, finite(layout.height, 450))),
    margin: {
      l: finite(margin.l, 80),
      r: finite(margin.r, 80),
      t: finite(margin.t, 100),
      b: finite(margin.b, 80),
    },
    title: labelLines(layout.title),
    xaxis: readAxis(layout.xaxis),
    yaxis: readAxis(layout.yaxis),
    scatters: [],
    grids: [],
    notes: [],
    showLegend: layout.showlegend !== false,
    skipped: [],
  };
  figure.data.forEach((entry, index) => {
    const trace = record(entry);
    const type = typeof trace.type === "string" ? trace.type : "scatter";
    if (type === "scatter" || type === "scattergl") model.scatters.push(readScatter(trace, index));
    else if (type === "heatmap" || type === "contour") {
      const grid = readGrid(trace, type, ticks);
      if (grid !== null) model.grids.push(grid);
    } else model.skipped.push(type.replace(/[^\w-]/g, "").slice(0, 30));
  });
  const notes = Array.isArray(layout.annotations) ? layout.annotations : [];
  for (const entry of notes.slice(0, 10)) {
    const note = record(entry);
    const lines = labelLines(note.text);
    if (lines.length === 0 || note.xref !== "paper" || note.yref !== "paper") continue;
    model.notes.push({
      lines,
      x: finite(note.x, 0),
      y: finite(note.y, 1),
      xanchor: note.xanchor === "left" || note.xanchor === "right" ? note.xanchor : "center",
      yanchor: note.yanchor === "top" || note.yanchor === "bottom" ? note.yanchor : "middle",
    });
  }
  return model;
}
