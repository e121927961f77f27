/**
 * Command-line values shared by `gradbook grade` and `gradbook check`: the per-cell time limit,
 * the time budget of a whole submission and the per-kernel memory cap, parsed with messages
 * that name the option.
 */
import { UsageError } from "./command";

/** Default per-cell time limit, in seconds. */
export const DEFAULT_TIMEOUT_S = 30;
/** How help describes the default submission budget (sandboxed-kernel.ts computes it). */
export const SUBMISSION_TIMEOUT_DEFAULT = "5 × --timeout, at least 120";

/** Default memory cap per kernel, in MiB. */
export const DEFAULT_MEMORY_MB = 2048;

/** A positive number given for `option` (e.g. "--timeout"), or `fallback` when absent. */
export function positiveNumber(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new UsageError(`${option} must be a positive number, got "${text}"`);
  }
  return value;
}

/** A positive integer given for `option`, or `fallback` when absent. */
export function positiveInteger(
  option: string,
  text: string | undefined,
  fallback: number,
): number {
  const value = positiveNumber(option, text, fallback);
  if (!Number.isInteger(value)) {
    throw new UsageError(`${option} must be a whole number, got "${text}"`);
  }
  return value;
}

/** Seconds given for `option`, in milliseconds, or undefined when absent (the default applies). */
export function optionalSeconds(option: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : positiveNumber(option, text, 0) * 1000;
}
