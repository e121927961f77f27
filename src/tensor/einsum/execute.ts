import { unaryInto } from "../elementwise/core";
import { Unary } from "../elementwise/codes";
import { ShapeError } from "../errors";
import { contiguousStrides, repeatedAxis, sizeOf, type Dense, type Strided } from "../strided";
import { formatShape } from "../../protocol";
import { contractPair } from "./contract";
import { parseSubscripts } from "./parse";
import { greedyPath } from "./plan";
import { sumInto } from "./single";
import { labelSizes, letterSizes } from "./sizes";
import { labelOperand, type LabelledView } from "./view";

/** A 0-d zero, copied over `out` before an einsum adds into it. */
const ZERO: Strided = { data: new Float64Array(1), shape: [], strides: [], offset: 0 };

/** What an einsum learned on the way, for shape traces and lessons. */
export interface EinsumInfo {
  /** Each letter's size, e.g. `{ i: 100000, j: 3, k: 1, p: 2 }`. */
  readonly sizes: Record<string, number>;
  /**
   * The contraction order in numpy's path format: [[0]] for one operand, otherwise one pair
   * [i, j] per step indexing the pending operands (both removed, their result appended).
   */
  readonly path: readonly (readonly number[])[];
}

/** An einsum's result and what it learned on the way. */
export interface EinsumResult extends EinsumInfo {
  /** The result, freshly allocated and C-contiguous. */
  readonly result: Dense;
}

/**
 * Einstein summation on strided storage, with numpy's semantics: the result is the sum, over
 * every label not in the output, of the product of the operands' elements
 *
 *   'ij,jk->ik':  out[i, k] = Σⱼ A[i, j] · B[j, k]
 *
 * Explicit ('ij,jk->ik') and implicit ('ij,jk': the letters used once, in code-point order,
 * after `...`) outputs, repeated letters within an operand (diagonals: 'ii->i', traces: 'ii'),
 * `...` broadcasting and any number of operands. One operand is a single strided pass; two
 * are one (batched) GEMM on views or one direct loop when too thin for a GEMM (contract.ts);
 * more are contracted pairwise in the greedy order of plan.ts. Shapes and the spec are checked
 * first, with ShapeErrors that name the letter, the operands, their axes and sizes.
 */
export function einsumDense(spec: string, operands: readonly Strided[]): EinsumResult {
  const plan = planEinsum(spec, operands);
  const data = new Float64Array(sizeOf(plan.shape));
  run(plan, outputView(data, 0, plan.output, plan.shape, contiguousStrides(plan.shape)));
  return { result: { data, shape: plan.shape }, sizes: plan.sizes, path: plan.path };
}

/**
 * `einsumDense` writing into `out` instead of a new array, for training loops: `out` must have
 * the output's shape, may be any view that does not repeat elements (no stride-0 axes), and
 * must not share its buffer with an operand (the sums would read what they overwrite).
 */
export function einsumDenseInto(
  spec: string,
  operands: readonly Strided[],
  out: Strided,
): EinsumInfo {
  const plan = planEinsum(spec, operands);
  const op = `einsum '${spec}'`;
  const shapes = operands.map((operand) => operand.shape);
  if (
    out.shape.length !== plan.shape.length ||
    out.shape.some((dim, axis) => dim !== plan.shape[axis])
  ) {
    throw new ShapeError(
      op,
      shapes,
      `out has shape ${formatShape(out.shape)} but the result has shape ${formatShape(plan.shape)}`,
    );
  }
  if (repeatedAxis(out) >= 0) {
    throw new Error(
      `${op}: out is a broadcast view (a stride-0 axis), so its elements share memory`,
    );
  }
  if (operands.some((operand) => operand.data === out.data)) {
    throw new Error(
      `${op}: out shares its buffer with an operand; the sums would overwrite their own inputs`,
    );
  }
  if (sizeOf(out.shape) > 0) {
    unaryInto(Unary.Copy, out, ZERO);
    run(plan, outputView(out.data, out.offset, plan.output, out.shape, out.strides));
  }
  return { sizes: plan.sizes, path: plan.path };
}

/** Everything an einsum needs before it touches a number: checked spec, sizes, views, path. */
interface Plan extends EinsumInfo {
  readonly shape: number[];
  readonly output: readonly number[];
  readonly views: LabelledView[];
  /** True when some label has size 0: the result is all zeros (or empty). */
  readonly empty: boolean;
}

function planEinsum(spec: string, operands: readonly Strided[]): Plan {
  const shapes = operands.map((operand) => operand.shape);
  const subscripts = parseSubscripts(spec, shapes);
  const sizes = labelSizes(spec, subscripts, shapes);
  const views = operands.map((operand, index) => labelOperand(operand, subscripts.inputs[index]));
  const path: (readonly number[])[] =
    views.length === 1
      ? [[0]]
      : greedyPath(
          views.map((view) => view.labels),
          subscripts.output,
          sizes,
        );
  return {
    shape: subscripts.output.map((label) => sizes[label]),
    output: subscripts.output,
    views,
    path,
    sizes: letterSizes(subscripts, sizes),
    empty: subscripts.inputs.some((labels) => labels.some((label) => sizes[label] === 0)),
  };
}

/** Adds the einsum into the zeroed `out`, one operand by a strided sum, more pairwise. */
function run(plan: Plan, out: LabelledView): void {
  if (plan.empty) return;
  if (plan.views.length === 1) {
    sumInto(plan.views[0], out);
    return;
  }
  const pending = [...plan.views];
  const output = new Set(plan.output);
  for (const [left, right] of plan.path) {
    const a = pending[left];
    const b = pending[right];
    pending.splice(right, 1);
    pending.splice(left, 1);
    const keep = (label: number) =>
      output.has(label) || pending.some((view) => view.labels.includes(label));
    pending.push(contractPair(a, b, keep, pending.length === 0 ? out : null));
  }
}

/** The output storage as a LabelledView over the output labels, size-1 axes left out. */
function outputView(
  data: Float64Array,
  offset: number,
  labels: readonly number[],
  shape: readonly number[],
  strides: readonly number[],
): LabelledView {
  const axes = shape.map((_, axis) => axis).filter((axis) => shape[axis] > 1);
  return {
    data,
    shape: axes.map((axis) => shape[axis]),
    strides: axes.map((axis) => strides[axis]),
    offset,
    labels: axes.map((axis) => labels[axis]),
  };
}
