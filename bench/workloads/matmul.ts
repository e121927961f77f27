import { type Tensor, matmul, tensor } from "../../src/tensor";
import type { Workload } from "../workload";

/** Square matrix products, A @ B with A, B: [n, n] (issue 3: ≤ 4× numpy at n = 512 and 1024). */
export const workloads: Workload<{ a: Tensor; b: Tensor }>[] = [128, 256, 512, 1024].map((n) => ({
  name: `matmul ${n}`,
  inputs: { A: [n, n], B: [n, n] },
  setup: ({ A, B }) => ({ a: tensor(A.data, A.shape), b: tensor(B.data, B.shape) }),
  gradbook: ({ a, b }) => matmul(a, b),
  numpy: { run: "A @ B" },
  flops: 2 * n ** 3,
  ...(n >= 512 ? { target: 4 } : {}),
}));
