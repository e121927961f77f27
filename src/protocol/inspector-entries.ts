/** How the inspector's entries read in summaries: the kernel's text table and the panel. */
import type { InspectorEntry, InspectorKind } from "./bundles";

const KIND_WORDS: Record<InspectorKind, [string, string]> = {
  tensor: ["tensor", "tensors"],
  number: ["number", "numbers"],
  "typed-array": ["typed array", "typed arrays"],
  array: ["array", "arrays"],
};

/** "3 tensors, 1 number": how many entries of each kind there are, kinds in a fixed order. */
export function entryCounts(entries: readonly Pick<InspectorEntry, "kind">[]): string {
  const parts = (Object.keys(KIND_WORDS) as InspectorKind[]).flatMap((kind) => {
    const count = entries.filter((entry) => (entry.kind ?? "tensor") === kind).length;
    const [one, many] = KIND_WORDS[kind];
    return count === 0 ? [] : [`${count} ${count === 1 ? one : many}`];
  });
  return parts.length === 0 ? "no tensors" : parts.join(", ");
}
