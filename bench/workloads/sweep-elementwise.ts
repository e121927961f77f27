import { cellWorkload } from "../cell";
import type { Workload } from "../workload";

/*
 * The op sweep (issue 15), elementwise part: what students call most, at course sizes, written
 * as a notebook cell writes it and timed in plain Node and in tslab kernels against the numpy
 * expression a student would write. Goal: every op within 3× of numpy, the geometric mean over
 * the whole sweep (sweep-*.ts) within 1.5×. x, y: [1e6] values in [−1, 1); p = |x| + 0.5 is
 * positive, for log, sqrt and fractional powers.
 */

const N = 1_000_000;
const vectors = { x: [N], y: [N] };
const positive = { setup: "const p = gb.add(gb.abs(x), 0.5);" };
const positiveNumpy = "p = np.abs(x) + 0.5";

export const workloads: Workload[] = [
  { name: "mul x·0.5 [1e6]", run: "gb.mul(x, 0.5)", numpy: "x * 0.5" },
  { name: "add x + y [1e6]", run: "gb.add(x, y)", numpy: "x + y" },
  { name: "sub x − y [1e6]", run: "gb.sub(x, y)", numpy: "x - y" },
  { name: "div x / y [1e6]", run: "gb.div(x, y)", numpy: "x / y" },
  { name: "neg [1e6]", run: "gb.neg(x)", numpy: "-x" },
  { name: "abs [1e6]", run: "gb.abs(x)", numpy: "np.abs(x)" },
  { name: "exp [1e6]", run: "gb.exp(x)", numpy: "np.exp(x)" },
  { name: "tanh [1e6]", run: "gb.tanh(x)", numpy: "np.tanh(x)" },
  { name: "log [1e6]", run: "gb.log(p)", numpy: "np.log(p)", positive: true },
  { name: "sqrt [1e6]", run: "gb.sqrt(p)", numpy: "np.sqrt(p)", positive: true },
  { name: "pow x² [1e6]", run: "gb.pow(x, 2)", numpy: "x ** 2" },
  { name: "pow p^1.5 [1e6]", run: "gb.pow(p, 1.5)", numpy: "p ** 1.5", positive: true },
  { name: "maximum(x, 0) [1e6]", run: "gb.maximum(x, 0)", numpy: "np.maximum(x, 0)" },
  { name: "clip [1e6]", run: "gb.clip(x, -0.5, 0.5)", numpy: "np.clip(x, -0.5, 0.5)" },
  { name: "greater x > 0 [1e6]", run: "gb.greater(x, 0)", numpy: "x > 0" },
  { name: "less x < y [1e6]", run: "gb.less(x, y)", numpy: "x < y" },
  { name: "sigmoid [1e6]", run: "gb.sigmoid(x)", numpy: "1 / (1 + np.exp(-x))" },
].map(({ name, run, numpy, positive: needsP }) =>
  cellWorkload({
    name,
    inputs: vectors,
    cell: needsP ? { ...positive, run } : { run },
    numpy: needsP ? { setup: positiveNumpy, run: numpy } : { run: numpy },
    target: 3,
  }),
);

workloads.push(
  cellWorkload({
    name: "where(c, x, y) [1e6]",
    inputs: vectors,
    cell: { setup: "const c = gb.greater(x, 0);", run: "gb.where(c, x, y)" },
    numpy: { setup: "c = x > 0", run: "np.where(c, x, y)" },
    target: 3,
  }),
  cellWorkload({
    name: "add [100000, 100] + [100]",
    inputs: { X: [100_000, 100], b: [100] },
    cell: { run: "gb.add(X, b)" },
    numpy: { run: "X + b" },
    target: 3,
  }),
  cellWorkload({
    name: "sub [100000, 100] − [100000, 1]",
    inputs: { X: [100_000, 100] },
    cell: { setup: "const m = gb.mean(X, 1, true);", run: "gb.sub(X, m)" },
    numpy: { setup: "m = X.mean(1, keepdims=True)", run: "X - m" },
    target: 3,
  }),
);
