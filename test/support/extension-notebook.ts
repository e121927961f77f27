import { MIME } from "gradbook/protocol";
import { irisLikeTensor } from "./display-bundles";
import { emitCell } from "./notebook-file";

/** A short lesson: tensors over several cells, then every kind of output the extension renders. */
export const DEMO_CELLS = [
  `import { full, gradcheck, plot, random, show, tensor, traceShapes, zeros } from "gradbook";`,
  `const X = random(0).normal([150, 4]);\nconst w = tensor([0.5, -1.25, 2, 0.125]);`,
  `const bias = zeros([3]);\nconst loss = tensor(0.25);\nconst broken = tensor([1, NaN, Infinity]);`,
  `show(X, "X");`,
  // Seed 001's bug: the L2 term of dW written as (λ/m)·sum(W) instead of (λ/m)·W.
  [
    `const A = random(1).normal([20, 3]);`,
    `const Y = random(2).normal([20, 2]);`,
    `const W = random(3).normal([3, 2]);`,
    `const lambda = 0.5;`,
    `const m = 20;`,
    `const J = (p: { W: typeof W }) =>`,
    `  A.matmul(p.W).sub(Y).pow(2).sum().item() / (2 * m) + (lambda / (2 * m)) * p.W.pow(2).sum().item();`,
    `const dataGrad = A.T.matmul(A.matmul(W).sub(Y)).div(m);`,
    `show(gradcheck(J, { W }, { W: dataGrad.add(W.sum().mul(lambda / m)) }));`,
  ].join("\n"),
  // tslab rewrites a later cell's top-level names to exports.W but not shorthand properties:
  // `{ W }` would throw "W is not defined" here.
  `show(gradcheck(J, { W: W }, { W: dataGrad.add(W.mul(lambda / m)) }));`,
  `show(traceShapes(() => A.matmul(W).add(tensor([0.1, 0.2])).matmul(W)));`,
  `show(plot.lossCurve(Array.from({ length: 40 }, (_, i) => 0.1 + 2 * Math.exp(-(i + 1) / 8))));`,
  // A bundle from a future library version: the renderer must explain, not crash.
  emitCell(MIME.tensor, { ...irisLikeTensor(), version: 99 }, "tensor X [150, 4]"),
];

/** One cell binding 50 tensors t0…t49, for the inspector's refresh time. */
export const FIFTY_TENSORS = Array.from(
  { length: 50 },
  (_, i) => `const t${i} = full([4, ${i + 1}], ${i});`,
).join("\n");
