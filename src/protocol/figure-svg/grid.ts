/**
 * Heatmaps and contours of a static figure. A heatmap is one PNG pixel per cell, scaled up
 * without smoothing (plotly draws cells as blocks); a filled contour is a PNG of its bands,
 * sampled finer than the grid so band edges follow the data; contour lines come from marching
 * squares over the grid.
 */
import { type ColorScale, colorAt, hexOf, type Rgb } from "./colors";
import { palettePng } from "./png";
import type { GridModel } from "./read-figure";
import type { Scale } from "./scale";
import { element, polylinePath } from "./svg";

/** Widest raster of a filled contour, in pixels: finer than a plot's bands need. */
const MAX_CONTOUR_RASTER = 240;
/** Palette entries of a heatmap's colours (index 0 is see-through, for missing cells). */
const HEATMAP_COLORS = 254;

/** The grid's outline in data values: cell edges for a heatmap, grid points for a contour. */
export function gridExtent(grid: GridModel): { x: [number, number]; y: [number, number] } {
  const edge = (values: number[]): [number, number] => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    if (grid.kind !== "heatmap") return [low, high];
    const half = values.length > 1 ? (high - low) / (values.length - 1) / 2 : 0.5;
    return [low - half, high + half];
  };
  return { x: edge(grid.x), y: edge(grid.y) };
}

function normalized(grid: GridModel, value: number): number {
  return grid.zmax > grid.zmin ? (value - grid.zmin) / (grid.zmax - grid.zmin) : 0.5;
}

/** The image element covering the grid's extent, flipped so its first row is the top. */
function imageOver(grid: GridModel, x: Scale, y: Scale, href: string, smooth: boolean): string {
  const extent = gridExtent(grid);
  const [left, right] = [x.at(extent.x[0]), x.at(extent.x[1])];
  const [bottom, top] = [y.at(extent.y[0]), y.at(extent.y[1])];
  return element("image", {
    href,
    x: Math.min(left, right),
    y: Math.min(top, bottom),
    width: Math.abs(right - left),
    height: Math.abs(bottom - top),
    preserveAspectRatio: "none",
    opacity: grid.opacity < 1 ? grid.opacity : undefined,
    style: smooth ? undefined : "image-rendering:pixelated",
  });
}

function heatmapImage(grid: GridModel, x: Scale, y: Scale): string {
  const rows = grid.z.length;
  const cols = grid.x.length;
  const palette: Rgb[] = [[0, 0, 0]];
  for (let i = 0; i < HEATMAP_COLORS; i++)
    palette.push(colorAt(grid.colorscale, i / (HEATMAP_COLORS - 1)));
  const pixels = new Uint8Array(rows * cols);
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) {
      const value = grid.z[row][col];
      const index =
        value === null || value === undefined
          ? 0
          : 1 +
            Math.round(Math.min(1, Math.max(0, normalized(grid, value))) * (HEATMAP_COLORS - 1));
      pixels[(rows - 1 - row) * cols + col] = index;
    }
  return imageOver(grid, x, y, palettePng(cols, rows, pixels, palette, 0), false);
}

/** z at fractional grid position (i along x, j along y), bilinear; null next to a missing value. */
function sample(z: (number | null)[][], i: number, j: number): number | null {
  const i0 = Math.min(Math.floor(i), z[0].length - 2);
  const j0 = Math.min(Math.floor(j), z.length - 2);
  const [fi, fj] = [i - i0, j - j0];
  const corners = [z[j0][i0], z[j0][i0 + 1], z[j0 + 1]?.[i0], z[j0 + 1]?.[i0 + 1]];
  if (corners.some((c) => c === null || c === undefined)) return null;
  const [a, b, c, d] = corners as number[];
  return (a * (1 - fi) + b * fi) * (1 - fj) + (c * (1 - fi) + d * fi) * fj;
}

/** The colour of each band: below the first level, between levels, above the last. */
function bandColors(scale: ColorScale, grid: GridModel): Rgb[] {
  const bounds = [grid.zmin, ...grid.levels, grid.zmax];
  return bounds.slice(1).map((high, k) => colorAt(scale, normalized(grid, (bounds[k] + high) / 2)));
}

function filledContourImage(grid: GridModel, x: Scale, y: Scale): string | null {
  const cols = grid.x.length;
  const rows = grid.z.length;
  if (cols < 2 || rows < 2) return null;
  const step = Math.max(1, Math.floor(MAX_CONTOUR_RASTER / (cols - 1)));
  const [width, height] = [(cols - 1) * step + 1, (rows - 1) * step + 1];
  const transparent: Rgb = [0, 0, 0];
  const palette = [transparent, ...bandColors(grid.colorscale, grid)].slice(0, 256);
  const pixels = new Uint8Array(width * height);
  for (let py = 0; py < height; py++)
    for (let pxl = 0; pxl < width; pxl++) {
      const value = sample(grid.z, pxl / step, py / step);
      const band = value === null ? -1 : grid.levels.filter((level) => level <= value).length;
      pixels[(height - 1 - py) * width + pxl] =
        band < 0 ? 0 : Math.min(palette.length - 1, band + 1);
    }
  return imageOver(grid, x, y, palettePng(width, height, pixels, palette, 0), true);
}

