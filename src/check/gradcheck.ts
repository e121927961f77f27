import type { Tensor, TensorLike } from "../tensor";
import { formatNumber, formatShape, type GradcheckVerdict } from "../protocol";
import { analyticGradients, type GradcheckOptions, readSettings } from "./gradcheck-inputs";
import { type EntryCheck, GradcheckReport, type ParamCheck } from "./gradcheck-report";
import {
  centralDifference,
  evaluateLoss,
  type LossFunction,
  type NumericalGradientOptions,
  numericalGradient,
  privateCopies,
} from "./numerical-gradient";
import { directionalCheck, onKink, type ParamContext } from "./probes";
import { sampleIndices, unravelIndex } from "./sampling";
import {
  normRelativeError,
  relativeError,
  roundingNoise,
  verdictOf,
  withinTolerance,
  worstVerdict,
} from "./verdict";

/** Above this many entries a matrix's report has no per-entry error map. */
const MAX_ERROR_MAP = 65_536;
/** Kinks listed by name in a warning, per parameter. */
const MAX_KINKS_LISTED = 3;

/**
 * Checks analytic gradients against central differences, in float64 (seed 001: the L2 term of
 * dW is (λ/m)·W, not (λ/m)·sum(W)):
 *
 *   const report = gradcheck(({ W, b }) => loss(X, Y, W, b), { W, b }, { W: dW, b: db });
 *   report.ok, report.params.W.verdict, report.params.W.worst
 *
 * `params` maps names to tensors and `f(params)` returns the loss (a number or a size-1
 * tensor), reading the parameters from its argument: gradcheck perturbs private copies in place
 * and restores every entry exactly, so the caller's tensors are never touched. `grads` maps some
 * or all of the names to analytic gradients of the same shapes; parameters without one are held
 * fixed. Each entry passes torch.autograd.gradcheck's test |a − n| ≤ atol + rtol·|n| or fails;
 * the report adds per parameter the largest relative error, Ng's ‖a − n‖/(‖a‖ + ‖n‖), the worst
 * entries and a banded verdict exact / fine / suspicious / wrong (bands in verdict.ts). Warnings
 * say when f is not deterministic, when an entry sits on a kink, or when the gradient is too
 * small to check.
 *
 * Without `grads` it returns the numerical gradient of every parameter (see
 * `numericalGradient`) to compare by hand.
 */
export function gradcheck<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
): Record<K, Tensor>;
export function gradcheck<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
  grads: undefined,
  options?: NumericalGradientOptions,
): Record<K, Tensor>;
export function gradcheck<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
  grads: Partial<Record<K, TensorLike>>,
  options?: GradcheckOptions,
): GradcheckReport;
export function gradcheck<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
  grads?: Partial<Record<K, TensorLike>>,
  options: GradcheckOptions = {},
): GradcheckReport | Record<K, Tensor> {
  if (grads === undefined) return numericalGradient(f, params, { eps: readSettings(options).eps });
  return runCheck(f, params, grads, options);
}

function runCheck<K extends string>(
  f: LossFunction<K>,
  params: Record<K, TensorLike>,
  grads: Partial<Record<K, TensorLike>>,
  options: GradcheckOptions,
): GradcheckReport {
  const config = readSettings(options);
  if (typeof f !== "function") throw new TypeError("gradcheck: f must be a function of the params");
  const working = privateCopies(params, "gradcheck");
  const gradients = analyticGradients(working, grads);
  const loss = () => evaluateLoss(f, working, "gradcheck");
  const warnings: string[] = [];
  const f0 = loss();
  if (!Number.isFinite(f0)) {
    warnings.push(`f(params) is ${f0} at the given point, so every difference quotient is too`);
  }
  // Kinks cannot be told from noise when f itself changes between calls.
  const deterministic = noteNondeterminism(
    f0,
    loss(),
    "two evaluations at the same point",
    warnings,
  );

  const reports: Record<string, ParamCheck> = {};
  for (const [name, grad] of gradients) {
    const context = { name, param: working[name], grad, loss, f0, deterministic, config, warnings };
    reports[name] = checkParam(context);
  }
  noteNondeterminism(f0, loss(), "the evaluations before and after the check", warnings);

  const checks = Object.values(reports);
  const ok = checks.every((check) => check.ok);
  const verdict: GradcheckVerdict = worstVerdict(checks.map((check) => check.verdict));
  const { eps, rtol, atol } = config;
  return new GradcheckReport(ok, verdict, { eps, rtol, atol }, reports, warnings);
}

/** Warns when two evaluations of f at the same point differ; true when they agree. */
function noteNondeterminism(
  first: number,
  second: number,
  what: string,
  warnings: string[],
): boolean {
  if (first === second || (Number.isNaN(first) && Number.isNaN(second))) return true;
  warnings.push(
    `f is not deterministic: ${what} gave ${first} and ${second}; finite differences of a function that changes between calls mean nothing (fix random seeds, turn off shuffling, and do not let f modify its params)`,
  );
  return false;
}

/** The central-difference comparison of the entries at `indices` (flat, C order). */
interface EntryComparison {
  entries: { flat: number; check: EntryCheck }[];
  analytic: Float64Array;
  numeric: Float64Array;
  /** Every entry passed torch's test. */
  passes: boolean;
  /** Every difference was within the rounding noise of its quotient. */
  withinNoise: boolean;
  /** Entries that sit on a kink of f. */
  kinks: number[];
}

