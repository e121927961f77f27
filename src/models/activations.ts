/*
 * Output functions of the course's models (seed 004): the sigmoid of logistic regression and
 * the softmax of softmax regression, written so that no input overflows. The textbook forms
 * 1/(1 + e^(−z)) and e^z / Σ e^z compute e^1000 = Infinity on the way; these never exponentiate
 * a positive number.
 */
import { asTensor, Tensor, type TensorLike } from "../tensor";
import { recorded } from "../tensor/trace-hook";

/** σ(z) for one number, stable for any z (see `sigmoid`). */
function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
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
  const out = new Float64Array(x.size);
  for (let i = 0; i < out.length; i++) out[i] = sigmoidOf(x.data[x.offset + i]);
  return recorded("sigmoid", [x], new Tensor(out, x.shape));
}

/**
 * Softmax along `axis` (the last by default): ŷ_c = e^(z_c) / Σⱼ e^(z_j) (seed 004, softmax
 * regression). For logits Z [m, K] each row becomes a probability distribution over the K
 * classes. Stable: the row maximum is subtracted first (the result is unchanged, since it
 * cancels between numerator and denominator), so softmax([1000, 1001]) is [0.269, 0.731].
 */
export function softmax(z: TensorLike, axis = -1): Tensor {
  return alongAxis("softmax", z, axis, softmaxRow);
}

/**
 * log softmax along `axis`: log ŷ_c = z_c − log Σⱼ e^(z_j), via log-sum-exp with the maximum
 * subtracted. Finite where log(softmax(z)) would be log(0) = −Infinity; the cross-entropy of
 * logits is −Σ_c y_c·logSoftmax(z)_c.
 */
export function logSoftmax(z: TensorLike, axis = -1): Tensor {
  return alongAxis("logSoftmax", z, axis, logSoftmaxRow);
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

/** Softmax of one row in place: values[start .. start + length). */
function softmaxRow(values: Float64Array, start: number, length: number): void {
  const lse = logSumExp(values, start, length);
  for (let j = start; j < start + length; j++) values[j] = Math.exp(values[j] - lse);
}

function logSoftmaxRow(values: Float64Array, start: number, length: number): void {
  const lse = logSumExp(values, start, length);
  for (let j = start; j < start + length; j++) values[j] -= lse;
}

/** Applies `row` to every 1-D lane of z along `axis`, on a copy moved so the lane is contiguous. */
function alongAxis(
  op: string,
  z: TensorLike,
  axis: number,
  row: (values: Float64Array, start: number, length: number) => void,
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
  const length = x.shape[along];
  for (let start = 0; start < moved.size; start += length) row(moved.data, start, length);
  const back = new Array<number>(x.ndim);
  order.forEach((source, position) => (back[source] = position));
  const result = along === x.ndim - 1 ? moved : moved.transpose(back).clone();
  return recorded(op, [x], result, () => ({ detail: { axis: along } }));
}
