import type { Output } from "../../src/notebook";

/** What a cell wrote to `name` (stdout by default), its stream outputs joined. */
export function streamText(
  outputs: readonly Output[],
  name: "stdout" | "stderr" = "stdout",
): string {
  return outputs
    .map((output) =>
      output.output_type === "stream" && output.name === name ? String(output.text) : "",
    )
    .join("");
}

/**
 * What a cell showed as text: its stdout, and the value of its last expression (its
 * `execute_result`) on a line of its own, in the order the kernel sent them.
 */
export function shownText(outputs: readonly Output[]): string {
  return outputs
    .map((output) =>
      output.output_type === "execute_result"
        ? `${String(output.data["text/plain"])}\n`
        : streamText([output]),
    )
    .join("");
}
