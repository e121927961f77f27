import { ShapeError } from "../errors";
import { ELLIPSIS_LABEL, labelName, type Subscripts } from "./parse";

/**
 * The size of every label, indexed by label (unused entries are 0), with numpy's einsum rules:
 * a letter repeated within one operand (a diagonal) needs equal sizes on those axes; across
 * operands a size of 1 broadcasts against any size, as numpy does for letters and `...` alike;
 * any other disagreement is a ShapeError naming the label, both operands, their axes and sizes:
 *
 *   einsum 'ij,jk->ik': [2, 3], [4, 5]: index j is 3 in operand 0 (axis 1) but 4 in operand 1 (axis 0)
 */
export function labelSizes(
  spec: string,
  subscripts: Subscripts,
  shapes: readonly (readonly number[])[],
): number[] {
  const sizes = new Array<number>(ELLIPSIS_LABEL + subscripts.ellipsisDims).fill(-1);
  // Where each label's size (when above 1) was first seen, so a conflict can name both sides.
  const seenOperand = new Array<number>(sizes.length).fill(-1);
  const seenAxis = new Array<number>(sizes.length).fill(-1);
  subscripts.inputs.forEach((labels, operand) => {
    const shape = shapes[operand];
    labels.forEach((label, axis) => {
      const size = shape[axis];
      const first = labels.indexOf(label);
      if (first !== axis && shape[first] !== size) {
        throw new ShapeError(
          `einsum '${spec}'`,
          shapes,
          `${labelName(label)} repeats in operand ${operand} (a diagonal) but is ${shape[first]} on axis ${first} ` +
            `and ${size} on axis ${axis}`,
          { operand, axis },
        );
      }
      const known = sizes[label];
      if (known === -1 || (known === 1 && size !== 1)) {
        sizes[label] = size;
        seenOperand[label] = operand;
        seenAxis[label] = axis;
      } else if (size !== known && size !== 1) {
        throw new ShapeError(
          `einsum '${spec}'`,
          shapes,
          `${labelName(label)} is ${known} in operand ${seenOperand[label]} (axis ${seenAxis[label]}) ` +
            `but ${size} in operand ${operand} (axis ${axis})`,
          { operand, axis },
        );
      }
    });
  });
  return sizes.map((size) => Math.max(size, 0));
}

/** The letters' sizes as a plain record (`{ i: 100000, j: 3 }`), for results and shape traces. */
export function letterSizes(
  subscripts: Subscripts,
  sizes: readonly number[],
): Record<string, number> {
  const record: Record<string, number> = {};
  const letters = new Set<number>();
  for (const labels of subscripts.inputs)
    for (const label of labels) if (label < ELLIPSIS_LABEL) letters.add(label);
  for (const letter of [...letters].sort((x, y) => x - y))
    record[String.fromCharCode(letter)] = sizes[letter];
  return record;
}
