import { ShapeError } from "../errors";

/**
 * Labels are small integers so that per-label tables are plain arrays: a letter is its char
 * code (A–Z = 65–90, a–z = 97–122) and the d-th dimension covered by `...` (counted from the
 * left of the broadcast ellipsis) is ELLIPSIS_LABEL + d. Every ellipsis label sorts after the
 * letters, and `labelName` turns a label back into words for error messages.
 */
export const ELLIPSIS_LABEL = 128;

/** A parsed einsum spec with `...` expanded into one label per broadcast dimension. */
export interface Subscripts {
  /** For each operand, the label of each of its axes (repeats allowed: diagonals). */
  readonly inputs: readonly (readonly number[])[];
  /** The label of each output axis, all distinct. */
  readonly output: readonly number[];
  /** How many dimensions `...` stands for after broadcasting (0 when no operand uses it). */
  readonly ellipsisDims: number;
}

/** How a label reads in a message: the letter itself, or which `...` dimension it is. */
export function labelName(label: number): string {
  return label < ELLIPSIS_LABEL
    ? `index ${String.fromCharCode(label)}`
    : `'...' dimension ${label - ELLIPSIS_LABEL}`;
}

/** One operand's (or the output's) subscripts: its letters and where `...` sits, if anywhere. */
interface Term {
  readonly text: string;
  readonly letters: readonly number[];
  /** Index into `letters` before which `...` stands, or -1 without an ellipsis. */
  readonly ellipsisAt: number;
}

/**
 * Parses an einsum spec against the operands' shapes, numpy's rules throughout: spaces are
 * ignored; `'ij,jk->ik'` gives the output explicitly; without `->` the output is `...` followed
 * by the letters used exactly once, in code-point order (upper case before lower case); `...`
 * stands for the leading (right-aligned, numpy-broadcast) dimensions an operand's letters do not
 * name. Every malformed spec gets a ShapeError naming the operands' shapes and what is wrong.
 */
export function parseSubscripts(spec: string, shapes: readonly (readonly number[])[]): Subscripts {
  const fail = (detail: string, where: { operand?: number; axis?: number } = {}): never => {
    throw new ShapeError(`einsum '${spec}'`, shapes, detail, where);
  };
  const compact = spec.replace(/\s+/g, "");
  const arrow = compact.indexOf("->");
  if (arrow !== -1 && compact.indexOf("->", arrow + 2) !== -1)
    fail("the spec has more than one '->'");
  const inputText = arrow === -1 ? compact : compact.slice(0, arrow);
  const inputTerms = inputText
    .split(",")
    .map((text, operand) => parseTerm(text, `operand ${operand}`, fail));
  if (inputTerms.length !== shapes.length) {
    const given = shapes.length === 1 ? "1 was given" : `${shapes.length} were given`;
    fail(
      `the spec names ${inputTerms.length} operand${inputTerms.length === 1 ? "" : "s"} but ${given}`,
    );
  }
  const ellipsisDims = checkRanks(inputTerms, shapes, fail);
  const inputs = inputTerms.map((term, operand) =>
    expandTerm(term, shapes[operand].length, ellipsisDims),
  );
  const output =
    arrow === -1
      ? implicitOutput(inputs, ellipsisDims)
      : explicitOutput(
          parseTerm(compact.slice(arrow + 2), "the output", fail),
          inputs,
          ellipsisDims,
          fail,
        );
  return { inputs, output, ellipsisDims };
}

/** Splits one comma-separated term into letters and at most one `...`. */
function parseTerm(text: string, where: string, fail: (detail: string) => never): Term {
  const letters: number[] = [];
  let ellipsisAt = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (/[A-Za-z]/.test(char)) {
      letters.push(char.charCodeAt(0));
    } else if (char === ".") {
      if (text.slice(at, at + 3) !== "...") fail(`${where}: '.' must be part of an ellipsis '...'`);
      if (ellipsisAt !== -1) fail(`${where}: '...' may appear only once in '${text}'`);
      ellipsisAt = letters.length;
      at += 2;
    } else if (char === "-" || char === ">") {
      fail(`'${char}' must be part of the output arrow '->'`);
    } else {
      fail(`'${char}' is not a valid index: use the letters a-z, A-Z and '...'`);
    }
  }
  return { text, letters, ellipsisAt };
}

