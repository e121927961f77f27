/**
 * How a shape reads everywhere: in text, HTML, error messages and the widgets' badges, the way
 * a student writes it in `zeros([150, 4])`.
 */

/** `[150, 4]`; `[]` for a scalar (0-d). */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** A shape as the stable `data-gradbook-shape` DOM hook: `150,4`, empty for a scalar. */
export function shapeAttribute(shape: readonly number[]): string {
  return shape.join(",");
}
