import { formatNumber, formatShape } from "../../protocol";
import { nonNegativeNumber } from "../../protocol/option-rules";
import { readArgument, readOptions } from "../../protocol/options";
import { asTensor, type TensorLike } from "../../tensor";
import { eigh } from "../../tensor/linalg";
import {
  type Figure,
  type PlotOptions,
  type PlotTrace,
  PLOT_OPTION_RULES,
  baseLayout,
  toNumbers,
} from "./figure";

/** Points on each drawn ellipse or circle. */
const CURVE_POINTS = 121;
/** Contours of L drawn, as multiples of the one through w̃ (in distance from w*). */
const L_SCALES = [0.5, 1, 1.5, 2, 3];
/** Circles of Ω drawn, as multiples of ‖w̃‖. */
const OMEGA_SCALES = [0.5, 1, 1.5];

/** The eigen-decomposition of H and what L2 regularization does to w* along each eigenvector. */
interface Shrinkage {
  /** Eigenvalues λᵢ of H, ascending. */
  lambdas: number[];
  /** Unit eigenvectors qᵢ (as [x, y]). */
  directions: [number, number][];
  /** λᵢ / (λᵢ + α): the share of w*'s component along qᵢ that w̃ keeps. */
  factors: number[];
  /** qᵢᵀw*, the components of w* in the eigenbasis. */
  components: number[];
  wTilde: [number, number];
}

function shrinkage(H: TensorLike, wStar: [number, number], alpha: number): Shrinkage {
  const h = asTensor(H, "plot.l2Geometry (H)");
  if (h.ndim !== 2 || h.shape[0] !== 2 || h.shape[1] !== 2) {
    throw new RangeError(
      `plot.l2Geometry: H must be a 2 × 2 matrix (the picture is in the plane), got shape ${formatShape(h.shape)}`,
    );
  }
  const scale = Math.max(
    Math.abs(h.get(0, 0)),
    Math.abs(h.get(1, 1)),
    Math.abs(h.get(0, 1)),
    1e-300,
  );
  if (Math.abs(h.get(0, 1) - h.get(1, 0)) > 1e-10 * scale) {
    throw new RangeError(
      `plot.l2Geometry: H must be symmetric, got H[0, 1] = ${h.get(0, 1)} and H[1, 0] = ${h.get(1, 0)}`,
    );
  }
  const { values, vectors } = eigh(h);
  const lambdas = [values.get(0), values.get(1)];
  if (lambdas[0] < -1e-12 * Math.max(Math.abs(lambdas[1]), 1e-300)) {
    throw new RangeError(
      `plot.l2Geometry: H must be positive semi-definite (a Hessian at a minimum), but it has the eigenvalue ${lambdas[0]}`,
    );
  }
  const clamped = lambdas.map((lambda) => Math.max(lambda, 0));
  const directions: [number, number][] = [0, 1].map((i) => [vectors.get(0, i), vectors.get(1, i)]);
  // λ = α = 0: the loss is flat and nothing pulls that way either; w* keeps its component.
  const factors = clamped.map((lambda) => (lambda + alpha > 0 ? lambda / (lambda + alpha) : 1));
  const components = directions.map(([qx, qy]) => qx * wStar[0] + qy * wStar[1]);
  const wTilde: [number, number] = [0, 0];
  directions.forEach(([qx, qy], i) => {
    wTilde[0] += factors[i] * components[i] * qx;
    wTilde[1] += factors[i] * components[i] * qy;
  });
  return { lambdas: clamped, directions, factors, components, wTilde };
}

/**
 * Seed 002's picture of L2 regularization in two dimensions. Around the unregularized minimum
 * w* the loss is the quadratic L(w) = L(w*) + ½(w − w*)ᵀH(w − w*); adding (α/2)‖w‖² moves the
 * minimum to w̃ = (H + αI)⁻¹Hw* = Q·diag(λᵢ/(λᵢ + α))·Qᵀw*, with H = QΛQᵀ (computed with eigh):
 * (The figure labels follow the course's notation: eigenvalues hᵢ, regularizer λ = alpha.)
 * w* is rotated into H's eigenbasis, each component scaled by λᵢ/(λᵢ + α), and rotated back, so
 * directions of small curvature shrink most. Drawn: ellipses of L around w* (one through w̃),
 * circles of Ω(w) = ½‖w‖² around the origin (one through w̃, tangent to that ellipse), w* and w̃,
 * H's eigen-directions through w*, and w*'s component along each eigenvector next to what w̃
 * keeps of it. `H` is the 2 × 2 Hessian (symmetric positive semi-definite), `wStar` has 2
 * entries, `alpha` ≥ 0.
 */
