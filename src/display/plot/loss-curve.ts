import {
  type Figure,
  type PlotOptions,
  type PlotTrace,
  type Series,
  baseLayout,
  PLOT_OPTION_RULES,
  toNumbers,
} from "./figure";
import { flag } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import { isSeries } from "./basic";

/**
 * A training history: the losses in order (one per epoch or iteration), several such series by
 * name (`{ train, test }`), or one record per epoch (`[{ epoch: 1, loss: 0.9, accuracy: 0.6 }, …]`).
 */
export type History = Series | Record<string, Series> | readonly Readonly<Record<string, number>>[];

/** Options of `lossCurve`. */
export interface LossCurveOptions extends PlotOptions {
  /** A logarithmic y axis, for losses that fall over orders of magnitude. */
  logY?: boolean;
}

/** Fields of a per-epoch record that number the epochs rather than measure something. */
const STEP_FIELDS = ["epoch", "iteration", "step", "iter"];

/**
 * The loss against the epoch (1, 2, …, or a record's `epoch` field), one curve per series:
 *
 *   const { history } = linearRegressionGD(X, y, { learningRate: 0.1 });
 *   show(plot.lossCurve(history));
 */
export function lossCurve(history: History, options: LossCurveOptions = {}): Figure {
  const { logY } = readOptions("plot.lossCurve", options, {
    ...PLOT_OPTION_RULES,
    logY: flag(false),
  });
  const { xs, curves } = curvesOf(history);
  const data: PlotTrace[] = Object.entries(curves).map(([name, ys]) => ({
    type: "scatter",
    mode: "lines",
    name,
    x: xs ?? ys.map((_, i) => i + 1),
    y: ys,
  }));
  const layout = baseLayout(options, { title: "Training loss", xLabel: "epoch", yLabel: "J(w)" });
  if (logY) layout.yaxis = { ...(layout.yaxis as object | undefined), type: "log" };
  if (data.length === 1) layout.showlegend = false;
  return { data, layout };
}

function curvesOf(history: History): { xs?: number[]; curves: Record<string, number[]> } {
  if (isRecordList(history)) {
    const fields = Object.keys(history[0] ?? {});
    const stepField = STEP_FIELDS.find((field) => fields.includes(field));
    const curves: Record<string, number[]> = {};
    for (const field of fields) {
      if (field === stepField || typeof history[0][field] !== "number") continue;
      curves[field] = history.map((record) => record[field]);
    }
    const xs = stepField === undefined ? undefined : history.map((record) => record[stepField]);
    return { xs, curves };
  }
  if (isSeries(history)) return { curves: { loss: toNumbers(history, "plot.lossCurve") } };
  const curves: Record<string, number[]> = {};
  for (const [name, series] of Object.entries(history)) {
    curves[name] = toNumbers(series, `plot.lossCurve (${name})`);
  }
  return { curves };
}

function isRecordList(history: History): history is readonly Readonly<Record<string, number>>[] {
  return Array.isArray(history) && history.length > 0 && typeof history[0] === "object";
}
