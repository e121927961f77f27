/*
 * Checks on the data a model is given, shared by every function in src/models: matrices that
 * are not 2-D, X and y that disagree on the number of examples, NaN or ±Infinity in the data,
 * class labels that are not integers or fall outside the classes. Each error names the
 * function, the argument and (for values) the first offending position.
 *
 * The SGD trainers and the ridge solver do not scan X for NaN up front (`matrixShape`): a scan
 * of a 20000×784 X costs a third of a softmax epoch, and a NaN or ±Infinity in X always reaches
 * the loss or the result. They run `checkFinite` only when a loss or result comes out
 * non-finite, so the error still names the bad entry of X, at no cost on clean data.
 */
import { asTensor, ShapeError, Tensor, type TensorLike } from "../tensor";
import { describeValue } from "../protocol/options";

/** Class labels as a lesson holds them: a Tensor of integer values, a number[] or an Int32Array. */
export type Labels = Tensor | readonly number[] | Int32Array;

/**
 * `value` as a 2-D tensor [m, n] with at least one row and only finite values. A 1-D array is
 * refused with a hint, since `[m]` against `[m, 1]` is the classic shape slip of the lessons.
 */
export function matrixArg(op: string, name: string, value: TensorLike): Tensor {
  const x = matrixShape(op, name, value);
  checkFinite(op, name, x);
  return x;
}

/** `matrixArg` without the scan for NaN and ±Infinity (see the file comment). */
export function matrixShape(op: string, name: string, value: TensorLike): Tensor {
  const x = asTensor(value, op);
  if (x.ndim !== 2) {
    const hint =
      x.ndim === 1 ? `; for a single feature pass ${name}.reshape(-1, 1) (shape [m, 1])` : "";
    throw new ShapeError(
      op,
      [x.shape],
      `${name} must be a 2-D matrix [m, n] with one row per example, got ${x.ndim}-D${hint}`,
      { operand: 0 },
    );
  }
  if (x.shape[0] === 0) {
    throw new ShapeError(op, [x.shape], `${name} has no rows: need at least one example`, {
      operand: 0,
      axis: 0,
    });
  }
  return x;
}

/**
 * Regression targets: y of shape [m] (one output) or [m, k] (k outputs), with as many rows as
 * X and only finite values.
 */
export function targetsArg(op: string, name: string, value: TensorLike, x: Tensor): Tensor {
  const y = asTensor(value, op);
  if (y.ndim !== 1 && y.ndim !== 2) {
    throw new ShapeError(
      op,
      [x.shape, y.shape],
      `${name} must be [m] (one output) or [m, k] (k outputs), got ${y.ndim}-D`,
      { operand: 1 },
    );
  }
  checkSameRows(op, x.shape, name, y.shape);
  checkFinite(op, name, y);
  return y;
}

/** Throws a ShapeError unless X and the targets have the same number of rows (examples). */
function checkSameRows(
  op: string,
  xShape: readonly number[],
  name: string,
  shape: readonly number[],
): void {
  if (shape[0] === xShape[0]) return;
  throw new ShapeError(
    op,
    [xShape, shape],
    `X has ${xShape[0]} rows (examples) but ${name} has ${shape[0]}: they must match, one ${name} per row of X`,
    { operand: 1, axis: 0 },
  );
}

/**
 * Throws a RangeError at the first NaN or ±Infinity in `t`, naming its position, so a missing
 * value is found before it turns every weight into NaN.
 */
export function checkFinite(op: string, name: string, t: Tensor): void {
  const values = denseData(t);
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) continue;
    throw new RangeError(
      `${op}: ${name} has a non-finite value (${values[i]}) at ${name}${formatIndex(t.shape, i)}; ` +
        "remove or fill in missing values first",
    );
  }
}

/** The elements of `t` in C order: its own buffer (no copy) when contiguous, else a copy. */
export function denseData(t: Tensor): Float64Array {
  const contiguous = t.contiguous();
  return contiguous.data.subarray(contiguous.offset, contiguous.offset + contiguous.size);
}

/**
 * Class labels as an Int32Array: one non-negative integer per example. A Tensor may be [m] or
 * [m, 1]. `rows` (when given) is the number of examples they must match.
 */
