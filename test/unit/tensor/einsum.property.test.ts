import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { einsumDense } from "../../../src/tensor/einsum/execute";
import type { Strided } from "../../../src/tensor/strided";
import { naiveEinsum, stridedView, type Layout } from "./einsum-reference";

type Gen = fc.GeneratorValue;

const LETTERS = ["a", "b", "c", "d", "E", "F"];

/** Every element within 1e-12 of the oracle, relative to the sum of |terms| it adds up. */
function expectMatchesOracle(spec: string, operands: readonly Strided[]): void {
  const expected = naiveEinsum(spec, operands);
  const { result } = einsumDense(spec, operands);
  expect(result.shape).toEqual(expected.shape);
  expect(result.data.length).toBe(expected.data.length);
  for (let i = 0; i < expected.data.length; i++) {
    const error = Math.abs(result.data[i] - expected.data[i]);
    if (!(error <= 1e-12 * expected.absolute[i])) {
      throw new Error(`${spec}: element ${i} is ${result.data[i]}, expected ${expected.data[i]}`);
    }
  }
}

/** A random memory layout for a `ndim`-axis operand: permuted, gapped, reversed, offset. */
function randomLayout(g: Gen, ndim: number): Layout {
  const axes = Array.from({ length: ndim }, (_, axis) => axis);
  return {
    order: g(fc.shuffledSubarray, axes, { minLength: ndim, maxLength: ndim }),
    step: g(fc.constantFrom, 1, 1, 2),
    flipped: g(fc.array, fc.boolean(), { minLength: ndim, maxLength: ndim }),
    lead: g(fc.integer, { min: 0, max: 2 }),
  };
}

/** An operand of `shape` with seeded pseudo-random values in [-2, 2), laid out at random. */
function randomOperand(g: Gen, shape: readonly number[]): Strided {
  const size = shape.reduce((p, d) => p * d, 1);
  let state = g(fc.integer, { min: 1, max: 2 ** 31 - 2 });
  const values = Array.from({ length: size }, () => {
    state = (state * 48271) % 2147483647;
    return (state / 2147483647) * 4 - 2;
  });
  return stridedView(values, shape, randomLayout(g, shape.length));
}

/** Joins subscripts the way people type them, sometimes with spaces. */
function withSpaces(g: Gen, parts: readonly string[], separator: string): string {
  return parts.map((part) => (g(fc.boolean) ? ` ${part}` : part)).join(separator);
}

describe("einsum against a naive reference", () => {
  it("agrees on random specs: 1–4 operands, diagonals, '...', implicit and explicit output", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const letters = g(fc.shuffledSubarray, LETTERS, { minLength: 1, maxLength: 5 });
        const size = new Map<string, number>();
        for (const letter of letters) {
          // Size 0 (empty axes) in about one letter of ten.
          size.set(letter, g(fc.constantFrom, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3));
        }
        const ellipsisShape = g(fc.boolean)
          ? g(fc.array, fc.integer({ min: 1, max: 3 }), { maxLength: 2 })
          : null;
        const operandCount = g(fc.integer, { min: 1, max: 4 });
        const terms: string[] = [];
        const operands: Strided[] = [];
        for (let operand = 0; operand < operandCount; operand++) {
          const named = g(fc.array, fc.constantFrom(...letters), { maxLength: 3 });
          // A letter is sometimes given size 1 in one operand, to broadcast against the others.
          const own = new Map(
            named.map((letter) => [
              letter,
              g(fc.boolean) && g(fc.boolean) ? 1 : (size.get(letter) as number),
            ]),
          );
          const shape = named.map((letter) => own.get(letter) as number);
          let term = named.join("");
          if (ellipsisShape !== null && g(fc.boolean)) {
            const width = g(fc.integer, { min: 0, max: ellipsisShape.length });
            const covered = ellipsisShape
              .slice(ellipsisShape.length - width)
              .map((dim) => (g(fc.boolean) ? dim : 1));
            const at = g(fc.integer, { min: 0, max: named.length });
            term = `${named.slice(0, at).join("")}...${named.slice(at).join("")}`;
            shape.splice(at, 0, ...covered);
          }
          terms.push(term);
          operands.push(randomOperand(g, shape));
        }
        let spec = withSpaces(g, terms, ",");
        if (g(fc.boolean)) {
          const used = [...new Set(terms.join("").replace(/\./g, ""))];
          const out = g(fc.shuffledSubarray, used, { minLength: 0, maxLength: used.length });
          if (terms.some((term) => term.includes("...")))
            out.splice(g(fc.integer, { min: 0, max: out.length }), 0, "...");
          spec += `->${withSpaces(g, out, "")}`;
        }
        expectMatchesOracle(spec, operands);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("agrees on two-operand contractions big enough for the GEMM path, any layouts and output order", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const pool = g(fc.shuffledSubarray, ["b", "c", "d", "i", "j", "k", "p", "q", "r"], {
          minLength: 9,
          maxLength: 9,
        });
        const size = new Map<string, number>();
        // Each of k, m and n is 33–49 (one letter, or two that merge), so m·n·k > 32³ and the
        // GEMM path runs rather than the direct loop.
        const group = () => {
          const letters = pool.splice(0, g(fc.integer, { min: 1, max: 2 }));
          for (const letter of letters) {
            size.set(
              letter,
              g(fc.integer, letters.length === 1 ? { min: 33, max: 40 } : { min: 6, max: 7 }),
            );
          }
          return letters;
        };
        const batch = pool.splice(0, g(fc.integer, { min: 0, max: 1 }));
        for (const letter of batch) size.set(letter, g(fc.integer, { min: 1, max: 2 }));
        const contracted = group();
        const freeA = group();
        const freeB = group();
        const termA = g(fc.shuffledSubarray, [...batch, ...contracted, ...freeA], {
          minLength: batch.length + contracted.length + freeA.length,
        });
        const termB = g(fc.shuffledSubarray, [...batch, ...contracted, ...freeB], {
          minLength: batch.length + contracted.length + freeB.length,
        });
        const output = g(fc.shuffledSubarray, [...batch, ...freeA, ...freeB], {
          minLength: batch.length + freeA.length + freeB.length,
        });
        const shapeOf = (term: readonly string[]) =>
          term.map((letter) => size.get(letter) as number);
        const spec = `${termA.join("")},${termB.join("")}->${output.join("")}`;
        expectMatchesOracle(spec, [
          randomOperand(g, shapeOf(termA)),
          randomOperand(g, shapeOf(termB)),
        ]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
  it("agrees where one long axis meets tiny ones (the generated, unrolled kernels)", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const size = new Map<string, number>([["n", g(fc.integer, { min: 4096, max: 5000 })]]);
        for (const letter of ["a", "b", "c"]) size.set(letter, g(fc.integer, { min: 2, max: 4 }));
        const operandCount = g(fc.integer, { min: 1, max: 2 });
        const terms = Array.from({ length: operandCount }, () => {
          const small = g(fc.shuffledSubarray, ["a", "b", "c"], { minLength: 1, maxLength: 2 });
          return g(fc.shuffledSubarray, ["n", ...small], { minLength: small.length + 1 });
        });
        const used = [...new Set(terms.flat())];
        const output = g(fc.shuffledSubarray, used, { minLength: 0, maxLength: used.length });
        const spec = `${terms.map((term) => term.join("")).join(",")}->${output.join("")}`;
        const operands = terms.map((term) =>
          randomOperand(
            g,
            term.map((letter) => size.get(letter) as number),
          ),
        );
        expectMatchesOracle(spec, operands);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
