/**
 * Command-line values shared by `gradbook grade` and `gradbook check`: the per-cell time limit
 * and the per-kernel memory cap, parsed with messages that name the option.
 */
import { UsageError } from "./command";

/** Default per-cell time limit, in seconds. */
export const DEFAULT_TIMEOUT_S = 30;
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
