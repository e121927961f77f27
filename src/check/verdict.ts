import { GRADCHECK_VERDICTS, type GradcheckVerdict } from "../protocol";

/*
 * How gradcheck judges agreement between an analytic gradient a and a numerical one n.
 *
 * Pass/fail is torch.autograd.gradcheck's test, which the course's tolerances copy: every checked
 * entry must satisfy |a − n| ≤ atol + rtol·|n| with central differences of step eps, in float64,
 * eps = 1e-6, atol = 1e-5, rtol = 1e-3 (torch's defaults).
 *
 * The banded verdict says how well a passing gradient agrees, using the norm-wise relative error
 * of Andrew Ng's deep-learning course, ‖a − n‖ / (‖a‖ + ‖n‖), which his gradient-checking
 * exercise flags above 2e-7:
 *   exact       every difference lies within the rounding noise of its difference quotient
 *               (see `roundingNoise`), or the norm-wise error is at most 1e-9;
 *   fine        norm-wise error at most 2e-7 (Ng's bar);
 *   suspicious  passes torch's test, but the norm-wise error is above Ng's bar: more than
 *               finite differences explain for a smooth f, though a kink or a badly scaled f
 *               can cause it;
 *   wrong       fails torch's test somewhere.
 */

/** torch.autograd.gradcheck's default step for central differences in float64. */
export const DEFAULT_EPS = 1e-6;
/** torch.autograd.gradcheck's default relative tolerance. */
export const DEFAULT_RTOL = 1e-3;
/** torch.autograd.gradcheck's default absolute tolerance. */
export const DEFAULT_ATOL = 1e-5;
/** Ng's gradient-checking exercise calls ‖g − g̃‖/(‖g‖ + ‖g̃‖) above this a likely mistake. */
export const NG_THRESHOLD = 2e-7;
/** At or below this norm-wise error the two gradients agree as well as float64 can tell. */
export const EXACT_THRESHOLD = 1e-9;

/** Keeps the relative error defined (0) where both gradients are exactly zero. */
const TINY = 1e-300;

/**
 * Relative error of one entry, |a − n| / max(|a| + |n|, floor), with floor = atol: below atol,
 * where torch's test accepts any difference, entries are measured against atol rather than their
 * own tiny size, so a zero entry matched by 1e-11 of noise does not read as 100 % wrong.
 * NaN when either value is NaN.
 */
export function relativeError(analytic: number, numeric: number, atol: number): number {
  const difference = Math.abs(analytic - numeric);
  if (difference === 0) return 0;
  return difference / Math.max(Math.abs(analytic) + Math.abs(numeric), atol, TINY);
}

/** torch's elementwise test |a − n| ≤ atol + rtol·|n| (false when either is NaN). */
export function withinTolerance(
  analytic: number,
  numeric: number,
  rtol: number,
  atol: number,
): boolean {
  return Math.abs(analytic - numeric) <= atol + rtol * Math.abs(numeric);
}

/**
 * How far the difference quotient (f₊ − f₋)/h can be off from rounding alone: each loss value
 * carries a relative rounding error of a few ε (more when f sums many terms), which the division
 * by a small h magnifies. 64·ε·(|f₊| + |f₋|)/h covers sums of a few thousand terms.
 */
export function roundingNoise(fPlus: number, fMinus: number, step: number): number {
  return (64 * Number.EPSILON * (Math.abs(fPlus) + Math.abs(fMinus))) / step;
}

/** ‖a − n‖ / (‖a‖ + ‖n‖) over paired values (0 when both are zero). */
export function normRelativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let difference = 0;
  let normA = 0;
  let normN = 0;
  for (let i = 0; i < analytic.length; i++) {
    difference += (analytic[i] - numeric[i]) ** 2;
    normA += analytic[i] ** 2;
    normN += numeric[i] ** 2;
  }
  if (difference === 0) return 0;
  return Math.sqrt(difference) / Math.max(Math.sqrt(normA) + Math.sqrt(normN), TINY);
}

/** What the bands look at for one parameter. */
export interface AgreementFacts {
  /** Every checked entry (and the directional check) passed torch's test. */
  passes: boolean;
  /** Every difference was within the rounding noise of its difference quotient. */
  withinNoise: boolean;
  /** Largest norm-wise relative error (entries, and the directional check when done). */
  normRelError: number;
}

/** The band of one parameter (see the file comment for the bands and their sources). */
export function verdictOf(facts: AgreementFacts): GradcheckVerdict {
  if (!facts.passes) return "wrong";
  if (facts.withinNoise || facts.normRelError <= EXACT_THRESHOLD) return "exact";
  if (facts.normRelError <= NG_THRESHOLD) return "fine";
  return "suspicious";
}

/** The worse of the verdicts (exact for none). */
export function worstVerdict(verdicts: Iterable<GradcheckVerdict>): GradcheckVerdict {
  let worst = 0;
  for (const verdict of verdicts) worst = Math.max(worst, GRADCHECK_VERDICTS.indexOf(verdict));
  return GRADCHECK_VERDICTS[worst];
}
