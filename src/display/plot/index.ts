/**
 * Plot builders (`plot.*`): each returns a plotly figure `{ data, layout }` that `show()`
 * renders, plus live figures a training loop redraws in place.
 */
export { line, type LineOptions, scatter, type ScatterOptions } from "./basic";
export { contour, type ContourOptions } from "./contour";
export { decisionBoundary, type DecisionBoundaryOptions } from "./decision-boundary";
export { type Figure, isFigure, type PlotOptions, type PlotTrace, type Series } from "./figure";
export { fit, type FitOptions, type Predictor } from "./fit";
export { l2Geometry } from "./l2-geometry";
export {
  LiveLossCurve,
  liveFigure,
  liveLossCurve,
  LivePlot,
  type LivePlotOptions,
} from "./live-plot";
export { type History, lossCurve, type LossCurveOptions } from "./loss-curve";
export { sigmoid, type SigmoidOptions } from "./sigmoid";
