/**
 * Error text for reports from a kernel that prints a failing cell's exception to stderr instead
 * of replying with a traceback (tslab without gradbook's protocol fixes, src/preload): Node's
 * full stack, most of which is tslab's and Node's own machinery (`node:vm`, `tslab/dist/…`); a
 * student needs the message and the frames of their own cell.
 */
import { MACHINERY_FRAME } from "../preload/contract";

/** `stderr` without the stack frames that belong to tslab or Node rather than to the cell. */
export function cellErrorText(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !MACHINERY_FRAME.test(line))
    .join("\n")
    .trim();
}
