/**
 * The shape argument of `normal` and `uniform`, which comes first in gradbook and last in numpy
 * (`rng.normal(loc, scale, size)`). A bare number there is refused: `normal(0, 1)` read as a shape
 * is an empty tensor and `uniform(-1, 1)` a shape error, while a numpy reader meant one sample,
 * so a silently different result is worse than an error that shows both spellings.
 */
import { toShape, type ShapeLike } from "./create";

function written(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

/**
 * `shape` as sizes, for `op` called as `op(shape, first, second)` (mean and std, or low and
 * high); throws with gradbook's signature when `shape` is a bare number.
 */
export function samplingShape(
  op: "normal" | "uniform",
  shape: ShapeLike,
  first: unknown,
  second: unknown,
): number[] {
  if (typeof shape !== "number") return toShape(op, shape);
  const [a, b, low] = op === "normal" ? ["mean", "std", 0] : ["low", "high", 0];
  const signature = `${op}(shape, ${a} = ${low}, ${b} = 1)`;
  const numpyOrder = `numpy's order ${op}(${a}, ${b}, size)`;
  // numpy's call with a size, normal(0, 1, [3]): the same call in gradbook's order.
  const fix = Array.isArray(second)
    ? `${op}(${written(second)}, ${shape}, ${first})`
    : `${op}([], ${shape}, ${written(first)}) for one sample with ${a} ${shape} and ${b} ` +
      `${written(first)}, ${op}([n], ${shape}, ${written(first)}) for n of them` +
      (Number.isInteger(shape) && shape > 0 ? `, ${op}([${shape}]) for ${shape} samples` : "");
  throw new TypeError(
    `${op}: the shape comes first, ${signature}, and must be an array: ` +
      `${op}(${shape}, …) reads as ${numpyOrder} too, which means something else. Write ${fix}`,
  );
}
