import { flag, integerAtLeast, interval } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import {
  type Figure,
  type PlotOptions,
  type PlotTrace,
  PLOT_OPTION_RULES,
  baseLayout,
  evenlySpaced,
} from "./figure";

/** Options of `sigmoid`. */
export interface SigmoidOptions extends PlotOptions {
  /** The z interval (default [-8, 8]). */
  range?: readonly [number, number];
  /** Also draw the derivative σ′(z) = σ(z)(1 − σ(z)). */
  derivative?: boolean;
  /** Points on the curve (default 201). */
  points?: number;
}

/**
 * The logistic function σ(z) = 1 / (1 + e⁻ᶻ) with the decision threshold σ = 0.5 at z = 0
 * (logistic regression's lesson), and optionally its derivative σ(z)(1 − σ(z)).
 */
export function sigmoid(options: SigmoidOptions = {}): Figure {
  const { range, derivative, points } = readOptions("plot.sigmoid", options, {
    ...PLOT_OPTION_RULES,
    range: interval([-8, 8]),
    derivative: flag(false),
    points: integerAtLeast(2, 201),
  });
  const [low, high] = range;
  const z = evenlySpaced(low, high, points);
  const sigma = z.map((value) => 1 / (1 + Math.exp(-value)));
  const data: PlotTrace[] = [
    { type: "scatter", mode: "lines", name: "σ(z)", x: z, y: sigma },
    {
      type: "scatter",
      mode: "lines",
      name: "σ = 0.5",
      x: [low, high],
      y: [0.5, 0.5],
      line: { dash: "dot", color: "#7f7f7f", width: 1 },
    },
  ];
  if (derivative) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "σ′(z) = σ(z)(1 − σ(z))",
      x: z,
      y: sigma.map((s) => s * (1 - s)),
      line: { dash: "dash" },
    });
  }
  const layout = baseLayout(options, {
    title: "The sigmoid σ(z) = 1 / (1 + e⁻ᶻ)",
    xLabel: "z",
    yLabel: "σ(z)",
  });
  layout.yaxis = { ...(layout.yaxis as object), range: [-0.05, 1.05] };
  return { data, layout };
}
