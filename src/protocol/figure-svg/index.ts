/**
 * A plotly figure's JSON as a static SVG: what a notebook shows where no plotly renderer runs
 * (`jupyter nbconvert --to html`, JupyterLab without gradbook's extension, gradbook's feedback
 * pages), drawn by the library itself so nothing is fetched. It draws the traces the course's
 * figures use — lines, markers and labels (scatter), heatmaps, filled and line contours — with
 * plotly's default colours, axes with round ticks (linear or log), titles, a legend and notes;
 * other trace types are named in the figure's description. A figure of lesson 6 (a decision
 * boundary over 100 × 100 cells and 150 points) weighs about 15 KB.
 *
 * The result is one self-contained `<svg>` element (no script, no external reference), safe to
 * inline in HTML or to use as an image. Hooks: class `gradbook-figure`, `data-gradbook-traces`
 * (the traces drawn); each trace a `g.gradbook-trace` with `data-gradbook-type` and
 * `data-gradbook-name`.
 */
import { formatNumber } from "../number-format";
import { gridExtent, gridSvg } from "./grid";
import { type AxisModel, type FigureModel, readFigure, type ScatterModel } from "./read-figure";
import { autoRange, linearScale, logScale, niceTicks, type Scale } from "./scale";
import { element, escapeXml, polylinePath, textElement } from "./svg";

const FONT = "font-family:'Open Sans',Arial,sans-serif";
const INK = "#444444";
const GRID = "#e8e8e8";
const DASHES: Record<string, string> = { dash: "6 4", dot: "2 3", dashdot: "6 3 2 3" };

/** Legend entries' text is cut at this many characters. */
const LEGEND_TEXT = 32;

