import seedrandom from "seedrandom";
import { toShape, type ShapeLike } from "./create";
import { unaryInto } from "./elementwise/core";
import { Unary } from "./elementwise/codes";
import { contiguousStrides, sizeOf, toContiguous } from "./strided";
import { Tensor } from "./tensor";
import { recorded } from "./trace-hook";

/** Options of `choice`: with replacement (the default, as numpy) or without. */
export interface ChoiceOptions {
  replace?: boolean;
}

/**
 * A seeded stream of random numbers (numpy's Generator). Built on seedrandom's Alea PRNG, pure
 * JavaScript arithmetic, so the same seed gives the same numbers on every machine and Node
 * version. Every draw advances the stream: the same seed and the same sequence of calls give the
 * same results.
 */
export class Random {
  /** The seed this generator started from (chosen at random when none was given). */
  readonly seed: number | string;
  private readonly prng: seedrandom.PRNG;
  /** Marsaglia's method makes normals in pairs; the second waits here for the next draw. */
  private spare: number | null = null;

  constructor(seed: number | string) {
    this.seed = seed;
    this.prng = seedrandom.alea(String(seed));
  }

  /** One uniform number in [0, 1) with 53 random bits. */
  float(): number {
    return this.prng.double();
  }

  /** Uniform samples in [low, high): low + (high − low)·u. */
  uniform(shape: ShapeLike = [], low = 0, high = 1): Tensor {
    const dims = toShape("uniform", shape);
    const data = new Float64Array(sizeOf(dims));
    const width = high - low;
    for (let i = 0; i < data.length; i++) data[i] = low + width * this.prng.double();
    return this.made("uniform", data, dims);
  }

  /** Normal samples with the given mean and standard deviation (Marsaglia's polar method). */
  normal(shape: ShapeLike = [], mean = 0, std = 1): Tensor {
    const dims = toShape("normal", shape);
    const data = new Float64Array(sizeOf(dims));
    for (let i = 0; i < data.length; i++) data[i] = mean + std * this.standardNormal();
    return this.made("normal", data, dims);
  }

  /** Uniform integers in [low, high) (high excluded, as numpy), as float64 values. */
  integers(low: number, high: number, shape: ShapeLike = []): Tensor {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new RangeError(`integers: need integers low < high, got low = ${low}, high = ${high}`);
    }
    const dims = toShape("integers", shape);
    const data = new Float64Array(sizeOf(dims));
    for (let i = 0; i < data.length; i++) data[i] = low + this.below(high - low);
    return this.made("integers", data, dims);
  }

  /** 0, 1, …, n − 1 in random order (Fisher–Yates). */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`permutation: n must be a non-negative integer, got ${n}`);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.shuffleIndices(order);
    return order;
  }

  /**
   * Shuffles IN PLACE, as numpy's `shuffle`, and returns its argument: the elements of an array
   * or typed array, or the rows (axis 0) of a tensor, written through its view.
   */
  shuffle<T extends unknown[] | Float64Array | Int32Array | Tensor>(items: T): T {
    if (!(items instanceof Tensor)) {
      this.shuffleIndices(items as unknown[]);
      return items;
    }
    if (items.shape.length === 0)
      throw new RangeError("shuffle: a 0-d tensor has no rows to shuffle");
    const order = this.permutation(items.shape[0]);
    const rowSize = sizeOf(items.shape.slice(1));
    const rows = toContiguous(items);
    const shuffled = new Float64Array(rows.length);
    for (let row = 0; row < order.length; row++) {
      const from = order[row] * rowSize;
      shuffled.set(rows.subarray(from, from + rowSize), row * rowSize);
    }
    const source = {
      data: shuffled,
      shape: items.shape,
      strides: contiguousStrides(items.shape),
      offset: 0,
    };
    unaryInto(Unary.Copy, items, source);
    return items;
  }

  /**
   * `size` random picks from 0..n−1 (an Int32Array of indices) or from the items of an array.
   * With `{ replace: false }` no index is picked twice (then size ≤ n).
   */
  choice(n: number, size: number, options?: ChoiceOptions): Int32Array;
  choice<T>(items: ArrayLike<T>, size: number, options?: ChoiceOptions): T[];
  choice<T>(
    population: number | ArrayLike<T>,
    size: number,
    { replace = true }: ChoiceOptions = {},
  ): Int32Array | T[] {
    const n = typeof population === "number" ? population : population.length;
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`choice: population size must be a non-negative integer, got ${n}`);
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`choice: size must be a non-negative integer, got ${size}`);
    if (size > 0 && n === 0) throw new RangeError("choice: cannot pick from an empty population");
    if (!replace && size > n)
      throw new RangeError(
        `choice: cannot pick ${size} distinct items from ${n} without replacement`,
      );
    const picks = new Int32Array(size);
    if (replace) {
      for (let i = 0; i < size; i++) picks[i] = this.below(n);
    } else {
      const pool = new Int32Array(n);
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < size; i++) {
        const j = i + this.below(n - i);
        const chosen = pool[j];
        pool[j] = pool[i];
        pool[i] = chosen;
        picks[i] = chosen;
      }
    }
    if (typeof population === "number") return picks;
    return Array.from(picks, (index) => population[index]);
  }

  /** A uniform integer in [0, n). */
  private below(n: number): number {
    return Math.floor(this.prng.double() * n);
  }

  private standardNormal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  private shuffleIndices(items: { length: number; [index: number]: unknown }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
  }

  private made(op: string, data: Float64Array, shape: number[]): Tensor {
    return recorded(op, [], new Tensor(data, shape));
  }
}

/**
 * A random generator seeded with `seed`: `random(0).normal([3, 2])`. Without a seed it picks one
 * from Math.random (results then differ between runs) and exposes it as `.seed`, so a run can be
 * reproduced.
 */
export function random(seed?: number | string): Random {
  return new Random(seed ?? Math.floor(Math.random() * 2 ** 32));
}
