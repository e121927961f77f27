import { type Tensor, add, div, eye, matmul, tensor } from "../../src/tensor";
import * as linalg from "../../src/tensor/linalg";
import type { Workload } from "../workload";

/**
 * Dense factorisations at the sizes of the course (d = 100) and of MNIST features (d = 784).
 * solve: a general A (LU with partial pivoting, numpy's gesv); cholesky: the well-conditioned
 * SPD S = A·Aᵀ/d + I; eigh: the symmetric (A + Aᵀ)/2 with eigenvectors (numpy's syevd).
 * Issue 3: cholesky/solve ≤ 8× numpy, eigh ≤ 10×.
 */
const SIZES = [100, 784];

/**
 * Runs `op` until V8 has optimised it (at least 20 calls and 300 ms): the harness warms up with
 * two calls, and a d = 100 factorisation spends its first ~10 calls in unoptimised code.
 */
function warmedUp<State>(state: State, op: (state: State) => unknown): State {
  const start = performance.now();
  for (let call = 0; call < 20 || performance.now() - start < 300; call++) op(state);
  return state;
}

const solveWorkloads: Workload<{ a: Tensor; b: Tensor }>[] = SIZES.map((d) => {
  const run = ({ a, b }: { a: Tensor; b: Tensor }) => linalg.solve(a, b);
  return {
    name: `solve ${d}`,
    inputs: { A: [d, d], b: [d] },
    setup: ({ A, b }) => warmedUp({ a: tensor(A.data, A.shape), b: tensor(b.data, b.shape) }, run),
    gradbook: run,
    numpy: { run: "np.linalg.solve(A, b)" },
    flops: (2 / 3) * d ** 3,
    target: 8,
    tolerance: 1e-8,
  };
});

const choleskyWorkloads: Workload<{ s: Tensor }>[] = SIZES.map((d) => {
  const run = ({ s }: { s: Tensor }) => linalg.cholesky(s);
  return {
    name: `cholesky ${d}`,
    inputs: { A: [d, d] },
    setup: ({ A }) => {
      const a = tensor(A.data, A.shape);
      return warmedUp({ s: add(div(matmul(a, a.T), d), eye(d)) }, run);
    },
    gradbook: run,
    numpy: { setup: `S = A @ A.T / ${d} + np.eye(${d})`, run: "np.linalg.cholesky(S)" },
    flops: d ** 3 / 3,
    target: 8,
  };
});

const eighWorkloads: Workload<{ s: Tensor }>[] = SIZES.map((d) => {
  // Eigenvalues are compared; both sides compute the eigenvectors too.
  const run = ({ s }: { s: Tensor }) => linalg.eigh(s).values;
  return {
    name: `eigh ${d}`,
    inputs: { A: [d, d] },
    setup: ({ A }) => {
      const a = tensor(A.data, A.shape);
      return warmedUp({ s: div(add(a, a.T), 2) }, run);
    },
    gradbook: run,
    numpy: { setup: "S = (A + A.T) / 2", run: "np.linalg.eigh(S)[0]" },
    target: 10,
  };
});

export const workloads: Workload[] = [
  ...solveWorkloads,
  ...choleskyWorkloads,
  ...eighWorkloads,
] as Workload[];