export function labelsArg(op: string, name: string, value: Labels, rows?: number): Int32Array {
  const values = labelValues(op, name, value);
  if (rows !== undefined && values.length !== rows) {
    throw new ShapeError(
      op,
      [[rows], [values.length]],
      `X has ${rows} rows (examples) but ${name} has ${values.length} labels: they must match`,
      { operand: 1, axis: 0 },
    );
  }
  const labels = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const label = values[i];
    if (!Number.isInteger(label) || label < 0 || label > 2 ** 31 - 1) {
      throw new RangeError(
        `${op}: ${name}[${i}] = ${label} is not a class label (labels are integers 0, 1, 2, …)`,
      );
    }
    labels[i] = label;
  }
  return labels;
}

/** Throws unless every label is below `numClasses`. */
export function checkLabelRange(
  op: string,
  name: string,
  labels: Int32Array,
  numClasses: number,
): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < numClasses) continue;
    const allowed = numClasses === 2 ? "0 or 1" : `0 … ${numClasses - 1}`;
    throw new RangeError(
      `${op}: ${name}[${i}] = ${labels[i]} is out of range: with ${numClasses} classes the labels must be ${allowed}`,
    );
  }
}

/** The number of classes: `given`, or one more than the largest label. */
export function classCount(labels: Int32Array, given?: number): number {
  if (given !== undefined) return given;
  let largest = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > largest) largest = labels[i];
  return largest + 1;
}

function labelValues(op: string, name: string, value: Labels): ArrayLike<number> {
  if (value instanceof Int32Array) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== "number") {
        throw new TypeError(
          `${op}: ${name}[${i}] is ${describeValue(value[i])}, expected a number (a class label)`,
        );
      }
    }
    return value as readonly number[];
  }
  if (value instanceof Tensor) {
    const flat = value.ndim === 2 && value.shape[1] === 1;
    if (value.ndim !== 1 && !flat) {
      throw new ShapeError(
        op,
        [value.shape],
        `${name} must hold one class label per example, shape [m] (or [m, 1]), got ${value.ndim}-D`,
        { operand: 1 },
      );
    }
    return denseData(value);
  }
  throw new TypeError(
    `${op}: ${name} must be class labels (a Tensor, a number[] or an Int32Array), got ${describeValue(value)}`,
  );
}

function formatIndex(shape: readonly number[], flat: number): string {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return `[${index.join(", ")}]`;
}

/**
 * Class targets for softmax regression as dense rows [m·K] and the number of classes K: integer
 * labels [m] (a Tensor, number[] or Int32Array; [m, 1] too) become one-hot rows, and one-hot
 * rows [m, K] (or soft targets) are checked to lie in [0, 1] and sum to 1. K is `numClasses`,
 * or the labels' largest value + 1, or the number of columns.
 */
export function classTargets(
  op: string,
  Y: TensorLike,
  m: number,
  numClasses?: number,
): { rows: Float64Array; K: number } {
  const targets = Y instanceof Int32Array ? null : asTensor(Y, op);
  if (targets === null || targets.ndim === 1 || (targets.ndim === 2 && targets.shape[1] === 1)) {
    const labels = labelsArg(op, "Y", targets ?? (Y as Int32Array), m);
    const K = classCount(labels, numClasses);
    checkLabelRange(op, "Y", labels, K);
    const rows = new Float64Array(m * K);
    for (let i = 0; i < m; i++) rows[i * K + labels[i]] = 1;
    return { rows, K };
  }
  if (targets.ndim !== 2) {
    throw new ShapeError(
      op,
      [targets.shape],
      `Y must be one-hot rows [m, K] or labels [m], got ${targets.ndim}-D`,
      { operand: 1 },
    );
  }
  checkSameRows(op, [m], "Y", targets.shape);
  const K = targets.shape[1];
  if (numClasses !== undefined && numClasses !== K) {
    throw new RangeError(`${op}: numClasses is ${numClasses} but the one-hot Y has ${K} columns`);
  }
  checkFinite(op, "Y", targets);
  const rows = denseData(targets).slice();
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const value = rows[i * K + c];
      if (value < 0 || value > 1) {
        throw new RangeError(`${op}: Y[${i}, ${c}] = ${value}: one-hot entries must lie in [0, 1]`);
      }
      sum += value;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new RangeError(`${op}: row ${i} of Y sums to ${sum}; each one-hot row must sum to 1`);
    }
  }
  return { rows, K };
}
