/**
 * What a benchmark workload is (bench/run.ts describes how they are run). A workload file in
 * bench/workloads/ exports `workloads: Workload[]`; the harness finds it by itself.
 */

/** One generated input as the gradbook side receives it: C-order data and its shape. */
export interface BenchInput {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

/** A computation timed in gradbook and in numpy on identical inputs. */
export interface Workload<State = unknown> {
  /** Unique and short, shown in the table: "matmul 512", "XᵀX 60000×784". */
  readonly name: string;
  /**
   * Inputs by name and shape, generated identically on both sides (see `benchValues`): the
   * gradbook side gets them in `setup`, the numpy side as float64 arrays bound to these names.
   */
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  /** Builds what the timed call needs (tensors, buffers); not timed. */
  setup(inputs: Readonly<Record<string, BenchInput>>): State;
  /**
   * The timed gradbook call. If it returns a Tensor (or any {data, shape, strides, offset}
   * view, or a Float64Array), its first result is compared with numpy's.
   */
  gradbook(state: State): unknown;
  /**
   * The numpy side: `setup` (statements, not timed) runs once with the inputs and `np` bound;
   * `run` is the timed Python expression whose value is compared with gradbook's result.
   */
  readonly numpy: { readonly setup?: string; readonly run: string };
  /** Floating-point operations of one run, for GFLOP/s (omit where FLOPs mean little). */
  readonly flops?: number;
  /** The goal: gradbook's time at most this many times numpy's. */
  readonly target?: number;
  /** Largest accepted relative difference from numpy's result (default 1e-9). */
  readonly tolerance?: number;
  /**
   * The gradbook side as notebook code (bench/cell.ts builds `setup` and `gradbook` from it):
   * such a workload is also timed inside tslab kernels.
   */
  readonly cell?: CellCode;
}

/**
 * gradbook code as a notebook cell writes it, with `gb` the library and each input bound by its
 * name as a Tensor: `setup` (statements, not timed) runs once, `run` is the timed expression.
 */
export interface CellCode {
  readonly setup?: string;
  readonly run: string;
}

/**
 * The benchmark's input values: element i of the q-th input (in declaration order) is a
 * murmur3-mixed hash of (i, q) scaled to [-1, 1). The same 32-bit integer steps run in
 * numpy_worker.py, so both sides compute bit-identical inputs without moving them.
 */
export function benchValues(size: number, q: number): Float64Array {
  const out = new Float64Array(size);
  const salt = Math.imul(q + 1, 0x85ebca77);
  for (let i = 0; i < size; i++) {
    let h = (Math.imul(i, 0x9e3779b1) + salt) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[i] = (h >>> 0) / 2147483648 - 1;
  }
  return out;
}
