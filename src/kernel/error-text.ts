/**
 * Error text for reports. tslab prints a failing cell's exception with Node's full stack, most
 * of which is tslab's and Node's own machinery (`node:vm`, `tslab/dist/…`); a student needs the
 * message and the frames of their own cell (`evalmachine.<anonymous>:line:column`).
 */

const MACHINERY_FRAME =
  /^\s+at .*(\(node:|\bnode:internal|[/\\]tslab[/\\]dist[/\\]|\bsigintHandlersWrap\b)/;

/** `stderr` without the stack frames that belong to tslab or Node rather than to the cell. */
export function cellErrorText(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !MACHINERY_FRAME.test(line))
    .join("\n")
    .trim();
}
