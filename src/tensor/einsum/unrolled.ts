/** One loop dimension: its size and the stride of each of the three walks along it. */
export interface Dim {
  readonly size: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/**
 * A specialised kernel: for t < n, the unrolled block at offsets (pa + t·sa, pb + t·sb,
 * pc + t·sc) does c[pc + oc] += Σ a[pa + oa] · b[pb + ob] over its terms.
 */
export type BlockKernel = (
  a: Float64Array,
  pa: number,
  sa: number,
  b: Float64Array,
  pb: number,
  sb: number,
  c: Float64Array,
  pc: number,
  sc: number,
  n: number,
) => void;

// Training loops call the same few shapes over and over; a bound keeps odd ones from piling up.
const CACHE_LIMIT = 128;
const cache = new Map<string, BlockKernel>();

/**
 * The kernel for an innermost block of tiny dimensions (≤ 32 terms in all) under one loop,
 * generated as straight-line code and cached by the block's sizes and strides. With `store`
 * the kernel writes each complete sum with `=` instead of adding it to `c` (the caller knows
 * `c` is zero there and no other pass touches those elements): a fresh page that is read
 * before it is written costs two page faults instead of one.
 *
 * Why generate code: V8 does not unroll loops, and a contraction like the seed's
 * 'ijk,pjk->ipk' (j = 3, p = 2) spends most of its time on the control flow of loops that run
 * two or three times — measured 4–5× slower than the same arithmetic written out. The
 * generated body loads each distinct element of the block once, keeps whatever does not move
 * along the loop (a broadcast operand, or a `c` that is summed into) in locals across it, and
 * is built only from numbers, never from user text.
 */
export function unrolledKernel(block: readonly Dim[], loop: Dim, store: boolean): BlockKernel {
  const moves = { a: loop.a !== 0, b: loop.b !== 0, c: loop.c !== 0 };
  const shape = block.map((dim) => `${dim.size},${dim.a},${dim.b},${dim.c}`).join(";");
  const key = `${shape}|${moves.a},${moves.b},${moves.c},${store}`;
  let kernel = cache.get(key);
  if (kernel === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    kernel = compile(blockTerms(block), moves, store ? "=" : "+=");
    cache.set(key, kernel);
  }
  return kernel;
}

/** Every term of the block as offsets into a, b and c, in C order of the block's indices. */
function blockTerms(block: readonly Dim[]): { a: number; b: number; c: number }[] {
  let terms = [{ a: 0, b: 0, c: 0 }];
  for (const dim of block) {
    const next: { a: number; b: number; c: number }[] = [];
    for (const term of terms) {
      for (let i = 0; i < dim.size; i++)
        next.push({ a: term.a + i * dim.a, b: term.b + i * dim.b, c: term.c + i * dim.c });
    }
    terms = next;
  }
  return terms;
}

function compile(
  terms: readonly { a: number; b: number; c: number }[],
  moves: { a: boolean; b: boolean; c: boolean },
  write: "=" | "+=",
): BlockKernel {
  const slots = (offsets: number[]) => [...new Set(offsets)];
  const aSlots = slots(terms.map((term) => term.a));
  const bSlots = slots(terms.map((term) => term.b));
  const cSlots = slots(terms.map((term) => term.c));
  const loads = (name: string, offsets: number[]) =>
    offsets.map((offset, slot) => `const ${name}${slot} = ${name}[p${name} + (${offset})];`);
  const sums = cSlots.map((offset) =>
    terms
      .filter((term) => term.c === offset)
      .map((term) => `a${aSlots.indexOf(term.a)} * b${bSlots.indexOf(term.b)}`)
      .join(" + "),
  );
  const body = [
    ...(moves.a ? loads("a", aSlots) : []),
    ...(moves.b ? loads("b", bSlots) : []),
    ...sums.map((sum, slot) =>
      moves.c ? `c[pc + (${cSlots[slot]})] ${write} ${sum};` : `s${slot} += ${sum};`,
    ),
    ...(["a", "b", "c"] as const)
      .filter((name) => moves[name])
      .map((name) => `p${name} += s${name};`),
  ];
  const source = [
    ...(moves.a ? [] : loads("a", aSlots)),
    ...(moves.b ? [] : loads("b", bSlots)),
    ...(moves.c ? [] : cSlots.map((_, slot) => `let s${slot} = 0;`)),
    `for (let t = 0; t < n; t++) {`,
    ...body,
    `}`,
    ...(moves.c ? [] : cSlots.map((offset, slot) => `c[pc + (${offset})] ${write} s${slot};`)),
  ].join("\n");
  return new Function(
    "a",
    "pa",
    "sa",
    "b",
    "pb",
    "sb",
    "c",
    "pc",
    "sc",
    "n",
    `"use strict";\n${source}`,
  ) as BlockKernel;
}
