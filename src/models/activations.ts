/*
 * Output functions of the course's models (seed 004): the sigmoid of logistic regression and
 * the softmax of softmax regression, written so that no input overflows. The textbook forms
 * 1/(1 + e^(−z)) and e^z / Σ e^z compute e^1000 = Infinity on the way; these never exponentiate
 * a positive number.
 */
import { asTensor, Tensor, type TensorLike } from "../tensor";
import { Unary } from "../tensor/elementwise/codes";
import { unaryRun } from "../tensor/elementwise/loops";
import { uninitialized } from "../tensor/strided";
import { recorded } from "../tensor/trace-hook";

/** values[0:n] = e^values[0:n] in place, a whole buffer at once (WebAssembly for long runs). */
function expInPlace(values: Float64Array, n = values.length): void {
  unaryRun(Unary.Exp, 0, 0, n, values, 0, 1, values, 0, 1);
}

/**
 * log(1 + eᶻ) for one number without overflow: max(z, 0) + log1p(e^(−|z|)). The binary
 * cross-entropy of a logit z is softplus(z) − y·z.
 */
export function softplusOf(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) elementwise (seed 004, logistic regression):
 * squashes a logit z = x·w + b into a probability ŷ ∈ [0, 1]. Any shape in, the same shape out.
 * Stable at the extremes: for z < 0 it evaluates eᶻ / (1 + eᶻ), so sigmoid(−1000) is 0 and
 * sigmoid(1000) is 1, never NaN.
 */
export function sigmoid(z: TensorLike): Tensor {
  const x = asTensor(z, "sigmoid").contiguous();
  const out = uninitialized(x.size);
  unaryRun(Unary.Sigmoid, 0, 0, x.size, out, 0, 1, x.data, x.offset, 1);
  return recorded("sigmoid", [x], new Tensor(out, x.shape));
}

/**
 * Softmax along `axis` (the last by default): ŷ_c = e^(z_c) / Σⱼ e^(z_j) (seed 004, softmax
 * regression). For logits Z [m, K] each row becomes a probability distribution over the K
 * classes. Stable: the row maximum is subtracted first (the result is unchanged, since it
 * cancels between numerator and denominator), so softmax([1000, 1001]) is [0.269, 0.731].
 */
export function softmax(z: TensorLike, axis = -1): Tensor {
  return alongAxis("softmax", z, axis, softmaxRows);
}

/**
 * log softmax along `axis`: log ŷ_c = z_c − log Σⱼ e^(z_j), via log-sum-exp with the maximum
 * subtracted. Finite where log(softmax(z)) would be log(0) = −Infinity; the cross-entropy of
 * logits is −Σ_c y_c·logSoftmax(z)_c.
 */
export function logSoftmax(z: TensorLike, axis = -1): Tensor {
  return alongAxis("logSoftmax", z, axis, (values, length) => {
    for (let start = 0; start < values.length; start += length) {
      const lse = logSumExp(values, start, length);
      for (let j = start; j < start + length; j++) values[j] -= lse;
    }
  });
}

/**
 * log Σⱼ e^(values[start + j]) for j < length, with the maximum subtracted so that no term
 * overflows. −Infinity for an all −Infinity row (no mass), NaN if the row has a NaN.
 */
export function logSumExp(values: Float64Array, start: number, length: number): number {
  let largest = -Infinity;
  for (let j = start; j < start + length; j++) {
    const v = values[j];
    if (v > largest || Number.isNaN(v)) largest = v;
  }
  if (largest === -Infinity || !Number.isFinite(largest)) return largest;
  let total = 0;
  for (let j = start; j < start + length; j++) total += Math.exp(values[j] - largest);
  return largest + Math.log(total);
}

/**
 * Softmax of every row of `values` (rows of `length`) in place: row by row this is
 * values[j] = e^(values[j] − lse) with lse = logSumExp of the row, but each of the two
 * exponentials is taken over the whole buffer at once, with the same operations in the same
 * order, so the result has the same bits.
 */
function softmaxRows(values: Float64Array, length: number): void {
  const rows = length === 0 ? 0 : values.length / length;
  const largest = new Float64Array(rows);
  const shifted = uninitialized(values.length);
  for (let r = 0, start = 0; r < rows; r++, start += length) {
    let top = -Infinity;
    for (let j = start; j < start + length; j++) {
      const v = values[j];
      if (v > top || Number.isNaN(v)) top = v;
    }
    largest[r] = top;
    for (let j = start; j < start + length; j++) shifted[j] = values[j] - top;
  }
  expInPlace(shifted);
  for (let r = 0, start = 0; r < rows; r++, start += length) {
    const top = largest[r];
    let lse = top;
    if (top !== -Infinity && Number.isFinite(top)) {
      let total = 0;
      for (let j = start; j < start + length; j++) total += shifted[j];
      lse = top + Math.log(total);
    }
    for (let j = start; j < start + length; j++) values[j] -= lse;
  }
  expInPlace(values);
}

/**
 * Applies `rows` to the 1-D lanes of z along `axis`, on a copy moved so that the lanes are its
 * contiguous rows of `length`.
 */
function alongAxis(
  op: string,
  z: TensorLike,
  axis: number,
  rows: (values: Float64Array, length: number) => void,
): Tensor {
  const x = asTensor(z, op);
  if (x.ndim === 0) throw new RangeError(`${op}: needs at least one axis, got a 0-d tensor`);
  const along = axis < 0 ? axis + x.ndim : axis;
  if (!Number.isInteger(along) || along < 0 || along >= x.ndim) {
    throw new RangeError(`${op}: axis ${axis} is out of range for a ${x.ndim}-D tensor`);
  }
  const order = x.shape.map((_, a) => a).filter((a) => a !== along);
  order.push(along);
  const moved = x.transpose(order).clone();
  rows(moved.data, x.shape[along]);
  const back = new Array<number>(x.ndim);
  order.forEach((source, position) => (back[source] = position));
  const result = along === x.ndim - 1 ? moved : moved.transpose(back).clone();
  return recorded(op, [x], result, () => ({ detail: { axis: along } }));
}
