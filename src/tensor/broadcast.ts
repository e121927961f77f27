import { ShapeError } from "./errors";
import type { Strided } from "./strided";

/**
 * numpy broadcasting of shapes: align them on the right; on each axis every size must equal the
 * largest or be 1 (missing leading axes count as 1). Returns the broadcast shape; when all
 * shapes are already equal it returns the first one itself, so the common case allocates
 * nothing. Throws a ShapeError naming `op`, showing the right-aligned shapes and the axis.
 *
 *   broadcastShapes("add", [[5, 1, 3], [4, 3]])  // [5, 4, 3]
 */
export function broadcastShapes(
  op: string,
  shapes: readonly (readonly number[])[],
): readonly number[] {
  const first = shapes[0];
  if (shapes.length === 1) return first;
  if (allEqual(shapes)) return first;
  let ndim = 0;
  for (const shape of shapes) if (shape.length > ndim) ndim = shape.length;
  const out = new Array<number>(ndim);
  for (let axis = 0; axis < ndim; axis++) out[axis] = 1;
  for (const shape of shapes) {
    const lead = ndim - shape.length;
    for (let axis = 0; axis < shape.length; axis++) {
      const size = shape[axis];
      const current = out[lead + axis];
      if (size === current || size === 1) continue;
      if (current !== 1) throw broadcastError(op, shapes, ndim, lead + axis);
      out[lead + axis] = size;
    }
  }
  return out;
}

/**
 * Strides that read `shape`/`strides` as if it had shape `outShape` (which it must broadcast
 * to): added leading axes and stretched size-1 axes get stride 0.
 */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  outShape: readonly number[],
): number[] {
  const ndim = outShape.length;
  const lead = ndim - shape.length;
  const out = new Array<number>(ndim);
  for (let axis = 0; axis < ndim; axis++) {
    const own = axis - lead;
    out[axis] = own < 0 || shape[own] !== outShape[axis] ? 0 : strides[own];
  }
  return out;
}

/**
 * `x` seen with shape `shape` (which it must broadcast to): the same data and offset, with
 * `broadcastStrides`. How a loop lays an operand over its shape.
 */
export function broadcastView(x: Strided, shape: readonly number[]): Strided {
  return {
    data: x.data,
    shape,
    strides: broadcastStrides(x.shape, x.strides, shape),
    offset: x.offset,
  };
}

/** True when two shapes have the same length and sizes. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}

function allEqual(shapes: readonly (readonly number[])[]): boolean {
  for (let i = 1; i < shapes.length; i++) if (!sameShape(shapes[0], shapes[i])) return false;
  return true;
}

/** `[_, 4]`: a shape padded on the left to `ndim` axes, so the aligned axes read off directly. */
function alignRight(shape: readonly number[], ndim: number): string {
  const cells = new Array<string>(ndim - shape.length).fill("_");
  for (const size of shape) cells.push(String(size));
  return `[${cells.join(", ")}]`;
}

function broadcastError(
  op: string,
  shapes: readonly (readonly number[])[],
  ndim: number,
  outAxis: number,
): ShapeError {
  const sizeAt = (operand: number) =>
    shapes[operand][outAxis - (ndim - shapes[operand].length)] ?? 1;
  // The first operand that set a size other than 1 on this axis, and the first that disagrees.
  let earlier = 0;
  while (sizeAt(earlier) === 1) earlier++;
  let later = earlier + 1;
  while (sizeAt(later) === 1 || sizeAt(later) === sizeAt(earlier)) later++;
  const aligned = shapes.map((shape) => alignRight(shape, ndim));
  const listed = `${aligned.slice(0, -1).join(", ")} and ${aligned[aligned.length - 1]}`;
  const who = shapes.length === 2 ? "" : ` (operands ${earlier} and ${later})`;
  const detail =
    `cannot broadcast: aligned from the right as ${listed}, axis ${outAxis} has sizes ` +
    `${sizeAt(earlier)} and ${sizeAt(later)}${who}; each axis needs equal sizes, or 1`;
  return new ShapeError(op, shapes, detail, {
    operand: later,
    axis: outAxis - (ndim - shapes[later].length),
  });
}
