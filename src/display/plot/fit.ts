import { integerAtLeast, text } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import { type Tensor, tensor } from "../../tensor";
import { checkLengths } from "./basic";
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

/** A fitted model as a function of the inputs: x [k] → predictions [k] (or [k, 1]). */
export type Predictor = (x: Tensor) => Series;

/** Options of `fit`. */
export interface FitOptions extends PlotOptions {
  /** Points on each fitted curve (default 200). */
  points?: number;
  /** Legend name of the data (default "data"). */
  dataName?: string;
}

/**
 * The data (x, y) as points and one or more fitted curves over [min x, max x] (seed 003: a
 * polynomial's fit for several degrees or regularization strengths):
 *
 *   plot.fit(x, y, { "degree 1": (x) => predict1(x), "degree 9, λ = 1": (x) => predict9(x) })
 *
 * Each predictor gets a 1-D tensor of `points` inputs and returns one prediction per input.
 */
export function fit(
  x: Series,
  y: Series,
  predict: Predictor | Record<string, Predictor>,
  options: FitOptions = {},
): Figure {
  const { points, dataName } = readOptions("plot.fit", options, {
    ...PLOT_OPTION_RULES,
    points: integerAtLeast(2, 200),
    dataName: text("data"),
  });
  const xs = toNumbers(x, "plot.fit (x)");
  const ys = toNumbers(y, "plot.fit (y)");
  checkLengths("plot.fit", xs.length, ys.length, "y");
  const [low, high] = extent(xs);
  const grid = evenlySpaced(low, high, points);
  const predictors = typeof predict === "function" ? { fit: predict } : predict;
  const data: PlotTrace[] = [{ type: "scatter", mode: "markers", name: dataName, x: xs, y: ys }];
  for (const [name, predictor] of Object.entries(predictors)) {
    const predictions = toNumbers(predictor(tensor(grid)), `plot.fit (${name})`);
    checkLengths("plot.fit", grid.length, predictions.length, `the predictions of ${name}`);
    data.push({ type: "scatter", mode: "lines", name, x: grid, y: predictions });
  }
  return { data, layout: baseLayout(options, { xLabel: "x", yLabel: "y" }) };
}
