/**
 * The tensor library: float64 N-d arrays with numpy's semantics. Importing this module also
 * attaches Tensor's arithmetic methods (methods.ts), so import Tensor from here rather than from
 * ./tensor when you call `x.add(...)`.
 */
import "./methods";

export { Tensor, type Nested, type NestedArray, type TensorLike } from "./tensor";
export { type SliceSpec } from "./view";
export {
  arange,
  asTensor,
  concat,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  type ShapeLike,
  stack,
  tensor,
  zeros,
  zerosLike,
} from "./create";
export { broadcastShapes } from "./broadcast";
export {
  abs,
  add,
  allclose,
  broadcastTo,
  clip,
  type CloseOptions,
  div,
  equal,
  exp,
  greater,
  greaterEqual,
  isclose,
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
  where,
} from "./elementwise";
export {
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
  variance as var,
} from "./reductions";
export { dot, matmul, matmulInto, outer } from "./matmul";
export { argsort } from "./argsort";
export { type Indices, type Mask, mask, take } from "./select";
export {
  addInPlace,
  addInto,
  axpyInPlace,
  copyInto,
  divInPlace,
  divInto,
  fillInPlace,
  mulInPlace,
  mulInto,
  scaleInPlace,
  subInPlace,
  subInto,
} from "./elementwise/in-place";
export { type ChoiceOptions, Random, random } from "./random";
export { type OpRecord, recordOp, setRecorder } from "./trace-hook";
export { ShapeError, LinAlgError } from "./errors";
export { type Dense, type Strided } from "./strided";

export { einsum, einsumInto } from "./einsum";

export * as linalg from "./linalg";
