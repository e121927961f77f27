import type { Strided } from "../strided";
import { coalesce, Walker } from "../walk";
import { unrolledKernel, type Dim } from "./unrolled";

/**
 * The direct einsum loop, for contractions too thin to feed a GEMM (the seed's 'ijk,pjk->ipk'
 * with j = 3, p = 2) and for one-operand sums and permutations (with `b` a broadcast 1):
 *
 *   c[Σₜ iₜ·cₜ] += a[Σₜ iₜ·aₜ] · b[Σₜ iₜ·bₜ]   for every index tuple i < a.shape
 *
 * All three are laid over the same loop shape; an operand lacking a dimension has stride 0
 * there (a summed label has stride 0 in `c`). `c` must start zeroed where it is written (every
 * caller hands it a fresh or cleared buffer), so that complete sums may be stored rather than
 * added. Such work is memory-bound, so what matters is
 * the loop order: dimensions are sorted so the smallest strides run innermost and dimensions
 * that walk memory as one are merged. When the innermost dimensions are short and the work is
 * large, they run as one generated, unrolled kernel (unrolled.ts); otherwise the three
 * innermost run as plain nested loops (a register accumulator when `c` does not move). The
 * walker (walk.ts) steps the rest. Nothing is allocated per element.
 */
export function accumulateProducts(a: Strided, b: Strided, c: Strided): void {
  const dims = loopOrder(a, b, c);
  if (dims === null) return;
  let total = 1;
  for (const dim of dims) total *= dim.size;
  const innermost = dims[dims.length - 1];
  if (total >= COMPILE_MIN_ELEMENTS && innermost.size <= UNROLL_TERMS / 2) {
    const { outer, loop, block } = splitBlock(dims);
    // When every summed dimension lies within one kernel call, each sum it writes is complete.
    const kernel = unrolledKernel(
      block,
      loop,
      outer.every((dim) => dim.c !== 0),
    );
    const walker = outerWalker(outer, a, b, c);
    const at = walker.at;
    for (let i = 0; i < walker.count; i++, walker.next())
      kernel(a.data, at[0], loop.a, b.data, at[1], loop.b, c.data, at[2], loop.c, loop.size);
    return;
  }
  while (dims.length < 3) dims.unshift({ size: 1, a: 0, b: 0, c: 0 });
  const inner = dims.slice(-3);
  const block = inner[2].c === 0 ? reduceBlock : scatterBlock;
  const walker = outerWalker(dims.slice(0, -3), a, b, c);
  const at = walker.at;
  for (let i = 0; i < walker.count; i++, walker.next())
    block(inner, a.data, at[0], b.data, at[1], c.data, at[2]);
}

/**
 * Above this much work a short innermost dimension is worth a generated kernel (unrolled.ts);
 * below it, compiling would cost more than the loops it saves.
 */
const COMPILE_MIN_ELEMENTS = 1 << 14;

/** Most terms an unrolled block may have, to keep generated kernels small. */
const UNROLL_TERMS = 32;

/**
 * Splits the ordered dimensions into an innermost block of at most UNROLL_TERMS terms (to be
 * unrolled), the loop around it, and the outer dimensions left to the walker.
 */
function splitBlock(dims: readonly Dim[]): { outer: Dim[]; loop: Dim; block: Dim[] } {
  let start = dims.length - 1;
  let terms = dims[start].size;
  while (start > 0 && terms * dims[start - 1].size <= UNROLL_TERMS) terms *= dims[--start].size;
  const loop = start > 0 ? dims[start - 1] : { size: 1, a: 0, b: 0, c: 0 };
  return { outer: dims.slice(0, Math.max(start - 1, 0)), loop, block: dims.slice(start) };
}

/** A walker over the `outer` dimensions, starting at each operand's offset. */
function outerWalker(outer: readonly Dim[], a: Strided, b: Strided, c: Strided): Walker {
  return new Walker(
    outer.map((dim) => dim.size),
    [outer.map((dim) => dim.a), outer.map((dim) => dim.b), outer.map((dim) => dim.c)],
    [a.offset, b.offset, c.offset],
  );
}

/**
 * Dimensions outermost first, size-1 ones dropped and mergeable neighbours merged; null when
 * some size is 0 (nothing to add). Sorting by the summed strides puts the dimension every
 * operand steps through fastest innermost; among equals the longer one goes outside.
 */
function loopOrder(a: Strided, b: Strided, c: Strided): Dim[] | null {
  const sizes = a.shape;
  if (sizes.includes(0)) return null;
  const operands = [a.strides, b.strides, c.strides];
  const weight = (t: number) => operands.reduce((sum, strides) => sum + Math.abs(strides[t]), 0);
  const order = sizes.map((_, t) => t).filter((t) => sizes[t] > 1);
  order.sort((x, y) => weight(y) - weight(x) || sizes[y] - sizes[x]);
  const merged = coalesce(
    order.map((t) => sizes[t]),
    operands.map((strides) => order.map((t) => strides[t])),
  );
  const [sa, sb, sc] = merged.strides;
  return merged.shape.map((size, d) => ({ size, a: sa[d], b: sb[d], c: sc[d] }));
}

/** Three nested loops whose innermost sums into a register: `c` is fixed along it. */
function reduceBlock(
  dims: readonly Dim[],
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  c: Float64Array,
  cStart: number,
): void {
  const [d0, d1, d2] = dims;
  const n2 = d2.size;
  const a2 = d2.a;
  const b2 = d2.b;
  let pa0 = aStart;
  let pb0 = bStart;
  let pc0 = cStart;
  for (let i0 = 0; i0 < d0.size; i0++) {
    let pa1 = pa0;
    let pb1 = pb0;
    let pc1 = pc0;
    for (let i1 = 0; i1 < d1.size; i1++) {
      let sum = 0;
      let pa = pa1;
      let pb = pb1;
      for (let i2 = 0; i2 < n2; i2++) {
        sum += a[pa] * b[pb];
        pa += a2;
        pb += b2;
      }
      c[pc1] += sum;
      pa1 += d1.a;
      pb1 += d1.b;
      pc1 += d1.c;
    }
    pa0 += d0.a;
    pb0 += d0.b;
    pc0 += d0.c;
  }
}

/** Three nested loops whose innermost moves through `c` as well. */
function scatterBlock(
  dims: readonly Dim[],
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  c: Float64Array,
  cStart: number,
): void {
  const [d0, d1, d2] = dims;
  const n2 = d2.size;
  const a2 = d2.a;
  const b2 = d2.b;
  const c2 = d2.c;
  let pa0 = aStart;
  let pb0 = bStart;
  let pc0 = cStart;
  for (let i0 = 0; i0 < d0.size; i0++) {
    let pa1 = pa0;
    let pb1 = pb0;
    let pc1 = pc0;
    for (let i1 = 0; i1 < d1.size; i1++) {
      let pa = pa1;
      let pb = pb1;
      let pc = pc1;
      for (let i2 = 0; i2 < n2; i2++) {
        c[pc] += a[pa] * b[pb];
        pa += a2;
        pb += b2;
        pc += c2;
      }
      pa1 += d1.a;
      pb1 += d1.b;
      pc1 += d1.c;
    }
    pa0 += d0.a;
    pb0 += d0.b;
    pc0 += d0.c;
  }
}
