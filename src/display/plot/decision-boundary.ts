import { formatShape } from "../../protocol";
import { integerAtLeast, nonNegativeNumber, textList } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import { type Tensor, type TensorLike, argmax, asTensor, tensor } from "../../tensor";
import { checkLengths, classTraces } from "./basic";
import {
  type Figure,
  type PlotOptions,
  type PlotTrace,
  type Series,
  baseLayout,
  evenlySpaced,
  extent,
  PLOT_OPTION_RULES,
  toNumbers,
} from "./figure";
import { COLORWAY } from "../../protocol/figure-svg/colors";

/** Options of `decisionBoundary`. */
export interface DecisionBoundaryOptions extends PlotOptions {
  /** Grid points along each axis (default 100). */
  resolution?: number;
  /** Names of the classes, by label value. */
  classNames?: readonly string[];
  /** Margin around the data, as a fraction of its range (default 0.1). */
  padding?: number;
}

/**
 * The regions a classifier assigns to each class, over the plane of two features, with the
 * data points on top (logistic regression on two Iris features, softmax regression):
 *
 *   plot.decisionBoundary((grid) => predictProba(grid, w, b), X2, y)
 *
 * `X` is [m, 2]; `predict` gets a [k, 2] grid of points and returns, per point, a probability of
 * class 1 ([k] or [k, 1], drawn with the p = 0.5 boundary), a class label ([k] integers), or
 * class scores [k, K] (the argmax is the class).
 */
export function decisionBoundary(
  predict: (grid: Tensor) => Series | Tensor,
  X: TensorLike,
  y: Series,
  options: DecisionBoundaryOptions = {},
): Figure {
  const { resolution, padding, classNames } = readOptions("plot.decisionBoundary", options, {
    ...PLOT_OPTION_RULES,
    resolution: integerAtLeast(2, 100),
    classNames: textList(),
    padding: nonNegativeNumber(0.1),
  });
  const points = asTensor(X, "plot.decisionBoundary (X)");
  if (points.ndim !== 2 || points.shape[1] !== 2) {
    throw new RangeError(
      `plot.decisionBoundary: X must have shape [m, 2] (two features), got ${formatShape(points.shape)}`,
    );
  }
  const x1 = toNumbers(points.slice(null, 0), "plot.decisionBoundary (X)");
  const x2 = toNumbers(points.slice(null, 1), "plot.decisionBoundary (X)");
  const labels = toNumbers(y, "plot.decisionBoundary (y)");
  checkLengths("plot.decisionBoundary", x1.length, labels.length, "y");
  const xs = paddedGrid(x1, padding, resolution);
  const ys = paddedGrid(x2, padding, resolution);
  const grid: number[][] = [];
  for (const b of ys) for (const a of xs) grid.push([a, b]);
  const region = regionValues(predict(tensor(grid)), grid.length);
  const classCount = largest(region.kind === "class" ? region.values : [1], labels) + 1;
  const z = ys.map((_, row) => region.values.slice(row * xs.length, (row + 1) * xs.length));
  const data: PlotTrace[] =
    region.kind === "class" ? [classRegions(xs, ys, z, classCount)] : probabilityRegions(xs, ys, z);
  data.push(...classTraces(x1, x2, labels, classNames, classMarker));
  const layout = baseLayout(options, { xLabel: "x₁", yLabel: "x₂" });
  return { data, layout };
}

function paddedGrid(values: readonly number[], padding: number, resolution: number): number[] {
  const [low, high] = extent(values);
  const margin = high > low ? (high - low) * padding : 0.5;
  return evenlySpaced(low - margin, high + margin, resolution);
}

function regionValues(
  output: Series | Tensor,
  count: number,
): { kind: "class" | "probability"; values: number[] } {
  const scores = asTensor(output as TensorLike, "plot.decisionBoundary (predictions)");
  if (scores.ndim === 2 && scores.shape[1] > 1) {
    const values = toNumbers(argmax(scores, 1), "plot.decisionBoundary (predictions)");
    checkLengths("plot.decisionBoundary", count, values.length, "the predictions");
    return { kind: "class", values };
  }
  const values = toNumbers(scores, "plot.decisionBoundary (predictions)");
  checkLengths("plot.decisionBoundary", count, values.length, "the predictions");
  return { kind: values.every(Number.isInteger) ? "class" : "probability", values };
}

function classRegions(xs: number[], ys: number[], z: number[][], classCount: number): PlotTrace {
  const colorscale: [number, string][] = [];
  for (let c = 0; c < classCount; c++) {
    const color = COLORWAY[c % COLORWAY.length];
    colorscale.push([c / classCount, color], [(c + 1) / classCount, color]);
  }
  return {
    type: "heatmap",
    name: "predicted class",
    x: xs,
    y: ys,
    z,
    zmin: -0.5,
    zmax: classCount - 0.5,
    colorscale,
    opacity: 0.3,
    showscale: false,
    hoverinfo: "skip",
  };
}

function probabilityRegions(xs: number[], ys: number[], z: number[][]): PlotTrace[] {
  return [
    {
      type: "heatmap",
      name: "p(class 1)",
      x: xs,
      y: ys,
      z,
      zmin: 0,
      zmax: 1,
      colorscale: [
        [0, COLORWAY[0]],
        [0.5, "#ffffff"],
        [1, COLORWAY[1]],
      ],
      opacity: 0.4,
      // Plotly puts the legend and the colour bar in the same top-right corner: the bar takes
      // the lower half, under the legend's few entries.
      colorbar: { title: { text: "p" }, len: 0.5, y: 0, yanchor: "bottom", thickness: 14 },
    },
    {
      type: "contour",
      name: "p = 0.5",
      x: xs,
      y: ys,
      z,
      autocontour: false,
      contours: { start: 0.5, end: 0.5, size: 1, coloring: "lines" },
      line: { width: 2, color: "#333333" },
      showscale: false,
      hoverinfo: "skip",
    },
  ];
}

/** The data points, one trace per class, coloured like the class's region. */
function classMarker(label: number): Record<string, unknown> {
  return {
    size: 7,
    color: COLORWAY[label % COLORWAY.length],
    line: { width: 1, color: "#ffffff" },
  };
}

/** The largest value of the lists (a loop: spreading a long list into Math.max overflows). */
function largest(...lists: readonly (readonly number[])[]): number {
  let result = -Infinity;
  for (const list of lists) for (const value of list) if (value > result) result = value;
  return result;
}
