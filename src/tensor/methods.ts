import {
  abs,
  add,
  clip,
  div,
  equal,
  exp,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  map,
  maximum,
  minimum,
  mul,
  neg,
  notEqual,
  pow,
  sign,
  sqrt,
  sub,
  tanh,
} from "./elementwise";
import { dot, matmul } from "./matmul";
import {
  argmax,
  argmin,
  type Axis,
  max,
  mean,
  min,
  prod,
  type ReduceOptions,
  std,
  sum,
  variance,
} from "./reductions";
import { Tensor, type TensorLike } from "./tensor";

/*
 * Tensor's arithmetic methods, attached to the class in this one place (d2l's `add_to_class`):
 * tensor.ts defines storage and views, the ops live in their own files and import Tensor, and
 * this file joins the two, so there is no import cycle. Each method is the free function of the
 * same name with `this` as the first operand. Importing src/tensor (index.ts) installs them.
 */
declare module "./tensor" {
  interface Tensor {
    /** this + other, with broadcasting (see `add`). */
    add(other: TensorLike): Tensor;
    /** this − other, with broadcasting. */
    sub(other: TensorLike): Tensor;
    /** this · other elementwise, with broadcasting (`matmul` is the matrix product). */
    mul(other: TensorLike): Tensor;
    /** this / other, with broadcasting. */
    div(other: TensorLike): Tensor;
    /** thisᵉˣᵖᵒⁿᵉⁿᵗ elementwise, with broadcasting. */
    pow(exponent: TensorLike): Tensor;
    /** Elementwise larger of this and other. */
    maximum(other: TensorLike): Tensor;
    /** Elementwise smaller of this and other. */
    minimum(other: TensorLike): Tensor;
    /** 1 where this = other, else 0. */
    equal(other: TensorLike): Tensor;
    /** 1 where this ≠ other, else 0. */
    notEqual(other: TensorLike): Tensor;
    /** 1 where this < other, else 0. */
    less(other: TensorLike): Tensor;
    /** 1 where this ≤ other, else 0. */
    lessEqual(other: TensorLike): Tensor;
    /** 1 where this > other, else 0. */
    greater(other: TensorLike): Tensor;
    /** 1 where this ≥ other, else 0. */
    greaterEqual(other: TensorLike): Tensor;
    /** −this */
    neg(): Tensor;
    /** eˣ elementwise. */
    exp(): Tensor;
    /** Natural logarithm elementwise. */
    log(): Tensor;
    /** √x elementwise. */
    sqrt(): Tensor;
    /** |x| elementwise. */
    abs(): Tensor;
    /** tanh x elementwise. */
    tanh(): Tensor;
    /** −1, 0 or 1 by sign, elementwise. */
    sign(): Tensor;
    /** Values limited to [low, high]; null leaves a side open. */
    clip(low?: number | null, high?: number | null): Tensor;
    /** fn applied to every element (index in C order). */
    map(fn: (value: number, index: number) => number): Tensor;
    /** Matrix product this @ other (numpy's matmul). */
    matmul(other: TensorLike): Tensor;
    /** numpy's dot with this on the left. */
    dot(other: TensorLike): Tensor;
    /** Σ over `axis` (all by default). */
    sum(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** Mean over `axis`. */
    mean(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** Largest element over `axis`. */
    max(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** Smallest element over `axis`. */
    min(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** Π over `axis`. */
    prod(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** Variance over `axis`; `{ ddof: 1 }` for the sample variance. */
    var(axis?: Axis, options?: boolean | ReduceOptions): Tensor;
    /** Standard deviation over `axis`; `{ ddof: 1 }` for the sample one. */
    std(axis?: Axis, options?: boolean | ReduceOptions): Tensor;
    /** Index of the largest element along `axis` (flat C-order index without one). */
    argmax(axis?: number | null, keepdims?: boolean): Tensor;
    /** Index of the smallest element along `axis`. */
    argmin(axis?: number | null, keepdims?: boolean): Tensor;
  }
}

const proto = Tensor.prototype;
proto.add = function (this: Tensor, other: TensorLike) {
  return add(this, other);
};
proto.sub = function (this: Tensor, other: TensorLike) {
  return sub(this, other);
};
proto.mul = function (this: Tensor, other: TensorLike) {
  return mul(this, other);
};
proto.div = function (this: Tensor, other: TensorLike) {
  return div(this, other);
};
proto.pow = function (this: Tensor, exponent: TensorLike) {
  return pow(this, exponent);
};
proto.maximum = function (this: Tensor, other: TensorLike) {
  return maximum(this, other);
};
proto.minimum = function (this: Tensor, other: TensorLike) {
  return minimum(this, other);
};
proto.equal = function (this: Tensor, other: TensorLike) {
  return equal(this, other);
};
proto.notEqual = function (this: Tensor, other: TensorLike) {
  return notEqual(this, other);
};
proto.less = function (this: Tensor, other: TensorLike) {
  return less(this, other);
};
proto.lessEqual = function (this: Tensor, other: TensorLike) {
  return lessEqual(this, other);
};
proto.greater = function (this: Tensor, other: TensorLike) {
  return greater(this, other);
};
proto.greaterEqual = function (this: Tensor, other: TensorLike) {
  return greaterEqual(this, other);
};
proto.neg = function (this: Tensor) {
  return neg(this);
};
proto.exp = function (this: Tensor) {
  return exp(this);
};
proto.log = function (this: Tensor) {
  return log(this);
};
proto.sqrt = function (this: Tensor) {
  return sqrt(this);
};
proto.abs = function (this: Tensor) {
  return abs(this);
};
proto.tanh = function (this: Tensor) {
  return tanh(this);
};
proto.sign = function (this: Tensor) {
  return sign(this);
};
proto.clip = function (this: Tensor, low?: number | null, high?: number | null) {
  return clip(this, low, high);
};
proto.map = function (this: Tensor, fn: (value: number, index: number) => number) {
  return map(this, fn);
};
proto.matmul = function (this: Tensor, other: TensorLike) {
  return matmul(this, other);
};
proto.dot = function (this: Tensor, other: TensorLike) {
  return dot(this, other);
};
proto.sum = function (this: Tensor, axis?: Axis, keepdims?: boolean | ReduceOptions) {
  return sum(this, axis, keepdims);
};
proto.mean = function (this: Tensor, axis?: Axis, keepdims?: boolean | ReduceOptions) {
  return mean(this, axis, keepdims);
};
proto.max = function (this: Tensor, axis?: Axis, keepdims?: boolean | ReduceOptions) {
  return max(this, axis, keepdims);
};
proto.min = function (this: Tensor, axis?: Axis, keepdims?: boolean | ReduceOptions) {
  return min(this, axis, keepdims);
};
proto.prod = function (this: Tensor, axis?: Axis, keepdims?: boolean | ReduceOptions) {
  return prod(this, axis, keepdims);
};
proto.var = function (this: Tensor, axis?: Axis, options?: boolean | ReduceOptions) {
  return variance(this, axis, options);
};
proto.std = function (this: Tensor, axis?: Axis, options?: boolean | ReduceOptions) {
  return std(this, axis, options);
};
proto.argmax = function (this: Tensor, axis?: number | null, keepdims?: boolean) {
  return argmax(this, axis, keepdims);
};
proto.argmin = function (this: Tensor, axis?: number | null, keepdims?: boolean) {
  return argmin(this, axis, keepdims);
};
