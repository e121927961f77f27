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
