import { random } from "../../src/tensor";
import { cellWorkload } from "../cell";
import type { Workload } from "../workload";

/*
 * The op sweep (issue 15), building and reshaping data: copies of transposes and slices,
 * joins, ranges, the design-matrix helpers and the train/test split, at course sizes, as a
 * notebook cell writes them (see sweep-elementwise.ts for the goal).
 */

const M = 100_000;
const TEST_ROWS = M / 4;
// trainTestSplit's shuffle is seedrandom's; numpy takes the same rows so the parts compare, and
// draws a permutation of its own as well, the cost of scikit-learn's shuffle.
const splitOrder = random(0).permutation(M);

export const workloads: Workload[] = [
  cellWorkload({
    name: "transpose copy [1000, 1000]",
    inputs: { A: [1000, 1000] },
    cell: { run: "A.T.clone()" },
    numpy: { run: "A.T.copy()" },
    target: 3,
  }),
  cellWorkload({
    name: "reshape of a transpose [1000, 1000]",
    inputs: { A: [1000, 1000] },
    cell: { run: "A.T.reshape(-1)" },
    numpy: { run: "A.T.reshape(-1)" },
    target: 3,
  }),
  cellWorkload({
    name: "slice copy X[:, :50] [100000, 100]",
    inputs: { X: [M, 100] },
    cell: { run: "X.slice(null, [0, 50]).clone()" },
    numpy: { run: "X[:, :50].copy()" },
    target: 3,
  }),
  cellWorkload({
    name: "slice copy X[::2] [100000, 100]",
    inputs: { X: [M, 100] },
    cell: { run: "X.slice([null, null, 2]).clone()" },
    numpy: { run: "X[::2].copy()" },
    target: 3,
  }),
  cellWorkload({
    name: "concat axis 0, 2 × [50000, 100]",
    inputs: { A: [M / 2, 100], B: [M / 2, 100] },
    cell: { run: "gb.concat([A, B], 0)" },
    numpy: { run: "np.concatenate([A, B], 0)" },
    target: 3,
  }),
  cellWorkload({
    name: "concat axis 1, 2 × [100000, 50]",
    inputs: { A: [M, 50], B: [M, 50] },
    cell: { run: "gb.concat([A, B], 1)" },
    numpy: { run: "np.concatenate([A, B], 1)" },
    target: 3,
  }),
  cellWorkload({
    name: "stack 3 × [1e6]",
    inputs: { a: [1_000_000], b: [1_000_000], c: [1_000_000] },
    cell: { run: "gb.stack([a, b, c])" },
    numpy: { run: "np.stack([a, b, c])" },
    target: 3,
  }),
  cellWorkload({
    name: "linspace 1e6",
    inputs: {},
    cell: { run: "gb.linspace(0, 1, 1000000)" },
    numpy: { run: "np.linspace(0, 1, 1000000)" },
    target: 3,
  }),
  cellWorkload({
    name: "arange 1e6",
    inputs: {},
    cell: { run: "gb.arange(1000000)" },
    numpy: { run: "np.arange(1000000.0)" },
    target: 3,
  }),
  cellWorkload({
    name: "ones [1000, 1000]",
    inputs: {},
    cell: { run: "gb.ones([1000, 1000])" },
    numpy: { run: "np.ones((1000, 1000))" },
    target: 3,
  }),
  cellWorkload({
    name: "tensor from nested arrays [10000, 100]",
    inputs: { X: [10_000, 100] },
    cell: { setup: "const rows = X.toArray();", run: "gb.tensor(rows)" },
    numpy: { setup: "rows = X.tolist()", run: "np.array(rows)" },
    target: 3,
  }),
  cellWorkload({
    name: "toArray [10000, 100]",
    inputs: { X: [10_000, 100] },
    cell: { run: "X.toArray()" },
    numpy: { run: "X.tolist()" },
    target: 3,
  }),
  cellWorkload({
    name: "addBias [100000, 100]",
    inputs: { X: [M, 100] },
    cell: { run: "gb.addBias(X)" },
    numpy: { run: "np.hstack((np.ones((X.shape[0], 1)), X))" },
    target: 3,
  }),
  cellWorkload({
    name: "polynomialFeatures degree 10 [100000]",
    inputs: { x: [M] },
    cell: { run: "gb.polynomialFeatures(x, 10)" },
    numpy: { run: "np.vander(x, 11, increasing=True)" },
    target: 3,
  }),
  cellWorkload({
    name: "oneHot 100000 labels, K = 10",
    inputs: { L: [M] },
    cell: {
      setup: "const labels = Int32Array.from(L.data, (v) => Math.floor((v + 1) * 5));",
      run: "gb.oneHot(labels, 10)",
    },
    numpy: { setup: "labels = np.floor((L + 1) * 5).astype(np.intp)", run: "np.eye(10)[labels]" },
    target: 3,
  }),
  cellWorkload({
    name: "trainTestSplit [100000, 100]",
    inputs: { X: [M, 100], L: [M] },
    cell: { run: "gb.trainTestSplit(X, L, { testSize: 0.25, seed: 0 }).XTrain" },
    numpy: {
      setup: [
        `order = np.array([${splitOrder.join(",")}])`,
        "def split():",
        "    np.random.default_rng(0).permutation(len(X))",
        `    train, test = order[${TEST_ROWS}:], order[:${TEST_ROWS}]`,
        "    return X[train], X[test], L[train], L[test]",
      ].join("\n"),
      run: "split()[0]",
    },
    target: 3,
  }),
];