/** Checks that each operand's subscripts fit its number of dimensions; returns the `...` width. */
function checkRanks(
  terms: readonly Term[],
  shapes: readonly (readonly number[])[],
  fail: (detail: string, where: { operand?: number }) => never,
): number {
  let ellipsisDims = 0;
  terms.forEach((term, operand) => {
    const ndim = shapes[operand].length;
    const named = term.letters.length;
    const dims = `${ndim} dimension${ndim === 1 ? "" : "s"}`;
    if (term.ellipsisAt === -1 && named !== ndim) {
      fail(`operand ${operand} has ${dims} but its subscripts '${term.text}' name ${named}`, {
        operand,
      });
    }
    if (term.ellipsisAt !== -1 && named > ndim) {
      fail(
        `operand ${operand} has ${dims} but its subscripts '${term.text}' name ${named} besides '...'`,
        {
          operand,
        },
      );
    }
    if (term.ellipsisAt !== -1) ellipsisDims = Math.max(ellipsisDims, ndim - named);
  });
  return ellipsisDims;
}

/** The labels of an operand's axes, its `...` dimensions right-aligned against the widest. */
function expandTerm(term: Term, ndim: number, ellipsisDims: number): number[] {
  if (term.ellipsisAt === -1) return [...term.letters];
  const covered = ndim - term.letters.length;
  const broadcast = Array.from(
    { length: covered },
    (_, d) => ELLIPSIS_LABEL + ellipsisDims - covered + d,
  );
  return [
    ...term.letters.slice(0, term.ellipsisAt),
    ...broadcast,
    ...term.letters.slice(term.ellipsisAt),
  ];
}

/** numpy's implicit output: `...` first, then the letters used exactly once, in code-point order. */
function implicitOutput(inputs: readonly (readonly number[])[], ellipsisDims: number): number[] {
  const counts = new Map<number, number>();
  for (const labels of inputs)
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const once = [...counts]
    .filter(([label, count]) => label < ELLIPSIS_LABEL && count === 1)
    .map(([label]) => label);
  const broadcast = Array.from({ length: ellipsisDims }, (_, d) => ELLIPSIS_LABEL + d);
  return [...broadcast, ...once.sort((x, y) => x - y)];
}

/** Validates an explicit output term against the inputs and expands its `...`. */
function explicitOutput(
  term: Term,
  inputs: readonly (readonly number[])[],
  ellipsisDims: number,
  fail: (detail: string) => never,
): number[] {
  const seen = new Set<number>();
  for (const letter of term.letters) {
    const name = String.fromCharCode(letter);
    if (seen.has(letter)) fail(`output index ${name} appears more than once in '->${term.text}'`);
    if (!inputs.some((labels) => labels.includes(letter))) {
      fail(`output index ${name} does not appear in any input`);
    }
    seen.add(letter);
  }
  if (term.ellipsisAt === -1 && ellipsisDims > 0) {
    fail(
      `'...' stands for ${ellipsisDims} dimension${ellipsisDims === 1 ? "" : "s"} in the inputs but the output ` +
        `'->${term.text}' has no '...' to keep ${ellipsisDims === 1 ? "it" : "them"}`,
    );
  }
  if (term.ellipsisAt === -1) return [...term.letters];
  const broadcast = Array.from({ length: ellipsisDims }, (_, d) => ELLIPSIS_LABEL + d);
  return [
    ...term.letters.slice(0, term.ellipsisAt),
    ...broadcast,
    ...term.letters.slice(term.ellipsisAt),
  ];
}