export function l2Geometry(
  H: TensorLike,
  wStar: TensorLike,
  alpha: number,
  options: PlotOptions = {},
): Figure {
  readOptions("plot.l2Geometry", options, PLOT_OPTION_RULES);
  const w = asTensor(wStar, "plot.l2Geometry (wStar)");
  if (w.size !== 2) {
    throw new RangeError(
      `plot.l2Geometry: wStar must have 2 entries, got shape ${formatShape(w.shape)}`,
    );
  }
  readArgument("plot.l2Geometry", "alpha", alpha, nonNegativeNumber());
  const star = toNumbers(w, "plot.l2Geometry (wStar)") as [number, number];
  const geometry = shrinkage(H, star, alpha);
  const span = viewSpan(star, geometry.wTilde);
  const data: PlotTrace[] = [
    lossContours(star, geometry, span),
    penaltyCircles(star, geometry.wTilde),
    ...eigenAxes(star, geometry, span),
    ...shrunkComponents(geometry),
    path("w* → w̃", [star, geometry.wTilde], { dash: "dot", color: "#555555", width: 1 }),
    point("w*", star, "#d62728"),
    point("w̃", geometry.wTilde, "#2ca02c"),
  ];
  const layout = baseLayout(options, {
    title: `L2 regularization: w̃ = Q·diag(h/(h+λ))·Qᵀw*, λ = ${formatNumber(alpha)}`,
    xLabel: "w₁",
    yLabel: "w₂",
    height: 480,
  });
  const bounds = viewBounds(star, geometry.wTilde);
  layout.xaxis = { ...(layout.xaxis as object), range: bounds.x, zeroline: true };
  layout.yaxis = {
    ...(layout.yaxis as object),
    range: bounds.y,
    zeroline: true,
    scaleanchor: "x",
    scaleratio: 1,
  };
  layout.annotations = [
    {
      xref: "paper",
      yref: "paper",
      x: 0,
      y: 1,
      xanchor: "left",
      yanchor: "top",
      showarrow: false,
      align: "left",
      text: shrinkageNote(geometry),
    },
  ];
  return { data, layout };
}

function shrinkageNote({ lambdas, factors }: Shrinkage): string {
  const rows = lambdas.map(
    (lambda, i) =>
      `h${i === 0 ? "₁" : "₂"} = ${formatNumber(lambda)}: keeps ×${formatNumber(factors[i], 3)}`,
  );
  const effective = factors[0] + factors[1];
  return `${rows.join("<br>")}<br>effective parameters Σh/(h+λ) = ${formatNumber(effective, 3)}`;
}

/** Distance scale of the picture: enough to show the origin, w* and w̃. */
function viewSpan(star: [number, number], wTilde: [number, number]): number {
  return Math.max(Math.hypot(...star), Math.hypot(...wTilde), 1e-9);
}

function viewBounds(
  star: [number, number],
  wTilde: [number, number],
): { x: number[]; y: number[] } {
  const margin = 0.6 * viewSpan(star, wTilde);
  const xs = [0, star[0], wTilde[0]];
  const ys = [0, star[1], wTilde[1]];
  return {
    x: [Math.min(...xs) - margin, Math.max(...xs) + margin],
    y: [Math.min(...ys) - margin, Math.max(...ys) + margin],
  };
}