function compareEntries<K extends string>(
  context: ParamContext<K>,
  indices: readonly number[],
): EntryComparison {
  const { param, grad, loss, config } = context;
  const { eps, rtol, atol } = config;
  const comparison: EntryComparison = {
    entries: [],
    analytic: new Float64Array(indices.length),
    numeric: new Float64Array(indices.length),
    passes: true,
    withinNoise: true,
    kinks: [],
  };
  indices.forEach((flat, k) => {
    const difference = centralDifference(loss, param.data, flat, eps);
    const a = grad[flat];
    const n = difference.derivative;
    comparison.analytic[k] = a;
    comparison.numeric[k] = n;
    const passes = withinTolerance(a, n, rtol, atol);
    comparison.passes &&= passes;
    const noise = roundingNoise(difference.fPlus, difference.fMinus, difference.step);
    comparison.withinNoise &&= Math.abs(a - n) <= noise;
    const relError = relativeError(a, n, atol);
    comparison.entries.push({
      flat,
      check: { index: [], analytic: a, numeric: n, relError, passes },
    });
    if (onKink(context, flat, difference)) comparison.kinks.push(flat);
  });
  return comparison;
}

/** Checks one parameter: its sampled (or all) entries, and a random direction when sampled. */
function checkParam<K extends string>(context: ParamContext<K>): ParamCheck {
  const { name, param, config } = context;
  const total = param.size;
  const indices = sampleIndices(total, config.maxEntries, `${config.seed}:${name}`);
  const { entries, analytic, numeric, passes, withinNoise, kinks } = compareEntries(
    context,
    indices,
  );
  const directional = indices.length < total ? directionalCheck(context) : undefined;
  const entryNormError = normRelativeError(analytic, numeric);
  const facts = {
    passes: passes && (directional?.check.passes ?? true),
    withinNoise: withinNoise && (directional?.withinNoise ?? true),
    normRelError: Math.max(entryNormError, directional?.check.relError ?? 0),
  };
  const verdict = verdictOf(facts);
  noteKinks(context, kinks);
  noteVanishing(context, analytic, numeric, verdict);

  const worst = [...entries]
    .sort((x, y) => worseFirst(x.check, y.check))
    .slice(0, config.worst)
    .map(({ flat, check }) => ({ ...check, index: unravelIndex(flat, param.shape) }));
  const report: ParamCheck = {
    ok: facts.passes,
    verdict,
    shape: [...param.shape],
    maxRelError: entries.reduce(
      (largest, { check }) =>
        check.relError > largest || Number.isNaN(check.relError) ? check.relError : largest,
      0,
    ),
    normRelError: entryNormError,
    checked: indices.length,
    total,
    worst,
  };
  if (directional) report.directional = directional.check;
  if (param.ndim === 2 && total <= MAX_ERROR_MAP) report.relErrorMap = errorMap(param, entries);
  return report;
}

/**
 * Orders entries worst first: failing before passing, then by larger relative error (NaN counts
 * as the largest). Two keys, not one number: a sum such as 1e300 + error absorbs the error.
 */
function worseFirst(x: EntryCheck, y: EntryCheck): number {
  if (x.passes !== y.passes) return x.passes ? 1 : -1;
  const error = (entry: EntryCheck) => (Number.isNaN(entry.relError) ? Infinity : entry.relError);
  return error(y) - error(x);
}

function errorMap(param: Tensor, entries: readonly { flat: number; check: EntryCheck }[]) {
  const values = new Array<number | null>(param.size).fill(null);
  for (const { flat, check } of entries) values[flat] = check.relError;
  return { rows: param.shape[0], cols: param.shape[1], values };
}

function noteKinks<K extends string>(context: ParamContext<K>, kinks: readonly number[]) {
  if (kinks.length === 0) return;
  const { name, param, warnings } = context;
  const listed = kinks
    .slice(0, MAX_KINKS_LISTED)
    .map((flat) => `${name}${formatShape(unravelIndex(flat, param.shape))}`);
  const more =
    kinks.length > MAX_KINKS_LISTED ? ` and ${kinks.length - MAX_KINKS_LISTED} more` : "";
  warnings.push(
    `${listed.join(", ")}${more} ${kinks.length === 1 ? "sits" : "sit"} on a kink of f (the one-sided differences disagree): central differences average the two sides there, so a correct gradient can look wrong; move the point slightly`,
  );
}

function noteVanishing<K extends string>(
  context: ParamContext<K>,
  analytic: Float64Array,
  numeric: Float64Array,
  verdict: GradcheckVerdict,
) {
  const { name, config, warnings } = context;
  if (verdict === "exact" || verdict === "wrong") return;
  let largest = 0;
  for (let i = 0; i < analytic.length; i++) {
    largest = Math.max(largest, Math.abs(analytic[i]), Math.abs(numeric[i]));
  }
  if (largest > config.atol) return;
  warnings.push(
    `the gradient of ${name} is tiny at this point (largest entry ${formatNumber(largest)}, below atol ${formatNumber(config.atol)}), so relative errors mostly measure rounding: check at a random point, away from a minimum`,
  );
}