/** A short stable hash of the figure (clip-path ids: unique per figure, the same on every run). */
function figureId(figure: unknown): string {
  let hash = 0x811c9dc5;
  const text = JSON.stringify(figure) ?? "";
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

function legendEntries(model: FigureModel): ScatterModel[] {
  const shown = model.scatters.filter((trace) => trace.showInLegend);
  return model.showLegend && shown.length > 1 ? shown : [];
}

/** The data range of an axis: fixed by the layout, or covering every trace. */
function axisRange(model: FigureModel, axis: "x" | "y"): [number, number] {
  const settings = axis === "x" ? model.xaxis : model.yaxis;
  if (settings.range !== null) return settings.range;
  const values: number[] = [];
  for (const trace of model.scatters)
    for (const value of trace[axis]) if (value !== null) values.push(value);
  for (const grid of model.grids) values.push(...gridExtent(grid)[axis]);
  // Grids fill the plot edge to edge, as plotly draws them; points get a margin.
  return autoRange(values, settings.log, model.grids.length > 0 ? 0 : 0.05);
}

/** Widens one range so a unit is as long on both axes (`scaleanchor`). */
function equalUnits(
  x: [number, number],
  y: [number, number],
  width: number,
  height: number,
): [[number, number], [number, number]] {
  const perPixelX = (x[1] - x[0]) / width;
  const perPixelY = (y[1] - y[0]) / height;
  const widen = ([low, high]: [number, number], span: number): [number, number] => {
    const middle = low + (high - low) / 2;
    return [middle - span / 2, middle + span / 2];
  };
  return perPixelX > perPixelY
    ? [x, widen(y, perPixelX * height)]
    : [widen(x, perPixelY * width), y];
}

function scaleFor(axis: AxisModel, range: [number, number], from: number, to: number): Scale {
  return axis.log && range[0] > 0
    ? logScale(range[0], range[1], from, to)
    : linearScale(range[0], range[1], from, to);
}

function scatterSvg(trace: ScatterModel, x: Scale, y: Scale): string {
  const points = trace.x.map((xv, i): [number, number] | null => {
    const yv = trace.y[i];
    if (xv === null || yv === null || yv === undefined) return null;
    const p: [number, number] = [x.at(xv), y.at(yv)];
    return Number.isFinite(p[0]) && Number.isFinite(p[1]) ? p : null;
  });
  const parts: string[] = [];
  if (trace.lines) {
    const d = polylinePath(points);
    if (d !== "")
      parts.push(
        element("path", {
          d,
          fill: "none",
          stroke: trace.color,
          "stroke-width": trace.lineWidth,
          "stroke-dasharray": trace.dash === null ? undefined : DASHES[trace.dash],
          "stroke-linejoin": "round",
        }),
      );
  }
  if (trace.markers) {
    const radius = trace.markerSize / 2;
    const dots = points
      .filter((p): p is [number, number] => p !== null)
      .map((p) => element("circle", { cx: p[0], cy: p[1], r: radius }));
    parts.push(
      element(
        "g",
        {
          fill: trace.markerColor,
          stroke: trace.markerEdge ?? undefined,
          "stroke-width": trace.markerEdge === null ? undefined : 1,
        },
        ...dots,
      ),
    );
  }
  if (trace.labels !== null) {
    points.forEach((p, i) => {
      const label = trace.labels?.[i];
      if (p !== null && label)
        parts.push(textElement(label, { x: p[0] + 6, y: p[1] - 6, fill: INK, "font-size": 12 }));
    });
  }
  return element(
    "g",
    { class: "gradbook-trace", "data-gradbook-type": "scatter", "data-gradbook-name": trace.name },
    ...parts,
  );
}

interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function axesSvg(model: FigureModel, area: PlotArea, x: Scale, y: Scale): string {
  const parts: string[] = [];
  for (const tick of x.ticks()) {
    const at = x.at(tick);
    parts.push(
      element("line", {
        x1: at,
        x2: at,
        y1: area.top,
        y2: area.bottom,
        stroke: tick === 0 ? "#bbbbbb" : GRID,
      }),
    );
    parts.push(
      textElement(formatNumber(tick), { x: at, y: area.bottom + 16, "text-anchor": "middle" }),
    );
  }
  for (const tick of y.ticks()) {
    const at = y.at(tick);
    parts.push(
      element("line", {
        x1: area.left,
        x2: area.right,
        y1: at,
        y2: at,
        stroke: tick === 0 ? "#bbbbbb" : GRID,
      }),
    );
    parts.push(
      textElement(formatNumber(tick), { x: area.left - 6, y: at + 4, "text-anchor": "end" }),
    );
  }
  if (model.xaxis.title)
    parts.push(
      textElement(model.xaxis.title, {
        x: (area.left + area.right) / 2,
        y: Math.min(model.height - 6, area.bottom + 40),
        "text-anchor": "middle",
        "font-size": 14,
      }),
    );
  if (model.yaxis.title) {
    const cx = Math.max(14, area.left - 46);
    const cy = (area.top + area.bottom) / 2;
    parts.push(
      textElement(model.yaxis.title, {
        x: cx,
        y: cy,
        "text-anchor": "middle",
        "font-size": 14,
        transform: `rotate(-90 ${cx.toFixed(1)} ${cy.toFixed(1)})`,
      }),
    );
  }
  return element("g", { class: "gradbook-axes", fill: INK, "font-size": 12 }, ...parts);
}

function legendSvg(entries: ScatterModel[], left: number, top: number): string {
  const rows = entries.map((trace, i) => {
    const y = top + 10 + i * 20;
    const sample = trace.lines
      ? element("line", {
          x1: left,
          x2: left + 24,
          y1: y,
          y2: y,
          stroke: trace.color,
          "stroke-width": Math.min(trace.lineWidth, 4),
          "stroke-dasharray": trace.dash === null ? undefined : DASHES[trace.dash],
        })
      : element("circle", {
          cx: left + 12,
          cy: y,
          r: Math.min(trace.markerSize, 12) / 2,
          fill: trace.markerColor,
        });
    const name =
      trace.name.length > LEGEND_TEXT ? `${trace.name.slice(0, LEGEND_TEXT - 1)}…` : trace.name;
    return sample + textElement(name, { x: left + 30, y: y + 4 });
  });
  return element("g", { class: "gradbook-legend", fill: INK, "font-size": 12 }, ...rows);
}

function notesSvg(model: FigureModel, area: PlotArea): string {
  return model.notes
    .map((note) => {
      const x = area.left + note.x * (area.right - area.left);
      const height = note.lines.length * 15;
      const top =
        area.bottom -
        note.y * (area.bottom - area.top) -
        (note.yanchor === "top" ? 0 : note.yanchor === "middle" ? height / 2 : height);
      const anchor =
        note.xanchor === "left" ? "start" : note.xanchor === "right" ? "end" : "middle";
      const lines = note.lines.map((line, i) =>
        textElement(line, {
          x: note.xanchor === "left" ? x + 4 : x,
          y: top + 13 + i * 15,
          "text-anchor": anchor,
        }),
      );
      return element("g", { class: "gradbook-note", fill: INK, "font-size": 12 }, ...lines);
    })
    .join("");
}

/**
 * The SVG of a plotly figure `{ data, layout }` (see the file comment); null when `figure` is
 * not a figure or has nothing this writer draws. Safe for any JSON: text is escaped, colours are
 * checked, sizes are bounded.
 */
export function figureSvg(figure: unknown): string | null {
  const model = readFigure(figure, niceTicks);
  const drawable =
    model !== null &&
    (model.grids.length > 0 ||
      model.scatters.some((trace) => trace.x.some((x, i) => x !== null && trace.y[i] != null)));
  if (!drawable) return null;
  const legend = legendEntries(model);
  const legendWidth =
    legend.length === 0
      ? 0
      : 40 + 7 * Math.min(LEGEND_TEXT, Math.max(...legend.map((t) => t.name.length)));
  const area: PlotArea = {
    left: model.margin.l,
    right: Math.max(model.margin.l + 50, model.width - model.margin.r - legendWidth),
    top: model.margin.t,
    bottom: Math.max(model.margin.t + 50, model.height - model.margin.b),
  };
  let xRange = axisRange(model, "x");
  let yRange = axisRange(model, "y");
  if (model.yaxis.anchored && !model.xaxis.log && !model.yaxis.log)
    [xRange, yRange] = equalUnits(xRange, yRange, area.right - area.left, area.bottom - area.top);
  const x = scaleFor(model.xaxis, xRange, area.left, area.right);
  const y = scaleFor(model.yaxis, yRange, area.bottom, area.top);
  const clip = `gradbook-clip-${figureId(figure)}`;
  const traces = [
    ...model.grids.map((grid) => gridSvg(grid, x, y)),
    ...model.scatters.map((trace) => scatterSvg(trace, x, y)),
  ];
  const title = model.title.map((line, i) =>
    textElement(line, {
      x: model.width / 2,
      y: 24 + i * 20,
      "text-anchor": "middle",
      "font-size": 17,
      fill: INK,
    }),
  );
  const names = [...model.scatters, ...model.grids].map((trace) => trace.name);
  const description =
    `${names.length} trace${names.length === 1 ? "" : "s"}: ${names.join(", ")}` +
    (model.skipped.length > 0 ? `; not drawn here: ${model.skipped.join(", ")}` : "");
  const label = model.title.join(" ") || "Figure";
  return element(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      class: "gradbook-figure",
      width: model.width,
      height: model.height,
      viewBox: `0 0 ${model.width} ${model.height}`,
      role: "img",
      "aria-label": label,
      "data-gradbook-traces": traces.length,
      style: FONT,
    },
    element("title", {}, escapeXml(label)),
    element("desc", {}, escapeXml(description)),
    element("rect", { width: model.width, height: model.height, fill: "#ffffff" }),
    element(
      "clipPath",
      { id: clip },
      element("rect", {
        x: area.left,
        y: area.top,
        width: area.right - area.left,
        height: area.bottom - area.top,
      }),
    ),
    axesSvg(model, area, x, y),
    element("g", { "clip-path": `url(#${clip})` }, ...traces),
    element("rect", {
      x: area.left,
      y: area.top,
      width: area.right - area.left,
      height: area.bottom - area.top,
      fill: "none",
      stroke: "#cccccc",
    }),
    legendSvg(legend, area.right + 16, area.top),
    notesSvg(model, area),
    ...title,
  );
}