// Marching squares: for each corner pattern (bit 1: z ≥ level at (i, j), 2: (i+1, j),
// 4: (i+1, j+1), 8: (i, j+1)) the cell edges a contour crosses (0 bottom, 1 right, 2 top, 3 left).
const EDGES: number[][][] = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  [
    [3, 2],
    [0, 1],
  ],
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  [
    [0, 3],
    [1, 2],
  ],
  [[1, 2]],
  [[1, 3]],
  [[0, 1]],
  [[3, 0]],
  [],
];

/** The segments of the contour at `level`, in data values. */
export function contourSegments(grid: GridModel, level: number): [number, number][][] {
  const { x, y, z } = grid;
  const segments: [number, number][][] = [];
  for (let j = 0; j + 1 < z.length; j++)
    for (let i = 0; i + 1 < x.length; i++) {
      const c = [z[j][i], z[j][i + 1], z[j + 1][i + 1], z[j + 1][i]];
      if (c.some((v) => v === null || v === undefined)) continue;
      const [a, b, d, e] = c as number[];
      const pattern =
        (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (d >= level ? 4 : 0) | (e >= level ? 8 : 0);
      const cross = (from: number, to: number) =>
        to === from ? 0.5 : (level - from) / (to - from);
      const point = (edge: number): [number, number] => {
        if (edge === 0) return [x[i] + (x[i + 1] - x[i]) * cross(a, b), y[j]];
        if (edge === 1) return [x[i + 1], y[j] + (y[j + 1] - y[j]) * cross(b, d)];
        if (edge === 2) return [x[i] + (x[i + 1] - x[i]) * cross(e, d), y[j + 1]];
        return [x[i], y[j] + (y[j + 1] - y[j]) * cross(a, e)];
      };
      for (const [from, to] of EDGES[pattern]) segments.push([point(from), point(to)]);
    }
  return segments;
}

/**
 * Segments joined end to end into polylines: neighbouring cells compute a shared crossing with
 * the same arithmetic, so equal points are equal numbers. A contour written as polylines is
 * about half the size of the same contour as separate segments.
 */
export function joinSegments(segments: [number, number][][]): [number, number][][] {
  const key = (p: [number, number]) => `${p[0]},${p[1]}`;
  const ends = new Map<string, number[]>();
  segments.forEach((segment, i) => {
    for (const p of segment) ends.set(key(p), [...(ends.get(key(p)) ?? []), i]);
  });
  const used = new Uint8Array(segments.length);
  const next = (p: [number, number]): [number, number] | null => {
    const i = ends.get(key(p))?.find((candidate) => !used[candidate]);
    if (i === undefined) return null;
    used[i] = 1;
    const [a, b] = segments[i];
    return key(a) === key(p) ? b : a;
  };
  const lines: [number, number][][] = [];
  segments.forEach((segment, i) => {
    if (used[i]) return;
    used[i] = 1;
    const line = [...segment];
    for (let p = next(line[line.length - 1]); p !== null; p = next(p)) line.push(p);
    for (let p = next(line[0]); p !== null; p = next(p)) line.unshift(p);
    lines.push(line);
  });
  return lines;
}

function contourLines(grid: GridModel, x: Scale, y: Scale): string {
  if (grid.coloring === "none" && grid.lineColor === null) return "";
  const paths = grid.levels.map((level) => {
    const points = joinSegments(contourSegments(grid, level)).flatMap((line) => [
      ...line.map((p): [number, number] => [x.at(p[0]), y.at(p[1])]),
      null,
    ]);
    const d = polylinePath(points);
    if (d === "") return "";
    const stroke =
      grid.lineColor ??
      (grid.coloring === "lines"
        ? hexOf(colorAt(grid.colorscale, normalized(grid, level)))
        : "rgba(0,0,0,0.35)");
    const width =
      grid.coloring === "lines" && grid.lineWidth < 1 ? 1.5 : Math.max(grid.lineWidth, 0.5);
    return element("path", { d, fill: "none", stroke, "stroke-width": width });
  });
  return paths.join("");
}

/** A heatmap or contour trace as SVG, in a group with its stable hooks. */
export function gridSvg(grid: GridModel, x: Scale, y: Scale): string {
  const parts: string[] = [];
  if (grid.kind === "heatmap") parts.push(heatmapImage(grid, x, y));
  else {
    if (grid.coloring === "fill" || grid.coloring === "heatmap")
      parts.push(filledContourImage(grid, x, y) ?? "");
    parts.push(contourLines(grid, x, y));
  }
  return element(
    "g",
    { class: "gradbook-trace", "data-gradbook-type": grid.kind, "data-gradbook-name": grid.name },
    ...parts,
  );
}
