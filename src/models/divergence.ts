/**
 * Gradient descent that is blowing up: the cost grew from one iteration to the next, or became
 * NaN or ±Infinity, because the learning rate is too large for the data's curvature (a step
 * overshoots the minimum by more than it started from). Thrown instead of returning NaN
 * weights. It carries the cost history up to the failure, so a lesson can catch it and plot the
 * divergence next to a converging run.
 */
export class DivergenceError extends Error {
  override readonly name = "DivergenceError";

  constructor(
    readonly op: string,
    readonly learningRate: number,
    /** The iteration (or epoch), counted from 1, whose cost grew or stopped being finite. */
    readonly iteration: number,
    /** Costs from the start up to and including the failing one. */
    readonly history: readonly number[],
  ) {
    const previous = history[history.length - 2];
    const cost = history[history.length - 1];
    const what = Number.isFinite(cost)
      ? `the cost grew from ${previous} to ${cost}`
      : `the cost became ${cost}`;
    super(
      `${op}: gradient descent diverged with learningRate = ${learningRate}: ${what} at iteration ` +
        `${iteration}. Try a smaller learningRate (e.g. ${learningRate / 10}) or standardize the features.`,
    );
  }
}
