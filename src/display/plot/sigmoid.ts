import { type Figure, type PlotOptions, type PlotTrace, baseLayout, evenlySpaced } from "./figure";

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
  const [low, high] = options.range ?? [-8, 8];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new RangeError(
      `plot.sigmoid: range must be [low, high] with low < high, got [${low}, ${high}]`,
    );
  }
  const points = options.points ?? 201;
  if (!(Number.isInteger(points) && points >= 2)) {
    throw new RangeError(`plot.sigmoid: points must be an integer ≥ 2, got ${points}`);
  }
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
  if (options.derivative) {
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
