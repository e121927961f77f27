import { asTensor, fromDense } from "../create";
import type { Strided } from "../strided";
import { type Tensor, type TensorLike } from "../tensor";
import { recorded } from "../trace-hook";
import { einsumDense, einsumDenseInto } from "./execute";

export { einsumDense, einsumDenseInto, type EinsumInfo, type EinsumResult } from "./execute";

/**
 * Einstein summation, numpy's `einsum`: multiply the operands' elements whose letters agree
 * and sum over every letter the output does not keep.
 *
 *   einsum('ij,jk->ik', A, B)        matrix product, out[i, k] = Σⱼ A[i, j] B[j, k]
 *   einsum('ni,nk->ik', X, G)        XᵀG, the batch gradient of softmax regression
 *   einsum('ijk,pjk->ipk', X, W)     seed 000's 3-in/2-out map: X [m, 3, 1], W [2, 3, 1] → [m, 2, 1]
 *   einsum('ii', A) / ('ii->i', A)   trace / diagonal
 *   einsum('...ij,...jk', A, B)      batched matmul, `...` broadcasting as numpy does
 *
 * Without `->` the output is `...` then the letters used exactly once, in code-point order
 * (upper case first). Operands may be Tensors, numbers or nested arrays and are never written;
 * the result is a new tensor. Shapes that do not fit throw a ShapeError naming the letter, the
 * two operands, their axes and sizes. Three or more operands are contracted pairwise in numpy's
 * greedy order; two-operand contractions run as (batched) GEMM on views.
 */
export function einsum(spec: string, ...operands: TensorLike[]): Tensor {
  checkSpec("einsum", spec);
  const tensors = operands.map((operand) => asTensor(operand, "einsum"));
  const { result, sizes } = einsumDense(spec, tensors);
  return recorded("einsum", tensors, fromDense(result), () => ({ detail: { spec, ...sizes } }));
}

/**
 * out ← einsum(spec, ...operands), written into an existing tensor instead of a new one, for
 * training loops (seed 000 runs 'ijk,pjk->ipk' 5000 times: allocating a fresh result each time
 * costs more than the sums). `out` must have the result's shape and must not share its buffer
 * with an operand; it is overwritten and returned.
 */
export function einsumInto<T extends Strided>(out: T, spec: string, ...operands: TensorLike[]): T {
  checkSpec("einsumInto", spec);
  const tensors = operands.map((operand) => asTensor(operand, "einsumInto"));
  const { sizes } = einsumDenseInto(spec, tensors, out);
  return recorded("einsumInto", tensors, out, () => ({ detail: { spec, ...sizes } }));
}

/** Untyped notebook code may pass a tensor first; say what the call should look like. */
function checkSpec(op: string, spec: unknown): void {
  if (typeof spec !== "string") {
    const example =
      op === "einsum" ? "einsum('ij,jk->ik', A, B)" : "einsumInto(out, 'ij,jk->ik', A, B)";
    throw new TypeError(
      `${op}: the spec string must come ${op === "einsum" ? "first" : "after out"}, e.g. ${example}`,
    );
  }
}
