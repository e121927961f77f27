import { flag, integerAtLeast, interval, positiveInteger } from "../../protocol/option-rules";
import { readArgument, readOptions } from "../../protocol/options";
import {
  type Figure,
  type PlotOptions,
  PLOT_OPTION_RULES,
  baseLayout,
  evenlySpaced,
} from "./figure";

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
  const op = "plot.contour";
  const { resolution, levels, linesOnly } = readOptions(op, options, {
    ...PLOT_OPTION_RULES,
    resolution: integerAtLeast(2, 60),
    levels: positiveInteger(15),
    linesOnly: flag(false),
  });
  const [x0, x1] = readArgument(op, "xRange", xRange, interval());
  const [y0, y1] = readArgument(op, "yRange", yRange, interval());
  const xs = evenlySpaced(x0, x1, resolution);
  const ys = evenlySpaced(y0, y1, resolution);
  const z = ys.map((y) => xs.map((x) => f(x, y)));
  return {
    data: [
      {
        type: "contour",
        name: "f(x, y)",
        x: xs,
        y: ys,
        z,
        ncontours: levels,
        contours: { coloring: linesOnly ? "lines" : "fill", showlabels: true },
        colorscale: "Viridis",
      },
    ],
    layout: baseLayout(options, { xLabel: "x", yLabel: "y" }),
  };
}
