import { el } from "../dom";

/** What a heatmap shows; the colours come from the theme (see style/index.css). */
export interface HeatmapSpec {
  rows: number;
  cols: number;
  /** Row-major; null marks a cell with nothing to show (not checked, or no finite value). */
  values: readonly (number | null)[];
  /** Maps a value to its colour strength in [0, 1]. */
  intensity: (value: number) => number;
  /** "values" runs from the background to the brand colour, "error" to the error colour. */
  palette: "values" | "error";
  /** The tooltip of one cell. */
  cellTitle: (row: number, col: number, value: number | null) => string;
  /** Read by screen readers in place of the cells. */
  label: string;
  legend: { low: string; high: string; empty?: string };
}

/** Heatmaps fit the output area: about 320 px on the long side, cells between 3 and 18 px. */
function cellSize(rows: number, cols: number): number {
  return Math.max(3, Math.min(18, Math.floor(320 / Math.max(rows, cols, 1))));
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value)) return value > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * A grid of coloured cells. The strength goes into a CSS custom property and the stylesheet mixes
 * theme colours with it, so the same heatmap reads in light and dark themes. Cells are divs in a
 * CSS grid (a few thousand at most, as the bundles cap them).
 */
export function renderHeatmap(spec: HeatmapSpec): HTMLElement {
  const size = cellSize(spec.rows, spec.cols);
  const grid = el("div", {
    className: "gradbook-heatmap-grid",
    attrs: { role: "img", "aria-label": spec.label },
  });
  grid.style.gridTemplateColumns = `repeat(${spec.cols}, ${size}px)`;
  grid.style.gridAutoRows = `${size}px`;
  for (let row = 0; row < spec.rows; row++) {
    for (let col = 0; col < spec.cols; col++) {
      const value = spec.values[row * spec.cols + col] ?? null;
      const cell = el("div", {
        className: value === null ? "gradbook-heatmap-cell is-empty" : "gradbook-heatmap-cell",
        title: spec.cellTitle(row, col, value),
      });
      if (value !== null)
        cell.style.setProperty(
          "--gradbook-t",
          `${Math.round(clampUnit(spec.intensity(value)) * 100)}%`,
        );
      grid.append(cell);
    }
  }
  const legend = el(
    "div",
    { className: "gradbook-heatmap-legend", attrs: { "aria-hidden": "true" } },
    el("span", { text: spec.legend.low }),
    el("span", { className: "gradbook-heatmap-ramp" }),
    el("span", { text: spec.legend.high }),
    spec.legend.empty
      ? el(
          "span",
          { className: "gradbook-heatmap-empty-key" },
          el("span", { className: "gradbook-heatmap-cell is-empty" }),
          spec.legend.empty,
        )
      : null,
  );
  return el(
    "div",
    { className: `gradbook-heatmap gradbook-heatmap--${spec.palette}` },
    grid,
    legend,
  );
}
