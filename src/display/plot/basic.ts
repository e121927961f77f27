import { flag, oneOf, positiveNumber, rule, text, textList } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import {
  type Figure,
  type PlotOptions,
  type PlotTrace,
  type Series,
  baseLayout,
  PLOT_OPTION_RULES,
  toNumbers,
} from "./figure";

/** Options of `line`. */
export interface LineOptions extends PlotOptions {
  /** Legend name of a single series. */
  name?: string;
  /** "lines" (default), "markers" or "lines+markers". */
  mode?: "lines" | "markers" | "lines+markers";
  /** A logarithmic y axis. */
  logY?: boolean;
}

/**
 * A line plot of y against x; `y` may be one series or several by name, sharing x:
 *
 *   plot.line(epochs, { train: trainLoss, test: testLoss }, { yLabel: "J(w)" })
 */
export function line(
  x: Series,
  y: Series | Record<string, Series>,
  options: LineOptions = {},
): Figure {
  const { mode, logY, ...settings } = readOptions("plot.line", options, {
    ...PLOT_OPTION_RULES,
    name: text("y"),
    mode: oneOf(["lines", "markers", "lines+markers"] as const, "lines"),
    logY: flag(false),
  });
  const xs = toNumbers(x, "plot.line (x)");
  const named = isSeries(y) ? { [settings.name]: y } : y;
  const data: PlotTrace[] = Object.entries(named).map(([name, series]) => {
    const ys = toNumbers(series, `plot.line (${name})`);
    checkLengths("plot.line", xs.length, ys.length, name);
    return { type: "scatter", mode, name, x: xs, y: ys };
  });
  const layout = baseLayout(options);
  if (logY) layout.yaxis = { ...(layout.yaxis as object | undefined), type: "log" };
  if (data.length === 1) layout.showlegend = false;
  return { data, layout };
}

/** Options of `scatter`. */
export interface ScatterOptions extends PlotOptions {
  /** A class label per point: one colour and legend entry per class. */
  labels?: Series | readonly number[];
  /** Names of the classes, by label value (`targetNames` of Iris). */
  classNames?: readonly string[];
  /** Legend name when there are no labels. */
  name?: string;
  /** Marker size in pixels (default 7). */
  markerSize?: number;
}

/**
 * A scatter plot of points (x, y), coloured by class when `labels` are given:
 *
 *   plot.scatter(X.slice(null, 2), X.slice(null, 3), { labels: y, classNames: targetNames })
 */
export function scatter(x: Series, y: Series, options: ScatterOptions = {}): Figure {
  const settings = readOptions("plot.scatter", options, {
    ...PLOT_OPTION_RULES,
    labels: rule<Series | undefined>(
      "class labels (a list, a typed array or a Tensor)",
      undefined,
      isSeries,
    ),
    classNames: textList(),
    name: text("points"),
    markerSize: positiveNumber(7),
  });
  const xs = toNumbers(x, "plot.scatter (x)");
  const ys = toNumbers(y, "plot.scatter (y)");
  checkLengths("plot.scatter", xs.length, ys.length, "y");
  const marker = { size: settings.markerSize };
  const layout = baseLayout(options);
  if (settings.labels === undefined) {
    layout.showlegend = false;
    const name = settings.name;
    return { data: [{ type: "scatter", mode: "markers", name, x: xs, y: ys, marker }], layout };
  }
  const labels = toNumbers(settings.labels, "plot.scatter (labels)");
  checkLengths("plot.scatter", xs.length, labels.length, "labels");
  return { data: classTraces(xs, ys, labels, settings.classNames, marker), layout };
}

/** Plotly marker attributes: the same for every class, or chosen per class label. */
export type ClassMarker = Record<string, unknown> | ((label: number) => Record<string, unknown>);

/** One marker trace per distinct label, in increasing label order. */
export function classTraces(
  xs: readonly number[],
  ys: readonly number[],
  labels: readonly number[],
  classNames: readonly string[] | undefined,
  marker: ClassMarker,
): PlotTrace[] {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  return classes.map((label) => {
    const members = labels.flatMap((value, i) => (value === label ? [i] : []));
    return {
      type: "scatter",
      mode: "markers",
      name: classNames?.[label] ?? `class ${label}`,
      x: members.map((i) => xs[i]),
      y: members.map((i) => ys[i]),
      marker: typeof marker === "function" ? marker(label) : marker,
    };
  });
}

/** True for one series (not a record of named series). */
export function isSeries(value: unknown): value is Series {
  return (
    Array.isArray(value) ||
    ArrayBuffer.isView(value) ||
    (value !== null && typeof value === "object" && "shape" in value && "data" in value)
  );
}

/** Throws a RangeError naming `what` when two series that pair up differ in length. */
export function checkLengths(op: string, expected: number, actual: number, what: string): void {
  if (expected !== actual) {
    throw new RangeError(`${op}: x has ${expected} values but ${what} has ${actual}`);
  }
}