/** Ellipses ½(w − w*)ᵀH(w − w*) = c around w*, one scatter trace with gaps between them. */
function lossContours(star: [number, number], geometry: Shrinkage, span: number): PlotTrace {
  const { lambdas, directions, factors, components } = geometry;
  // L(w̃) − L(w*) = ½ Σ λᵢ((1 − fᵢ)·cᵢ)²: the level whose ellipse passes through w̃.
  let through = 0;
  lambdas.forEach((lambda, i) => {
    through += 0.5 * lambda * ((1 - factors[i]) * components[i]) ** 2;
  });
  const base = through > 0 ? through : 0.5 * lambdas[1] * (0.25 * span) ** 2 || 0.5;
  const xs: (number | null)[] = [];
  const ys: (number | null)[] = [];
  for (const scale of L_SCALES) {
    const level = base * scale * scale;
    // A flat direction (λ = 0) has an unbounded "ellipse": draw it far past the view.
    const radii = lambdas.map((lambda) =>
      lambda > 0 ? Math.min(Math.sqrt((2 * level) / lambda), 100 * span) : 100 * span,
    );
    for (let k = 0; k < CURVE_POINTS; k++) {
      const t = (2 * Math.PI * k) / (CURVE_POINTS - 1);
      const a = radii[0] * Math.cos(t);
      const b = radii[1] * Math.sin(t);
      xs.push(star[0] + a * directions[0][0] + b * directions[1][0]);
      ys.push(star[1] + a * directions[0][1] + b * directions[1][1]);
    }
    xs.push(null);
    ys.push(null);
  }
  return {
    type: "scatter",
    mode: "lines",
    name: "contours of L(w)",
    x: xs,
    y: ys,
    line: { color: "#1f77b4", width: 1.5 },
    hoverinfo: "skip",
  };
}

/** Circles ½‖w‖² = c around the origin, one through w̃. */
function penaltyCircles(star: [number, number], wTilde: [number, number]): PlotTrace {
  const radius = Math.hypot(...wTilde) || 0.5 * Math.hypot(...star) || 1;
  const xs: (number | null)[] = [];
  const ys: (number | null)[] = [];
  for (const scale of OMEGA_SCALES) {
    for (let k = 0; k < CURVE_POINTS; k++) {
      const t = (2 * Math.PI * k) / (CURVE_POINTS - 1);
      xs.push(scale * radius * Math.cos(t));
      ys.push(scale * radius * Math.sin(t));
    }
    xs.push(null);
    ys.push(null);
  }
  return {
    type: "scatter",
    mode: "lines",
    name: "contours of Ω(w) = ½‖w‖²",
    x: xs,
    y: ys,
    line: { color: "#ff7f0e", width: 1.5, dash: "dash" },
    hoverinfo: "skip",
  };
}

/** H's eigenvectors drawn through w*: the axes of L's ellipses. */
function eigenAxes(
  star: [number, number],
  { lambdas, directions }: Shrinkage,
  span: number,
): PlotTrace[] {
  return directions.map(([qx, qy], i) =>
    path(
      `eigen-direction q${i === 0 ? "₁" : "₂"} (h = ${formatNumber(lambdas[i])})`,
      [
        [star[0] - 2 * span * qx, star[1] - 2 * span * qy],
        [star[0] + 2 * span * qx, star[1] + 2 * span * qy],
      ],
      { dash: "dot", color: "#7f7f7f", width: 1 },
    ),
  );
}

/** From the origin along each qᵢ: w*'s component (faint) and the share w̃ keeps (bold). */
function shrunkComponents({ directions, factors, components }: Shrinkage): PlotTrace[] {
  return directions.flatMap(([qx, qy], i) => {
    const label = i === 0 ? "₁" : "₂";
    const full: [number, number] = [components[i] * qx, components[i] * qy];
    const kept: [number, number] = [factors[i] * full[0], factors[i] * full[1]];
    return [
      path(`w* along q${label}`, [[0, 0], full], { color: "#9467bd", width: 1, dash: "dash" }),
      path(`w̃ along q${label}: ×${formatNumber(factors[i], 3)}`, [[0, 0], kept], {
        color: "#9467bd",
        width: 4,
      }),
    ];
  });
}

function path(name: string, points: [number, number][], line: Record<string, unknown>): PlotTrace {
  return {
    type: "scatter",
    mode: "lines",
    name,
    x: points.map((p) => p[0]),
    y: points.map((p) => p[1]),
    line,
  };
}

function point(name: string, [x, y]: [number, number], color: string): PlotTrace {
  return {
    type: "scatter",
    mode: "markers+text",
    name,
    x: [x],
    y: [y],
    text: [name],
    textposition: "top right",
    marker: { size: 10, color },
  };
}
