/**
 * Colours of a static figure: plotly's default trace colours, the colour strings a figure may
 * carry (anything else is refused, so a figure's JSON cannot inject markup or a URL into an
 * attribute), and colour scales for heatmaps and contours.
 */

/** plotly's default colours, given to traces in order when they name none. */
export const COLORWAY = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** An RGB colour, each channel 0–255. */
export type Rgb = [number, number, number];

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL = /^rgba?\(\s*[\d.]+%?\s*(?:,\s*[\d.]+%?\s*){2}(?:,\s*[\d.]+%?\s*)?\)$/i;
const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  orange: [255, 165, 0],
  purple: [128, 0, 128],
  transparent: [0, 0, 0],
};

/** `value` when it is a colour an SVG attribute may carry (hex, rgb(), rgba(), a few names). */
export function safeColor(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const color = value.trim();
  if (HEX.test(color) || FUNCTIONAL.test(color) || color.toLowerCase() in NAMED) return color;
  return null;
}

/** The RGB channels of a safe colour (alpha dropped); gray for one it cannot read. */
export function toRgb(color: string): Rgb {
  const hex = HEX.test(color) ? color.slice(1) : null;
  if (hex !== null) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex.slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const channels = /^rgba?\(([^)]*)\)$/i.exec(color.trim())?.[1].split(",");
  if (channels !== undefined)
    return channels.slice(0, 3).map((c) => {
      const n = parseFloat(c);
      return Math.round(Math.min(255, Math.max(0, c.includes("%") ? n * 2.55 : n)));
    }) as Rgb;
  return NAMED[color.toLowerCase()] ?? [128, 128, 128];
}

/** A colour scale: stops from 0 to 1, ascending. */
export type ColorScale = readonly (readonly [number, Rgb])[];

// plotly's Viridis, the scale the course's contour plots use.
const VIRIDIS: ColorScale = [
  "#440154",
  "#48186a",
  "#472d7b",
  "#424086",
  "#3b528b",
  "#33638d",
  "#2c728e",
  "#26828e",
  "#21918c",
  "#1fa088",
  "#28ae80",
  "#3fbc73",
  "#5ec962",
  "#84d44b",
  "#addc30",
  "#d8e219",
  "#fde725",
].map((hex, i, all) => [i / (all.length - 1), toRgb(hex)] as const);

const GREYS: ColorScale = [
  [0, [0, 0, 0]],
  [1, [255, 255, 255]],
];

/** A figure's `colorscale`: `[[0, "#…"], …, [1, "#…"]]`, or a name ("Viridis", "Greys"). */
export function readColorScale(value: unknown): ColorScale {
  if (typeof value === "string") return value.toLowerCase() === "greys" ? GREYS : VIRIDIS;
  if (!Array.isArray(value)) return VIRIDIS;
  const stops = value.flatMap((stop): (readonly [number, Rgb])[] => {
    if (!Array.isArray(stop) || typeof stop[0] !== "number") return [];
    const color = safeColor(stop[1]);
    return color === null ? [] : [[Math.min(1, Math.max(0, stop[0])), toRgb(color)]];
  });
  return stops.length >= 2 ? stops.sort((a, b) => a[0] - b[0]) : VIRIDIS;
}

/** The colour at `t` (0–1, clamped) of a scale, interpolated between its stops. */
export function colorAt(scale: ColorScale, t: number): Rgb {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  for (let i = 1; i < scale.length; i++) {
    const [t1, c1] = scale[i];
    if (u > t1 && i < scale.length - 1) continue;
    const [t0, c0] = scale[i - 1];
    const f = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
    return [0, 1, 2].map((k) => Math.round(c0[k] + (c1[k] - c0[k]) * f)) as Rgb;
  }
  return scale[0][1];
}

/** `#rrggbb` of a colour. */
export function hexOf(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}
