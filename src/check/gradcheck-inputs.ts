import { type Tensor, type TensorLike, ShapeError, asTensor } from "../tensor";
import { formatShape } from "../protocol";
import {
  integerAtLeast,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  seed,
} from "../protocol/option-rules";
import { readOptions } from "../protocol/options";
import { type NumericalGradientOptions } from "./numerical-gradient";
import { DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_RTOL } from "./verdict";

/** Options of `gradcheck` (defaults and their sources in verdict.ts). */
export interface GradcheckOptions extends NumericalGradientOptions {
  /** Relative tolerance of torch's test |a − n| ≤ atol + rtol·|n| (default 1e-3). */
  rtol?: number;
  /** Absolute tolerance of that test (default 1e-5). */
  atol?: number;
  /**
   * Entries checked per parameter (default 64). A larger parameter is checked on a seeded random
   * sample of this many entries plus one random-direction (directional derivative) check, which
   * involves every entry at the cost of two evaluations of f.
   */
  maxEntries?: number;
  /** Seed of the sample and of the random direction (default 0): the same seed, the same check. */
  seed?: number | string;
  /** How many of the worst entries each parameter's report lists (default 5). */
  worst?: number;
}

/** The rules of gradcheck's options, with their defaults (sources in verdict.ts). */
const GRADCHECK_OPTIONS = {
  eps: positiveNumber(DEFAULT_EPS),
  rtol: nonNegativeNumber(DEFAULT_RTOL),
  atol: nonNegativeNumber(DEFAULT_ATOL),
  maxEntries: positiveInteger(64),
  seed: seed(0),
  worst: integerAtLeast(0, 5),
};

/** The options of a check with their defaults filled in and validated. */
export type GradcheckSettings = ReturnType<typeof readSettings>;

/** Fills in the defaults and validates every option, naming it in the error. */
export function readSettings(options: GradcheckOptions) {
  return readOptions("gradcheck", options, GRADCHECK_OPTIONS);
}

/** The analytic gradients by name, as contiguous buffers of the parameters' shapes. */
export function analyticGradients<K extends string>(
  working: Record<K, Tensor>,
  grads: Partial<Record<K, TensorLike>>,
): Map<K, Float64Array> {
  if (grads === null || typeof grads !== "object" || Array.isArray(grads)) {
    throw new TypeError("gradcheck: grads must map parameter names to gradients, e.g. { W: dW }");
  }
  const names = Object.keys(working);
  const result = new Map<K, Float64Array>();
  for (const name of Object.keys(grads) as K[]) {
    const value = grads[name];
    if (value === undefined) continue;
    if (!names.includes(name)) {
      throw new TypeError(
        `gradcheck: grads has '${name}' but params has no parameter of that name (params: ${names.join(", ")})`,
      );
    }
    const grad = asTensor(value, `gradcheck (grad ${name})`);
    const param = working[name];
    if (!sameShape(grad.shape, param.shape)) {
      throw new ShapeError(
        "gradcheck",
        [param.shape, grad.shape],
        `the gradient of '${name}' must have its parameter's shape ${formatShape(param.shape)}, got ${formatShape(grad.shape)}`,
        { operand: 1 },
      );
    }
    result.set(name, grad.clone().data);
  }
  if (result.size === 0) {
    throw new TypeError(
      `gradcheck: grads names no parameter to check (params: ${names.join(", ")})`,
    );
  }
  return result;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}
