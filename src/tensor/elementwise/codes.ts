/*
 * The elementwise ops as integer codes: the loops (loops.ts, wasm-kernels.ts) dispatch on a code once
 * per run (a `switch` around tight loops), never on a closure per element, so every loop stays
 * monomorphic.
 */

/** Binary op codes: out = f(a, b) (`alpha`/`beta` are the op's parameters, if any). */
export enum Binary {
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Maximum,
  Minimum,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  /** a + alpha·b */
  Axpy,
  /** 1 when |a − b| ≤ beta + alpha·|b| (numpy's isclose with rtol = alpha, atol = beta). */
  IsClose,
}

/** Unary op codes: out = f(x) (`low`/`high` are parameters: clip bounds, scale factor). */
export enum Unary {
  Copy,
  Neg,
  Exp,
  Log,
  Sqrt,
  Abs,
  Tanh,
  Sign,
  Clip,
  /** low · x */
  Scale,
  /** σ(x) = 1 / (1 + e^(−x)) for x ≥ 0, eˣ / (1 + eˣ) below, so that no exponential overflows. */
  Sigmoid,
}
