import { type Figure, type PlotOptions, baseLayout, evenlySpaced } from "./figure";

/** Options of `contour`. */
export interface ContourOptions extends PlotOptions {
  /** Grid points along each axis (default 60). */
  resolution?: number;
  /** About how many contour levels to draw (default 15). */
  levels?: number;
  /** Draw contour lines only, without filled colour bands. */
  linesOnly?: boolean;
}

/**
 * Contours of f(x, y) over [x₀, x₁] × [y₀, y₁], sampled on a grid (a loss surface over two
 * weights, for instance):
 *
 *   plot.contour((w1, w2) => J(tensor([w1, w2])), [-2, 2], [-2, 2])
 */
export function contour(
  f: (x: number, y: number) => number,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  options: ContourOptions = {},
): Figure {
  const resolution = options.resolution ?? 60;
  if (!(Number.isInteger(resolution) && resolution >= 2)) {
    throw new RangeError(`plot.contour: resolution must be an integer ≥ 2, got ${resolution}`);
  }
  checkRange("xRange", xRange);
  checkRange("yRange", yRange);
  const xs = evenlySpaced(xRange[0], xRange[1], resolution);
  const ys = evenlySpaced(yRange[0], yRange[1], resolution);
  const z = ys.map((y) => xs.map((x) => f(x, y)));
  return {
    data: [
      {
        type: "contour",
        name: "f(x, y)",
        x: xs,
        y: ys,
        z,
        ncontours: options.levels ?? 15,
        contours: { coloring: options.linesOnly ? "lines" : "fill", showlabels: true },
        colorscale: "Viridis",
      },
    ],
    layout: baseLayout(options, { xLabel: "x", yLabel: "y" }),
  };
}

function checkRange(name: string, range: readonly [number, number]): void {
  if (!(
    Array.isArray(range) &&
    range.length === 2 &&
    Number.isFinite(range[0]) &&
    Number.isFinite(range[1]) &&
    range[0] < range[1]
  )) {
    throw new RangeError(
      `plot.contour: ${name} must be [low, high] with low < high, got ${JSON.stringify(range)}`,
    );
  }
}
