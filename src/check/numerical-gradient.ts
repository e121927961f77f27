import { positiveNumber } from "../protocol/option-rules";
import { formatShape } from "../protocol";
import { describeValue, readOptions } from "../protocol/options";
import { Tensor, type TensorLike, asTensor } from "../tensor";
import { DEFAULT_EPS } from "./verdict";

/**
 * A loss as gradcheck sees it: a function of named parameters returning a number (or a size-1
 * Tensor, such as the result of `mean()`). It must read the parameters from its argument, which
 * gradcheck perturbs, not from variables it closed over.
 */
export type LossFunction<K extends string> = (params: Record<K, Tensor>) => number | Tensor;

/** Options of `numericalGradient`. */
export interface NumericalGradientOptions {
  /** Step of the central differences (default 1e-6, as torch.autograd.gradcheck in float64). */
  eps?: number;
}

/** One central difference: the quotient and the two loss values it came from. */
export interface CentralDifference {
  /** (f(x + eps) − f(x − eps)) / h, with h the exact distance between the two points. */
  derivative: number;
  fPlus: number;
  fMinus: number;
  /** (x + eps) − (x − eps) as float64 computes it: 2·eps up to rounding of x ± eps. */
  step: number;
}

/**
 * The parameters as private, C-contiguous copies that gradcheck may perturb in place: the
 * caller's tensors are never written.
 */
export function privateCopies<K extends string>(
  params: Record<K, TensorLike>,
  op: string,
): Record<K, Tensor> {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new TypeError(`${op}: params must map names to tensors, e.g. { W, b }`);
  }
  const names = Object.keys(params) as K[];
  if (names.length === 0) throw new TypeError(`${op}: params is empty: nothing to differentiate`);
  const copies = {} as Record<K, Tensor>;
  for (const name of names) {
    const value = params[name];
    const tensor = asTensor(value, `${op} (param ${name})`);
    copies[name] = tensor.clone();
  }
  return copies;
}

/** Evaluates `f` at `params` and checks that it returned one number. */
export function evaluateLoss<K extends string>(
  f: LossFunction<K>,
  params: Record<K, Tensor>,
  op: string,
): number {
  const value = f(params);
  if (typeof value === "number") return value;
  if (value instanceof Tensor) {
    if (value.size === 1) return value.data[value.offset];
    throw new TypeError(
      `${op}: f must return the loss as a number or a size-1 tensor, got a tensor of shape ${formatShape(value.shape)} (reduce it, e.g. with mean())`,
    );
  }
  throw new TypeError(`${op}: f must return the loss as a number, got ${describeValue(value)}`);
}

/**
 * ∂f/∂x at entry `index` of `data` by central differences, (f(x + eps) − f(x − eps)) / h. The
 * entry is written in place and restored to its exact original value afterwards.
 */
export function centralDifference(
  loss: () => number,
  data: Float64Array,
  index: number,
  eps: number,
): CentralDifference {
  const original = data[index];
  const plus = original + eps;
  const minus = original - eps;
  try {
    data[index] = plus;
    const fPlus = loss();
    data[index] = minus;
    const fMinus = loss();
    const step = plus - minus;
    return { derivative: (fPlus - fMinus) / step, fPlus, fMinus, step };
  } finally {
    data[index] = original;
  }
}

/**
 * The numerical gradient of `f` with respect to every parameter, by central differences:
 * g̃ᵢ = (f(θ + eps·eᵢ) − f(θ − eps·eᵢ)) / 2eps for every entry i of every parameter, in float64.
 * Returns tensors of the parameters' shapes. Costs 2 evaluations of f per entry; the caller's
 * tensors are never modified. Used by `gradcheck` when no analytic gradients are given.
 */
export function numericalGradient<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
  options: NumericalGradientOptions = {},
): Record<K, Tensor> {
  const op = "numericalGradient";
  const { eps } = readOptions(op, options, { eps: positiveNumber(DEFAULT_EPS) });
  if (typeof f !== "function") throw new TypeError(`${op}: f must be a function of the params`);
  const working = privateCopies(params, op);
  const loss = () => evaluateLoss(f, working, op);
  const gradients = {} as Record<K, Tensor>;
  for (const name of Object.keys(working) as K[]) {
    const param = working[name];
    const out = new Float64Array(param.size);
    for (let i = 0; i < param.size; i++) {
      out[i] = centralDifference(loss, param.data, i, eps).derivative;
    }
    gradients[name] = new Tensor(out, [...param.shape]);
  }
  return gradients;
}
