/**
 * How a float64 reads wherever gradbook shows one: the text of a tensor and every `text/plain`
 * and `text/html` of a bundle (library side), the widgets and the shape inspector (extension
 * side). The rules are numpy's array printing (`np.array2string`):
 *
 * - positional notation for magnitudes in [1e-4, 1e8), scientific outside it (and, for the
 *   values of one tensor, when their magnitudes span more than a factor 1e3);
 * - a whole number below 1e8 prints without a decimal point: `3`, where numpy writes `3.`;
 * - trailing zeros are dropped; exponents carry a sign and at least two digits (`1.5e-07`);
 * - `nan`, `inf` and `-inf` as numpy spells them; `-0` keeps its sign.
 *
 * So, at the 4 significant digits of a summary: 12345.6 → `12346`, 1e-12 → `1e-12`,
 * 0.000123456 → `0.0001235`, ∞ → `inf`, NaN → `nan`, -0 → `-0`.
 */

/** numpy's switch points between positional and scientific notation. */
const SMALLEST_POSITIONAL = 1e-4;
const LARGEST_POSITIONAL = 1e8;
/** numpy switches a whole array to scientific notation when max/min magnitude passes this. */
const LARGEST_SPAN = 1e3;
/** numpy's default print precision: digits after the point (of the mantissa in scientific). */
const ARRAY_PRECISION = 8;

/** nan, inf or -inf: numpy's names of the non-finite values. */
function nonFinite(value: number): string {
  if (Number.isNaN(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

function isWholeBelowLimit(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < LARGEST_POSITIONAL;
}

function dropTrailingZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** `mantissa` and `exponent` as numpy writes them: `1.5e-07`, `2e+10`. */
function scientificText(mantissa: string, exponent: string): string {
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, "").padStart(2, "0")}`;
}

/**
 * One number in at most `digits` significant digits (whole numbers below 1e8 keep all theirs),
 * by the rules in the file comment: what a summary, a table cell or an error message shows.
 *
 *   formatNumber(12345.6) === "12346"; formatNumber(3.2e-9, 2) === "3.2e-09"
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  if (Object.is(value, -0)) return "-0";
  if (isWholeBelowLimit(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < SMALLEST_POSITIONAL || magnitude >= LARGEST_POSITIONAL) {
    const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 1)).split("e");
    return scientificText(dropTrailingZeros(mantissa), exponent);
  }
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
  return dropTrailingZeros(value.toFixed(decimals));
}

/**
 * The values of one tensor, formatted so they share one notation and width as numpy prints an
 * array: up to 8 decimals aligned on the point, or scientific notation with a common mantissa
 * length, or plain whole numbers; every cell padded to the widest.
 */
export function formatValues(values: readonly number[]): string[] {
  const finite = values.filter(Number.isFinite);
  let cells: string[];
  if (finite.every(isWholeBelowLimit)) {
    cells = values.map((v) =>
      Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : String(v)) : nonFinite(v),
    );
  } else if (needsScientific(finite)) {
    cells = scientificCells(values);
  } else {
    cells = positionalCells(values);
  }
  const width = Math.max(...cells.map((cell) => cell.length));
  return cells.map((cell) => cell.padStart(width));
}

function needsScientific(finite: readonly number[]): boolean {
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of finite) {
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a !== 0 && a < minAbs) minAbs = a;
  }
  if (maxAbs === 0) return false;
  return (
    maxAbs >= LARGEST_POSITIONAL || minAbs < SMALLEST_POSITIONAL || maxAbs / minAbs > LARGEST_SPAN
  );
}

/** Up to 8 decimals each, trailing zeros dropped, then aligned on the decimal point. */
function positionalCells(values: readonly number[]): string[] {
  const parts = values.map((v) => {
    if (!Number.isFinite(v)) return null;
    const text = v.toFixed(ARRAY_PRECISION).replace(/0+$/, "");
    const point = text.indexOf(".");
    return { whole: text.slice(0, point), fraction: text.slice(point) };
  });
  let wholeWidth = 0;
  let fractionWidth = 0;
  for (const part of parts) {
    if (part === null) continue;
    wholeWidth = Math.max(wholeWidth, part.whole.length);
    fractionWidth = Math.max(fractionWidth, part.fraction.length);
  }
  return parts.map((part, i) =>
    part === null
      ? nonFinite(values[i])
      : part.whole.padStart(wholeWidth) + part.fraction.padEnd(fractionWidth),
  );
}

/** Mantissas share the most digits any value needs (at most 8), numpy's `1.e-05` included. */
function scientificCells(values: readonly number[]): string[] {
  let digits = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const mantissa = v.toExponential(ARRAY_PRECISION).split("e")[0].replace(/0+$/, "");
    digits = Math.max(digits, mantissa.length - mantissa.indexOf(".") - 1);
  }
  return values.map((v) => {
    if (!Number.isFinite(v)) return nonFinite(v);
    const [mantissa, exponent] = v.toExponential(digits).split("e");
    return scientificText(digits === 0 ? mantissa + "." : mantissa, exponent);
  });
}

/**
 * How many entries are NaN and how many ±Infinity, as the words every summary and warning uses:
 * `["2 NaN", "1 Inf"]`, empty when every entry is finite.
 */
export function nonFiniteCounts(nanCount: number, infCount: number): string[] {
  const parts: string[] = [];
  if (nanCount > 0) parts.push(`${nanCount} NaN`);
  if (infCount > 0) parts.push(`${infCount} Inf`);
  return parts;
}
