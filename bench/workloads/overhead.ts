import { type Tensor, add, matmul, sum, tensor } from "../../src/tensor";
import type { Workload } from "../workload";

/*
 * Per-op overhead on tiny tensors (issue 3: "under ~1 µs"), the cost a per-sample training loop
 * pays on every step: one elementwise op, one reduction and one matrix product, each on a
 * handful of numbers, against the same numpy call. The table's "gradbook ms" is the time of
 * one call (1e-3 ms = 1 µs); a ratio under 1 means numpy's per-call overhead is the larger.
 */

type Pair = { a: Tensor; b: Tensor };

const pair = ({ A, B }: Record<string, { data: Float64Array; shape: readonly number[] }>) => ({
  a: tensor(A.data, A.shape),
  b: tensor(B.data, B.shape),
});

const addSmall: Workload<Pair> = {
  name: "per-op: add [4] + [4]",
  inputs: { A: [4], B: [4] },
  setup: pair,
  gradbook: ({ a, b }) => add(a, b),
  numpy: { run: "np.add(A, B)" },
};

const sumSmall: Workload<Pair> = {
  name: "per-op: sum [4]",
  inputs: { A: [4], B: [4] },
  setup: pair,
  gradbook: ({ a }) => sum(a),
  numpy: { run: "np.sum(A)" },
};

const matmulSmall: Workload<Pair> = {
  name: "per-op: matmul [2, 2] @ [2, 2]",
  inputs: { A: [2, 2], B: [2, 2] },
  setup: pair,
  gradbook: ({ a, b }) => matmul(a, b),
  numpy: { run: "np.matmul(A, B)" },
};

export const workloads: Workload[] = [addSmall, sumSmall, matmulSmall] as Workload[];
