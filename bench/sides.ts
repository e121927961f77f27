/**
 * The places the gradbook side of a workload runs in: this process (plain Node, as a script or
 * vitest runs the library) and tslab kernels (bench/kernel-side.ts). The harness (run.ts) drives
 * every side through one interface and compares each side's result with numpy's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Strided, toContiguous } from "../src/tensor/strided";
import type { BenchKernel } from "./kernel-side";
import { timing } from "./timing";
import type { BenchInput, Workload } from "./workload";

/** A result as C-order values and shape. */
export interface ResultValues {
  data: Float64Array;
  shape: readonly number[];
}

/** Where a workload's gradbook side runs. */
export interface Side {
  /** "node", "kernel lab", "kernel run". */
  readonly name: string;
  /** Whether this side can run `workload` (kernels run cell workloads only). */
  accepts(workload: Workload): boolean;
  /** Builds the workload's state from its inputs (not timed). */
  prepare(
    workload: Workload,
    inputs: Readonly<Record<string, BenchInput>>,
    scratch: string,
  ): Promise<void>;
  /** Two calls (the second one timed) and the result, null when it is not an array. */
  warmUp(scratch: string): Promise<{ onceMs: number; result: ResultValues | null }>;
  /** The number of calls that make a sample last `minMs`. */
  calibrate(onceMs: number, cpu: boolean, minMs: number): Promise<number>;
  /** Milliseconds per call over `loops` calls. */
  time(loops: number, cpu: boolean): Promise<number>;
}

/** A gradbook result as C-order values and shape, or null when it is not an array. */
export function resultValues(value: unknown): ResultValues | null {
  if (value instanceof Float64Array) return { data: value, shape: [value.length] };
  if (value instanceof Int32Array) return { data: Float64Array.from(value), shape: [value.length] };
  const view = value as Partial<Strided> | null;
  if (
    view &&
    view.data instanceof Float64Array &&
    Array.isArray(view.shape) &&
    Array.isArray(view.strides)
  ) {
    return { data: toContiguous(view as Strided), shape: view.shape };
  }
  return null;
}

/** float64 values written to `path` (by numpy or a kernel), with their shape. */
export function readValues(path: string, shape: readonly number[]): ResultValues {
  const bytes = readFileSync(path);
  const data = new Float64Array(bytes.length / 8);
  new Uint8Array(data.buffer).set(bytes);
  return { data, shape };
}

/** max |actual − expected| / max |expected|; Infinity when shapes or NaN positions differ. */
export function relativeError(actual: ResultValues, expected: ResultValues): number {
  const same =
    actual.shape.length === expected.shape.length &&
    actual.shape.every((size, axis) => size === expected.shape[axis]);
  if (!same || actual.data.length !== expected.data.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    if (Number.isNaN(a) !== Number.isNaN(e)) return Number.POSITIVE_INFINITY;
    scale = Math.max(scale, Math.abs(e));
    worst = Math.max(worst, Math.abs(a - e));
  }
  return scale === 0 ? worst : worst / scale;
}

/** This process: the library as compiled into dist/ (bench/compiled-library.ts). */
export function nodeSide(): Side {
  let workload: Workload | undefined;
  let state: unknown;
  const run = () => workload?.gradbook(state);
  return {
    name: "node",
    accepts: () => true,
    async prepare(next, inputs) {
      workload = next;
      state = next.setup(inputs);
    },
    async warmUp() {
      let value: unknown;
      let onceMs = 0;
      for (let call = 0; call < 2; call++) {
        const start = performance.now();
        value = run();
        onceMs = performance.now() - start;
      }
      return { onceMs, result: resultValues(value) };
    },
    async calibrate(onceMs, cpu, minMs) {
      return timing.calibrateLoops(run, onceMs, cpu, minMs);
    },
    async time(loops, cpu) {
      return timing.timeLoops(run, loops, cpu);
    },
  };
}

/** A tslab kernel (bench/kernel-side.ts); it runs cell workloads only. */
export function kernelSide(kernel: BenchKernel): Side {
  return {
    name: `kernel ${kernel.mode}`,
    accepts: (workload) => workload.cell !== undefined,
    async prepare(workload, inputs, scratch) {
      if (workload.cell === undefined) throw new Error(`${workload.name} has no cell`);
      await kernel.load(workload.cell, inputs, scratch);
    },
    async warmUp(scratch) {
      const path = join(scratch, `result-kernel-${kernel.mode}.bin`);
      const { onceMs, shape } = await kernel.warmUp(path);
      return { onceMs, result: shape === null ? null : readValues(path, shape) };
    },
    calibrate: (onceMs, cpu, minMs) => kernel.calibrate(onceMs, cpu, minMs),
    time: (loops, cpu) => kernel.time(loops, cpu),
  };
}
