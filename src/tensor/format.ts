import { formatShape, sizeOf, type Strided } from "./strided";

/** numpy's print options: summarise past 1000 elements, keep 3 at each edge, wrap at 75. */
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
const PRECISION = 8;
const PREFIX = "Tensor(";

/**
 * numpy-like text of a tensor that always shows its shape:
 *
 *   Tensor([[1, 2],
 *           [3, 4]], shape=[2, 2])
 *
 * Values share one format: integers below 1e8 without a decimal point (unlike numpy's `1.`),
 * otherwise numpy's rules: up to 8 decimals aligned on the point, or scientific notation when
 * magnitudes span more than 1e3 or leave [1e-4, 1e8).
 * Tensors of more than 1000 elements show the first and last 3 entries of each axis around `...`.
 */
export function formatTensor(view: Strided): string {
  const shape = view.shape;
  if (shape.length === 0) return `${PREFIX}${formatValues([view.data[view.offset]])[0]}, shape=[])`;
  if (sizeOf(shape) === 0) return `${PREFIX}[], shape=${formatShape(shape)})`;
  const summarize = sizeOf(shape) > THRESHOLD;
  const picks = shape.map((size) => shownIndices(size, summarize));
  const values: number[] = [];
  collect(view, picks, 0, view.offset, values);
  const cells = formatValues(values);
  const cursor = { next: 0 };
  const body = block(view, picks, 0, cells, cursor);
  return `${PREFIX}${body}, shape=${formatShape(shape)})`;
}

/** Indices shown along an axis; -1 marks the `...` gap. */
function shownIndices(size: number, summarize: boolean): number[] {
  const picks: number[] = [];
  if (summarize && size > 2 * EDGE_ITEMS) {
    for (let i = 0; i < EDGE_ITEMS; i++) picks.push(i);
    picks.push(-1);
    for (let i = size - EDGE_ITEMS; i < size; i++) picks.push(i);
  } else {
    for (let i = 0; i < size; i++) picks.push(i);
  }
  return picks;
}

function collect(
  view: Strided,
  picks: number[][],
  depth: number,
  offset: number,
  out: number[],
): void {
  const stride = view.strides[depth];
  for (const index of picks[depth]) {
    if (index < 0) continue;
    if (depth === picks.length - 1) out.push(view.data[offset + index * stride]);
    else collect(view, picks, depth + 1, offset + index * stride, out);
  }
}

function block(
  view: Strided,
  picks: number[][],
  depth: number,
  cells: string[],
  cursor: { next: number },
): string {
  if (depth === picks.length - 1) {
    const words = picks[depth].map((index) => (index < 0 ? "..." : cells[cursor.next++]));
    return wrapRow(words, PREFIX.length + depth);
  }
  const indent = " ".repeat(PREFIX.length + depth + 1);
  const parts = picks[depth].map((index) =>
    index < 0 ? "..." : block(view, picks, depth + 1, cells, cursor),
  );
  const separator = "," + "\n".repeat(picks.length - depth - 1) + indent;
  return `[${parts.join(separator)}]`;
}

/**
 * `[a, b, c]` whose "[" sits at `column`; once a line would pass the line width the row
 * continues on a new line aligned just right of the "[".
 */
function wrapRow(words: readonly string[], column: number): string {
  const pad = " ".repeat(column + 1);
  let text = "[";
  let lineLength = column + 1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] + (i < words.length - 1 ? "," : "]");
    if (i > 0 && lineLength + 1 + word.length > LINE_WIDTH) {
      text += "\n" + pad + word;
      lineLength = pad.length + word.length;
    } else {
      const piece = i > 0 ? " " + word : word;
      text += piece;
      lineLength += piece.length;
    }
  }
  return text;
}

/** Formats values so they share one notation and width, as numpy does for an array. */
export function formatValues(values: readonly number[]): string[] {
  const finite = values.filter(Number.isFinite);
  let cells: string[];
  if (finite.every((v) => Number.isInteger(v) && Math.abs(v) < 1e8)) {
    cells = values.map((v) =>
      Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : String(v)) : special(v),
    );
  } else if (useScientific(finite)) {
    cells = scientific(values);
  } else {
    cells = fixed(values);
  }
  const width = Math.max(...cells.map((cell) => cell.length));
  return cells.map((cell) => cell.padStart(width));
}

function special(value: number): string {
  if (Number.isNaN(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

function useScientific(finite: readonly number[]): boolean {
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of finite) {
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a !== 0 && a < minAbs) minAbs = a;
  }
  if (maxAbs === 0) return false;
  return maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3;
}

/** Up to 8 decimals each, trailing zeros dropped, then aligned on the decimal point. */
function fixed(values: readonly number[]): string[] {
  const parts = values.map((v) => {
    if (!Number.isFinite(v)) return null;
    const text = v.toFixed(PRECISION).replace(/0+$/, "");
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
      ? special(values[i])
      : part.whole.padStart(wholeWidth) + part.fraction.padEnd(fractionWidth),
  );
}

/** Mantissas share the most digits any value needs (at most 8); exponents have 2+ digits. */
function scientific(values: readonly number[]): string[] {
  let digits = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const mantissa = v.toExponential(PRECISION).split("e")[0].replace(/0+$/, "");
    digits = Math.max(digits, mantissa.length - mantissa.indexOf(".") - 1);
  }
  return values.map((v) => {
    if (!Number.isFinite(v)) return special(v);
    const [mantissa, exponent] = v.toExponential(digits).split("e");
    const sign = exponent[0] === "-" ? "-" : "+";
    const power = exponent.replace(/^[-+]/, "").padStart(2, "0");
    return `${digits === 0 ? mantissa + "." : mantissa}e${sign}${power}`;
  });
}
