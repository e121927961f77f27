import { type Tensor, matmul, tensor, zeros } from "../../src/tensor";
import { einsum, einsumInto } from "../../src/tensor/einsum";
import type { Workload } from "../workload";

/*
 * einsum at the seeds' shapes (issue 3). The first three are memory-bound — seed 000's
 * 3-in/2-out map X [m, 3, 1] · W [2, 3, 1] (allocating, and into a preallocated result as a
 * training loop would) and its gradient-shaped contraction over the batch axis — and must stay
 * within 1.5× of numpy's einsum (optimize=True). The last is the softmax-regression gradient
 * XᵀG, which must run as a GEMM: within 1.2× of our own matmul of the same product (the
 * companion row) and 3× of numpy.
 */

type Pair = { a: Tensor; b: Tensor };

const seedMap: Workload<Pair> = {
  name: "einsum ijk,pjk->ipk",
  inputs: { X: [100000, 3, 1], W: [2, 3, 1] },
  setup: ({ X, W }) => ({ a: tensor(X.data, X.shape), b: tensor(W.data, W.shape) }),
  gradbook: ({ a, b }) => einsum("ijk,pjk->ipk", a, b),
  numpy: { run: "np.einsum('ijk,pjk->ipk', X, W, optimize=True)" },
  flops: 2 * 100000 * 2 * 3,
  target: 1.5,
};

const seedMapInto: Workload<Pair & { out: Tensor }> = {
  name: "einsumInto ijk,pjk->ipk",
  inputs: { X: [100000, 3, 1], W: [2, 3, 1] },
  setup: ({ X, W }) => ({
    a: tensor(X.data, X.shape),
    b: tensor(W.data, W.shape),
    out: zeros([100000, 2, 1]),
  }),
  gradbook: ({ a, b, out }) => einsumInto(out, "ijk,pjk->ipk", a, b),
  numpy: {
    setup: "out = np.empty((100000, 2, 1))",
    run: "np.einsum('ijk,pjk->ipk', X, W, out=out, optimize=True)",
  },
  flops: 2 * 100000 * 2 * 3,
  target: 1.5,
};

const seedGradient: Workload<Pair> = {
  name: "einsum ijk,iqk->jqk",
  inputs: { X: [100000, 3, 1] },
  setup: ({ X }) => {
    const x = tensor(X.data, X.shape);
    return { a: x, b: x };
  },
  gradbook: ({ a, b }) => einsum("ijk,iqk->jqk", a, b),
  numpy: { run: "np.einsum('ijk,iqk->jqk', X, X, optimize=True)" },
  flops: 2 * 100000 * 3 * 3,
  target: 1.5,
};

const softmaxGradient: Workload<Pair> = {
  name: "einsum ni,nk->ik 60000×784·60000×10",
  inputs: { X: [60000, 784], G: [60000, 10] },
  setup: ({ X, G }) => ({ a: tensor(X.data, X.shape), b: tensor(G.data, G.shape) }),
  gradbook: ({ a, b }) => einsum("ni,nk->ik", a, b),
  numpy: { run: "np.einsum('ni,nk->ik', X, G, optimize=True)" },
  flops: 2 * 60000 * 784 * 10,
  target: 3,
};

const softmaxGradientMatmul: Workload<Pair> = {
  name: "matmul XᵀG 60000×784·60000×10",
  inputs: { X: [60000, 784], G: [60000, 10] },
  setup: ({ X, G }) => ({ a: tensor(X.data, X.shape), b: tensor(G.data, G.shape) }),
  gradbook: ({ a, b }) => matmul(a.T, b),
  numpy: { run: "X.T @ G" },
  flops: 2 * 60000 * 784 * 10,
};

export const workloads: Workload[] = [
  seedMap,
  seedMapInto,
  seedGradient,
  softmaxGradient,
  softmaxGradientMatmul,
];
