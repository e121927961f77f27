import type { InspectorEntry } from "gradbook/protocol";

export type SortKey = "name" | "size";

export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

const byName = (a: InspectorEntry, b: InspectorEntry) =>
  a.name.localeCompare(b.name, undefined, { numeric: true });

/**
 * The rows the inspector shows: entries whose name contains `filter` (any case), sorted by name
 * (natural order: x2 before x10) or by size (ties by name).
 */
export function visibleEntries(
  entries: readonly InspectorEntry[],
  filter: string,
  order: SortOrder,
): InspectorEntry[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle
    ? entries.filter((entry) => entry.name.toLowerCase().includes(needle))
    : [...entries];
  const compare =
    order.key === "name"
      ? byName
      : (a: InspectorEntry, b: InspectorEntry) => a.size - b.size || byName(a, b);
  kept.sort(order.descending ? (a, b) => compare(b, a) : compare);
  return kept;
}
