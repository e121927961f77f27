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
import { argsort } from "./argsort";
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
import { type Indices, type Mask, mask, take } from "./select";
import { Tensor } from "./tensor";

/*
 * Tensor's arithmetic methods, attached to the class in this one place (d2l's `add_to_class`):
 * tensor.ts defines storage and views, the ops live in their own files and import Tensor, and
 * this file joins the two, so there is no import cycle. Each method is the free function of the
 * same name with `this` as the first operand, installed from the table below; the free
 * function's doc comment is the one description of what it does. Importing src/tensor
 * (index.ts) installs them.
 */
declare module "./tensor" {
  interface Tensor {
    /** `add(this, other)`: see {@link add}. */
    add(other: TensorLike): Tensor;
    /** `sub(this, other)`: see {@link sub}. */
    sub(other: TensorLike): Tensor;
    /** `mul(this, other)`: see {@link mul}. */
    mul(other: TensorLike): Tensor;
    /** `div(this, other)`: see {@link div}. */
    div(other: TensorLike): Tensor;
    /** `pow(this, exponent)`: see {@link pow}. */
    pow(exponent: TensorLike): Tensor;
    /** `maximum(this, other)`: see {@link maximum}. */
    maximum(other: TensorLike): Tensor;
    /** `minimum(this, other)`: see {@link minimum}. */
    minimum(other: TensorLike): Tensor;
    /** `equal(this, other)`: see {@link equal}. */
    equal(other: TensorLike): Tensor;
    /** `notEqual(this, other)`: see {@link notEqual}. */
    notEqual(other: TensorLike): Tensor;
    /** `less(this, other)`: see {@link less}. */
    less(other: TensorLike): Tensor;
    /** `lessEqual(this, other)`: see {@link lessEqual}. */
    lessEqual(other: TensorLike): Tensor;
    /** `greater(this, other)`: see {@link greater}. */
    greater(other: TensorLike): Tensor;
    /** `greaterEqual(this, other)`: see {@link greaterEqual}. */
    greaterEqual(other: TensorLike): Tensor;
    /** `neg(this)`: see {@link neg}. */
    neg(): Tensor;
    /** `exp(this)`: see {@link exp}. */
    exp(): Tensor;
    /** `log(this)`: see {@link log}. */
    log(): Tensor;
    /** `sqrt(this)`: see {@link sqrt}. */
    sqrt(): Tensor;
    /** `abs(this)`: see {@link abs}. */
    abs(): Tensor;
    /** `tanh(this)`: see {@link tanh}. */
    tanh(): Tensor;
    /** `sign(this)`: see {@link sign}. */
    sign(): Tensor;
    /** `clip(this, low, high)`: see {@link clip}. */
    clip(low?: number | null, high?: number | null): Tensor;
    /** `map(this, fn)`: see {@link map}. */
    map(fn: (value: number, index: number) => number): Tensor;
    /** `matmul(this, other)`: see {@link matmul}. */
    matmul(other: TensorLike): Tensor;
    /** `dot(this, other)`: see {@link dot}. */
    dot(other: TensorLike): Tensor;
    /** `sum(this, axis, keepdims)`: see {@link sum}. */
    sum(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** `mean(this, axis, keepdims)`: see {@link mean}. */
    mean(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** `max(this, axis, keepdims)`: see {@link max}. */
    max(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** `min(this, axis, keepdims)`: see {@link min}. */
    min(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** `prod(this, axis, keepdims)`: see {@link prod}. */
    prod(axis?: Axis, keepdims?: boolean | ReduceOptions): Tensor;
    /** `variance(this, axis, options)`: see {@link variance}. */
    var(axis?: Axis, options?: boolean | ReduceOptions): Tensor;
    /** `std(this, axis, options)`: see {@link std}. */
    std(axis?: Axis, options?: boolean | ReduceOptions): Tensor;
    /** `argmax(this, axis, keepdims)`: see {@link argmax}. */
    argmax(axis?: number | null, keepdims?: boolean): Tensor;
    /** `argmin(this, axis, keepdims)`: see {@link argmin}. */
    argmin(axis?: number | null, keepdims?: boolean): Tensor;
    /** `argsort(this, axis)`: see {@link argsort}. */
    argsort(axis?: number | null): Tensor;
    /** `take(this, indices, axis)`: see {@link take}; `X.take(idx, 0)` is numpy's `X[idx]`. */
    take(indices: Indices, axis?: number | null): Tensor;
    /** `mask(this, keep)`: see {@link mask}; numpy's `x[keep]`. */
    mask(keep: Mask): Tensor;
  }
}

/** Method name → the free function it calls with `this` first (`var` is `variance`). */
const methods = {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  equal,
  notEqual,
  less,
  lessEqual,
  greater,
  greaterEqual,
  neg,
  exp,
  log,
  sqrt,
  abs,
  tanh,
  sign,
  clip,
  map,
  matmul,
  dot,
  sum,
  mean,
  max,
  min,
  prod,
  var: variance,
  std,
  argmax,
  argmin,
  argsort,
  take,
  mask,
};

/**
 * What the table must hold for each declared method: a function taking `this` and then the
 * method's arguments, at most two of them (the installed method passes exactly two on).
 */
type Free<K> = K extends keyof Tensor
  ? Tensor[K] extends (...args: infer A) => infer R
    ? A extends [unknown?, unknown?]
      ? (self: Tensor, ...args: A) => R
      : never
    : never
  : never;
const checked: { [K in keyof typeof methods]: Free<K> } = methods;

const proto = Tensor.prototype as unknown as Record<string, unknown>;
for (const [name, free] of Object.entries(checked)) {
  const call = free as (self: Tensor, first?: unknown, second?: unknown) => Tensor;
  // Two fixed parameters rather than rest arguments: an optional one left out arrives as
  // undefined, which every free function treats as omitted.
  proto[name] = function (this: Tensor, first?: unknown, second?: unknown): Tensor {
    return call(this, first, second);
  };
}
