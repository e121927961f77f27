import { type Tensor, matmul, tensor } from "../../src/tensor";
import type { Workload } from "../workload";

/**
 * Gram matrices XᵀX of a design matrix X: [m, n], the normal equation's left side. Both sides
 * exploit symmetry (numpy calls BLAS syrk for X.T @ X), so FLOPs count one triangle: m·n·(n+1).
 * Issue 3: ≤ 5× numpy.
 */
export const workloads: Workload<{ x: Tensor }>[] = [
  [20000, 100],
  [100000, 100],
  [60000, 784],
].map(([m, n]) => ({
  name: `XᵀX ${m}×${n}`,
  inputs: { X: [m, n] },
  setup: ({ X }) => ({ x: tensor(X.data, X.shape) }),
  gradbook: ({ x }) => matmul(x.T, x),
  numpy: { run: "X.T @ X" },
  flops: m * n * (n + 1),
  target: 5,
}));
