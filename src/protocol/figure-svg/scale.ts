/**
 * Axes of a static figure: a value range mapped onto pixels, linearly or logarithmically, and
 * the round tick values a reader expects (1, 2 or 5 times a power of ten, as plotly picks them).
 */

/** A map from data values to pixels along one axis. */
export interface Scale {
  /** Pixel position of `value`; NaN for a value the axis cannot show (≤ 0 on a log axis). */
  at(value: number): number;
  /** Tick values inside the range. */
  ticks(): number[];
  readonly log: boolean;
  /** The range shown, in data values. */
  readonly domain: readonly [number, number];
}

/** Round numbers about `count` apart across [low, high]. */
export function niceTicks(low: number, high: number, count = 6): number[] {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return [low];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? power;
  const ticks: number[] = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) {
    // Multiply, never accumulate: 0.1 + 0.2 would print as 0.30000000000000004.
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

/** Maps [low, high] onto pixels [from, to] (`to` < `from` for a y axis, which grows upwards). */
export function linearScale(low: number, high: number, from: number, to: number): Scale {
  const span = high - low || 1;
  return {
    log: false,
    domain: [low, high],
    at: (value) => from + ((value - low) / span) * (to - from),
    ticks: () => niceTicks(low, high),
  };
}

/** A log axis over [low, high] (both > 0): ticks at powers of ten, or 1-2-5 inside one decade. */
export function logScale(low: number, high: number, from: number, to: number): Scale {
  const [a, b] = [Math.log10(low), Math.log10(high)];
  const inner = linearScale(a, b, from, to);
  return {
    log: true,
    domain: [low, high],
    at: (value) => (value > 0 ? inner.at(Math.log10(value)) : NaN),
    ticks: () => {
      // Over many decades the powers of ten; over a few, 1, 2 and 5 times each.
      const decades = niceTicks(a, b).filter(Number.isInteger);
      if (decades.length >= 4) return decades.map((exponent) => 10 ** exponent);
      const ticks: number[] = [];
      for (let e = Math.floor(a); e <= Math.ceil(b); e++)
        for (const m of [1, 2, 5]) {
          const value = m * 10 ** e;
          if (value >= low && value <= high) ticks.push(value);
        }
      return ticks;
    },
  };
}

/** [low, high] of the finite values (and > 0 ones for a log axis), padded like plotly's autorange. */
export function autoRange(values: readonly number[], log: boolean, pad = 0.05): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value) || (log && value <= 0)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low > high) return log ? [1, 10] : [0, 1];
  if (log) {
    const [a, b] = [Math.log10(low), Math.log10(high)];
    const margin = (b - a || 1) * pad;
    return [10 ** (a - margin), 10 ** (b + margin)];
  }
  const margin = (high - low || Math.abs(high) || 1) * pad;
  return [low - margin, high + margin];
}
