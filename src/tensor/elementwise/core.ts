import { broadcastView, sameShape } from "../broadcast";
import { isContiguous, sizeOf, type Strided, uninitialized } from "../strided";
import { Tensor } from "../tensor";
import { Binary, Unary } from "./codes";
import { binaryLoop, binaryRun, unaryLoop, unaryRun, whereLoop } from "./loops";

/*
 * The elementwise core: one kernel per arity writes f(operands) into `out`, which has the result's
 * shape; the operands broadcast to it (numpy's rules, checked by the caller). Every elementwise
 * op is a thin wrapper around one of them: `add(a, b)` allocates `out` with the broadcast shape
 * (index.ts), `addInto(out, a, b)` and `addInPlace(t, b)` check and write a target the caller
 * owns (in-place.ts). Plain numbers arrive as 0-d operands (`operand` in create.ts).
 *
 * Fast path: when `out` is contiguous and each operand is either contiguous with out's shape or
 * 0-d (a scalar, read with stride 0), the whole op is a single run (loops.ts). Specialised
 * contiguous loops belong in those runs; everything else goes through the strided loop.
 */

/**
 * A new C-contiguous tensor of `shape` with unspecified contents (see `uninitialized`): the
 * `out` of an allocating op, which writes every element.
 */
export function allocate(shape: readonly number[]): Tensor {
  return new Tensor(uninitialized(sizeOf(shape)), shape);
}

/**
 * True when the op over `out` and these operands is one run (see above). Then no target check
 * can fail either: a contiguous `out` is writable and such operands broadcast to any shape.
 */
export function isOneRun(out: Strided, a: Strided, b?: Strided): boolean {
  return isContiguous(out) && runStride(a, out) >= 0 && (b === undefined || runStride(b, out) >= 0);
}

/** out ← f(a, b) elementwise, `alpha`/`beta` the op's parameters (see `Binary`). Returns out. */
export function binaryInto<T extends Strided>(
  code: Binary,
  out: T,
  a: Strided,
  b: Strided,
  alpha = 0,
  beta = 0,
): T {
  const as = runStride(a, out);
  const bs = runStride(b, out);
  if (as >= 0 && bs >= 0 && isContiguous(out)) {
    const size = sizeOf(out.shape);
    binaryRun(
      code,
      alpha,
      beta,
      size,
      out.data,
      out.offset,
      1,
      a.data,
      a.offset,
      as,
      b.data,
      b.offset,
      bs,
    );
  } else {
    binaryLoop(code, alpha, beta, out, broadcastView(a, out.shape), broadcastView(b, out.shape));
  }
  return out;
}

/**
 * out ← f(x) elementwise, `low`/`high` the op's parameters (see `Unary`). Returns out. A copy in
 * one run is a `set` (or a `fill` from a scalar): memcpy speed.
 */
export function unaryInto<T extends Strided>(
  code: Unary,
  out: T,
  x: Strided,
  low = 0,
  high = 0,
): T {
  const xs = runStride(x, out);
  if (xs < 0 || !isContiguous(out)) {
    unaryLoop(code, low, high, out, broadcastView(x, out.shape));
    return out;
  }
  const size = sizeOf(out.shape);
  if (code !== Unary.Copy)
    unaryRun(code, low, high, size, out.data, out.offset, 1, x.data, x.offset, xs);
  else if (xs === 1) out.data.set(x.data.subarray(x.offset, x.offset + size), out.offset);
  else out.data.fill(x.data[x.offset], out.offset, out.offset + size);
  return out;
}

/** out ← (cond ≠ 0 ? a : b) elementwise (numpy's `where`). Returns out. */
export function whereInto<T extends Strided>(out: T, cond: Strided, a: Strided, b: Strided): T {
  const shape = out.shape;
  whereLoop(out, broadcastView(cond, shape), broadcastView(a, shape), broadcastView(b, shape));
  return out;
}

/** x's stride in one run over contiguous `out`: 1 (same shape, contiguous), 0 (0-d), else −1. */
function runStride(x: Strided, out: Strided): number {
  if (x === out) return 1;
  if (x.shape.length === 0) return 0;
  return sameShape(x.shape, out.shape) && isContiguous(x) ? 1 : -1;
}
