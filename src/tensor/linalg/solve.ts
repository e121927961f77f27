import { LinAlgError, ShapeError } from "../errors";
import { type Dense, type Strided, sizeOf } from "../strided";
import { formatShape } from "../../protocol";
import { type LUFactors, luFactor, luSolveInPlace } from "./lu";
import {
  type MatrixStack,
  broadcastBatch,
  matrixStack,
  readMatrixAt,
  squareStack,
  unravel,
} from "./matrix";

/**
 * x = A⁻¹b, the solution of A·x = b, by LU with partial pivoting (numpy.linalg.solve).
 *
 * Shapes (numpy 2 semantics): A is [n, n] or a stack [..., n, n]; b is a vector [n] (solved
 * against every matrix of the stack, x: [..., n]) or a matrix [n, k] / stack [..., n, k] whose
 * batch axes broadcast against A's (x: [..., n, k]). Used by the normal-equation lessons,
 * where A = XᵀX. Throws LinAlgError("Singular matrix") when a pivot is exactly 0.
 */
export function solve(a: Strided, b: Strided): Dense {
  const shapes = [a.shape, b.shape];
  const stack = squareStack("linalg.solve", a);
  const n = stack.rows;
  if (b.shape.length === 1) {
    if (b.shape[0] !== n) {
      throw new ShapeError(
        "linalg.solve",
        shapes,
        `b has ${b.shape[0]} entries but A is ${n}×${n}: b's length must equal A's rows`,
        { operand: 1, axis: 0 },
      );
    }
    const vector = new Float64Array(n);
    for (let i = 0; i < n; i++) vector[i] = b.data[b.offset + i * b.strides[0]];
    const out = new Float64Array(stack.count * n);
    for (let index = 0; index < stack.count; index++) {
      const x = vector.slice();
      luSolveInPlace(factorOrThrow("linalg.solve", stack, index), x, 1);
      out.set(x, index * n);
    }
    return { data: out, shape: [...stack.batchShape, n] };
  }
  if (b.shape.length === 0) {
    throw new ShapeError(
      "linalg.solve",
      shapes,
      "b must be a vector [n] or a matrix [n, k] (or a stack of them), not a 0-d scalar",
      { operand: 1 },
    );
  }
  const rhs = matrixStack("linalg.solve", b, "b");
  if (rhs.rows !== n) {
    throw new ShapeError(
      "linalg.solve",
      shapes,
      `b has ${rhs.rows} rows but A is ${n}×${n}: axis ${b.shape.length - 2} of b must equal ${n}`,
      { operand: 1, axis: b.shape.length - 2 },
    );
  }
  const k = rhs.cols;
  const batchShape = broadcastBatch("linalg.solve", shapes, stack.batchShape, rhs.batchShape);
  const count = sizeOf(batchShape);
  const out = new Float64Array(count * n * k);
  // One matrix shared by a stack of right-hand sides is factored once.
  const shared = stack.count === 1 ? factorOrThrow("linalg.solve", stack, 0) : undefined;
  for (let index = 0; index < count; index++) {
    const batchIndex = unravel(index, batchShape);
    const factors = shared ?? factorAt("linalg.solve", stack, batchIndex);
    const x = readMatrixAt(rhs, batchIndex);
    luSolveInPlace(factors, x, k);
    out.set(x, index * n * k);
  }
  return { data: out, shape: [...batchShape, n, k] };
}

/**
 * A⁻¹ for a square matrix or each matrix of a stack [..., n, n] (numpy.linalg.inv), by LU
 * with partial pivoting and a blocked solve against the identity. Prefer `solve` when the
 * inverse only multiplies a vector. Throws LinAlgError("Singular matrix") on a zero pivot.
 */
export function inv(a: Strided): Dense {
  const stack = squareStack("linalg.inv", a);
  const n = stack.rows;
  const out = new Float64Array(stack.count * n * n);
  for (let index = 0; index < stack.count; index++) {
    const factors = factorOrThrow("linalg.inv", stack, index);
    const identity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) identity[i * n + i] = 1;
    luSolveInPlace(factors, identity, n);
    out.set(identity, index * n * n);
  }
  return { data: out, shape: [...stack.batchShape, n, n] };
}

function factorOrThrow(op: string, stack: MatrixStack, index: number): LUFactors {
  return factorAt(op, stack, unravel(index, stack.batchShape));
}

function factorAt(op: string, stack: MatrixStack, batchIndex: readonly number[]): LUFactors {
  const n = stack.rows;
  const factors = luFactor(readMatrixAt(stack, batchIndex), n);
  if (factors.zeroPivot >= 0) {
    const k = factors.zeroPivot;
    const which =
      stack.batchShape.length > 0
        ? `matrix ${formatShape(batchIndex.slice(-stack.batchShape.length))} of A ` +
          `${formatShape(stack.source.shape)}`
        : `A ${formatShape(stack.source.shape)}`;
    throw new LinAlgError(
      `${op}: Singular matrix: ${which} has no pivot in column ${k} ` +
        `(U[${k}, ${k}] is exactly 0 after partial pivoting, pivot ${k + 1} of ${n}), ` +
        `so it has no inverse; lstsq or pinv give the least-squares, minimum-norm answer`,
    );
  }
  return factors;
}
