import type { Tensor } from "../tensor";
import type { DirectionalCheck } from "./gradcheck-report";
import type { GradcheckSettings } from "./gradcheck-inputs";
import { type CentralDifference, centralDifference } from "./numerical-gradient";
import { randomDirection } from "./sampling";
import { relativeError, roundingNoise, withinTolerance } from "./verdict";

/*
 * Finite-difference probes beyond the per-entry central differences: the random-direction check
 * of a sampled parameter, and the test for an entry sitting on a kink of f.
 */

/** One parameter under check, and what its probes need. */
export interface ParamContext<K extends string> {
  name: K;
  param: Tensor;
  grad: Float64Array;
  loss: () => number;
  f0: number;
  deterministic: boolean;
  config: GradcheckSettings;
  warnings: string[];
}

/**
 * The directional derivative along a seeded random unit vector v, (f(θ + eps·v) − f(θ − eps·v))
 * / 2eps against Σ aᵢvᵢ: a mistake anywhere in the gradient shows up here, sampled or not.
 */
export function directionalCheck<K extends string>(
  context: ParamContext<K>,
): { check: DirectionalCheck; withinNoise: boolean } {
  const { name, param, grad, loss, config } = context;
  const { eps, rtol, atol } = config;
  const direction = randomDirection(param.size, `${config.seed}:${name}:direction`);
  const original = param.data.slice();
  let fPlus: number;
  let fMinus: number;
  try {
    for (let i = 0; i < original.length; i++) param.data[i] = original[i] + eps * direction[i];
    fPlus = loss();
    for (let i = 0; i < original.length; i++) param.data[i] = original[i] - eps * direction[i];
    fMinus = loss();
  } finally {
    param.data.set(original);
  }
  let analytic = 0;
  for (let i = 0; i < original.length; i++) analytic += grad[i] * direction[i];
  const numeric = (fPlus - fMinus) / (2 * eps);
  return {
    check: {
      analytic,
      numeric,
      relError: relativeError(analytic, numeric, atol),
      passes: withinTolerance(analytic, numeric, rtol, atol),
    },
    withinNoise: Math.abs(analytic - numeric) <= roundingNoise(fPlus, fMinus, 2 * eps),
  };
}

/**
 * True when entry `flat` sits on a kink of f: the one-sided quotients (f₊ − f₀)/h and
 * (f₀ − f₋)/h disagree by more than atol + rtol·max(|∂f|, 1) (so smooth, gently curved losses
 * cost no extra evaluations), and the disagreement does not double when
 * the step doubles (as it would from curvature, h·f″) — a jump in the derivative, as ReLU, |x|
 * or max have at their corners.
 */
export function onKink<K extends string>(
  context: ParamContext<K>,
  flat: number,
  difference: CentralDifference,
): boolean {
  const { param, loss, f0, deterministic, config } = context;
  if (!deterministic) return false;
  const gap = oneSidedGap(param.data[flat], config.eps, f0, difference);
  const scale = Math.max(Math.abs(difference.derivative), 1);
  if (!(gap > config.atol + config.rtol * scale)) return false;
  const wide = centralDifference(loss, param.data, flat, 2 * config.eps);
  return oneSidedGap(param.data[flat], 2 * config.eps, f0, wide) < 1.5 * gap;
}

function oneSidedGap(x: number, eps: number, f0: number, difference: CentralDifference): number {
  const forward = (difference.fPlus - f0) / (x + eps - x);
  const backward = (f0 - difference.fMinus) / (x - (x - eps));
  return Math.abs(forward - backward);
}
