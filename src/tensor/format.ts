import { formatShape, formatValues } from "../protocol";
import { sizeOf, type Strided } from "./strided";

/** numpy's print options: summarise past 1000 elements, keep 3 at each edge, wrap at 75. */
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
const PREFIX = "Tensor(";

/**
 * numpy-like text of a tensor that always shows its shape:
 *
 *   Tensor([[1, 2],
 *           [3, 4]], shape=[2, 2])
 *
 * Values share one format, numpy's (`formatValues` in src/protocol, the one number formatter):
 * integers below 1e8 without a decimal point (unlike numpy's `1.`), otherwise up to 8 decimals
 * aligned on the point, or scientific notation when magnitudes span more than 1e3 or leave
 * [1e-4, 1e8).
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
