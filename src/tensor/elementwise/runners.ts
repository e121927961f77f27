import { Binary, Unary } from "./codes";

/*
 * The JavaScript loops of the elementwise ops: one function per op, built once from the op's
 * element formula below, holding the op's unit-stride loop (o + i, p + i, q + i) and its strided
 * loop (o + i·os, …). loops.ts picks the function with a `switch` in which every op has its own
 * call. Long unit-stride runs go to WebAssembly instead (wasm-kernels.ts), which computes the
 * same formulas.
 *
 * Why one generated function per op: V8 (TurboFan, Node 20) compiles a loop that shares its
 * function with many other loops much worse. `x.mul(0.5)` on 1e6 values took 2.6 ms through a
 * `switch` over all 15 binary loops, 0.7 ms with the Mul loop in a function of its own; and a
 * call through a table of such functions (`runners[code](…)`) is megamorphic and took 1.8 ms.
 * Writing 25 near-identical functions by hand would say the same thing 25 times; the formulas
 * say it once.
 */

/** One run of a binary op: out[o + i·os] = f(a[p + i·as], b[q + i·bs]) for i < n. */
export type BinaryRunner = (
  alpha: number,
  beta: number,
  n: number,
  out: Float64Array,
  o: number,
  os: number,
  a: Float64Array,
  p: number,
  as: number,
  b: Float64Array,
  q: number,
  bs: number,
) => void;

/** One run of a unary op: out[o + i·os] = f(a[p + i·as]) for i < n. */
export type UnaryRunner = (
  low: number,
  high: number,
  n: number,
  out: Float64Array,
  o: number,
  os: number,
  a: Float64Array,
  p: number,
  as: number,
) => void;

/** f(x, y) of each binary op; `alpha` and `beta` are its parameters (see `Binary`). */
const BINARY_FORMULAS: Readonly<Record<Binary, string>> = {
  [Binary.Add]: "x + y",
  [Binary.Sub]: "x - y",
  [Binary.Mul]: "x * y",
  [Binary.Div]: "x / y",
  [Binary.Pow]: "Math.pow(x, y)",
  [Binary.Maximum]: "Math.max(x, y)",
  [Binary.Minimum]: "Math.min(x, y)",
  [Binary.Equal]: "x === y ? 1 : 0",
  [Binary.NotEqual]: "x !== y ? 1 : 0",
  [Binary.Less]: "x < y ? 1 : 0",
  [Binary.LessEqual]: "x <= y ? 1 : 0",
  [Binary.Greater]: "x > y ? 1 : 0",
  [Binary.GreaterEqual]: "x >= y ? 1 : 0",
  [Binary.Axpy]: "x + alpha * y",
  [Binary.IsClose]: "x === y || Math.abs(x - y) <= beta + alpha * Math.abs(y) ? 1 : 0",
};

/** f(x) of each unary op; `low` and `high` are its parameters (see `Unary`). */
const UNARY_FORMULAS: Readonly<Record<Unary, string>> = {
  [Unary.Copy]: "x",
  [Unary.Neg]: "-x",
  [Unary.Exp]: "Math.exp(x)",
  [Unary.Log]: "Math.log(x)",
  [Unary.Sqrt]: "Math.sqrt(x)",
  [Unary.Abs]: "Math.abs(x)",
  [Unary.Tanh]: "Math.tanh(x)",
  [Unary.Sign]: "Math.sign(x)",
  [Unary.Clip]: "x < low ? low : x > high ? high : x",
  [Unary.Scale]: "low * x",
  [Unary.Sigmoid]: "x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))",
};

function binaryRunner(formula: string): BinaryRunner {
  return new Function(
    "alpha, beta, n, out, o, os, a, p, as, b, q, bs",
    `if (os === 1 && as === 1 && bs === 1) {
       for (let i = 0; i < n; i++) { const x = a[p + i]; const y = b[q + i]; out[o + i] = ${formula}; }
       return;
     }
     for (let i = 0; i < n; i++) {
       const x = a[p + i * as]; const y = b[q + i * bs]; out[o + i * os] = ${formula};
     }`,
  ) as BinaryRunner;
}

function unaryRunner(formula: string): UnaryRunner {
  return new Function(
    "low, high, n, out, o, os, a, p, as",
    `if (os === 1 && as === 1) {
       for (let i = 0; i < n; i++) { const x = a[p + i]; out[o + i] = ${formula}; }
       return;
     }
     for (let i = 0; i < n; i++) { const x = a[p + i * as]; out[o + i * os] = ${formula}; }`,
  ) as UnaryRunner;
}

/** The runner of each binary op, indexed by its code. */
export const BINARY_RUNNERS: readonly BinaryRunner[] = Object.values(Binary)
  .filter((code): code is Binary => typeof code === "number")
  .map((code) => binaryRunner(BINARY_FORMULAS[code]));

/** The runner of each unary op, indexed by its code. */
export const UNARY_RUNNERS: readonly UnaryRunner[] = Object.values(Unary)
  .filter((code): code is Unary => typeof code === "number")
  .map((code) => unaryRunner(UNARY_FORMULAS[code]));
