import { cellWorkload } from "../cell";
import type { Workload } from "../workload";

/*
 * The op sweep (issue 15), reductions and the course's model helpers: sums and extremes along
 * each axis, softmax, standardization, losses and predictions, at course sizes, as a notebook
 * cell writes them (see sweep-elementwise.ts for the goal). X: [100000, 100] examples,
 * Z: [100000, 10] logits. A loss (a number) is wrapped in a 0-d tensor so that it is compared.
 */

const M = 100_000;
const SOFTMAX = [
  "def softmax(z):",
  "    e = np.exp(z - z.max(axis=-1, keepdims=True))",
  "    return e / e.sum(axis=-1, keepdims=True)",
].join("\n");

const matrix = { X: [M, 100] };
const logits = { Z: [M, 10] };

type Row = { name: string; inputs: Record<string, number[]>; run: string; numpy: string };

export const workloads: Workload[] = (
  [
    { name: "sum axis 0 [100000, 100]", inputs: matrix, run: "gb.sum(X, 0)", numpy: "X.sum(0)" },
    { name: "sum axis 1 [100000, 100]", inputs: matrix, run: "gb.sum(X, 1)", numpy: "X.sum(1)" },
    { name: "sum [1e6]", inputs: { x: [1_000_000] }, run: "gb.sum(x)", numpy: "x.sum()" },
    { name: "mean axis 0 [100000, 100]", inputs: matrix, run: "gb.mean(X, 0)", numpy: "X.mean(0)" },
    { name: "min axis 0 [100000, 100]", inputs: matrix, run: "gb.min(X, 0)", numpy: "X.min(0)" },
    { name: "max axis 1 [100000, 10]", inputs: logits, run: "gb.max(Z, 1)", numpy: "Z.max(1)" },
    {
      name: "argmax axis 1 [100000, 10]",
      inputs: logits,
      run: "gb.argmax(Z, 1)",
      numpy: "Z.argmax(1)",
    },
    { name: "std axis 0 [100000, 100]", inputs: matrix, run: "gb.std(X, 0)", numpy: "X.std(0)" },
    {
      name: "var axis 1 [100000, 100]",
      inputs: matrix,
      run: "gb.variance(X, 1)",
      numpy: "X.var(1)",
    },
    {
      name: "mse [1e6]",
      inputs: { x: [1_000_000], y: [1_000_000] },
      run: "gb.tensor(gb.mse(x, y))",
      numpy: "np.mean((y - x) ** 2)",
    },
  ] as Row[]
).map(({ name, inputs, run, numpy }) =>
  cellWorkload({ name, inputs, cell: { run }, numpy: { run: numpy }, target: 3 }),
);

workloads.push(
  cellWorkload({
    name: "softmax rows [100000, 10]",
    inputs: logits,
    cell: { run: "gb.softmax(Z)" },
    numpy: { setup: SOFTMAX, run: "softmax(Z)" },
    target: 3,
  }),
  cellWorkload({
    name: "standardize [100000, 100]",
    inputs: matrix,
    cell: { run: "gb.standardize(X).X" },
    numpy: { run: "(X - X.mean(0)) / X.std(0)" },
    target: 3,
  }),
  cellWorkload({
    name: "binaryCrossEntropy [1e6]",
    inputs: { x: [1_000_000], y: [1_000_000] },
    cell: {
      setup: "const t = gb.greater(x, 0); const p = gb.sigmoid(y);",
      run: "gb.tensor(gb.binaryCrossEntropy(t, p))",
    },
    numpy: {
      setup: "t = (x > 0).astype(float); p = 1 / (1 + np.exp(-y))",
      run: "-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))",
    },
    target: 3,
  }),
  cellWorkload({
    name: "predictProba softmax [100000, 100]·[100, 10]",
    inputs: { X: [M, 100], W: [100, 10], c: [10] },
    cell: { run: "gb.predictProba(X, { W: W, b: c })" },
    numpy: { setup: SOFTMAX, run: "softmax(X @ W + c)" },
    target: 3,
  }),
  cellWorkload({
    name: "predict logistic [100000, 100]",
    inputs: { X: [M, 100], w: [100] },
    cell: { run: "gb.predict(X, { w: w, b: 0.1 })" },
    numpy: { run: "(1 / (1 + np.exp(-(X @ w + 0.1))) >= 0.5).astype(np.int32)" },
    target: 3,
  }),
);
