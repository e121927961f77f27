/**
 * What grading needs from a validated source, computed once per batch: the protected code of
 * every test cell (src/grader/sandbox/test-cell.ts), the hidden test lines to redact from error
 * texts, and what students see of each test (for feedback).
 */
import { visibleTestSource } from "../authoring/assign";
import { cellLines, findRegions, type Assignment } from "../authoring/markup";
import { newTestMarker, protectTestCells, type ProtectedTestCell } from "../sandbox/test-cell";

/** A validated source with what every submission's run reuses. */
export interface PreparedAssignment {
  assignment: Assignment;
  /** Protected code of each test cell, by its index in the source notebook. */
  protectedTests: Map<number, ProtectedTestCell>;
  /** The marker of this batch's test cells, for the kernel guard (sandbox/test-cell.ts). */
  testMarker: string;
  /** Hidden test lines of each test cell, by source index (for redaction). */
  hiddenLines: Map<number, string[]>;
  /** What students see of each test cell, by grade_id. */
  visibleTests: Map<string, { source: string; hasHiddenTests: boolean }>;
}

/** Precompute what grading needs from a validated source. */
export function prepareAssignment(assignment: Assignment): PreparedAssignment {
  const hiddenLines = new Map<number, string[]>();
  const visibleTests = new Map<string, { source: string; hasHiddenTests: boolean }>();
  for (const test of assignment.tests) {
    const lines = cellLines(test.cell);
    const hidden = findRegions(lines, test.cell.cell_type).regions.filter(
      (r) => r.kind === "hidden",
    );
    hiddenLines.set(
      test.index,
      hidden.flatMap((region) => lines.slice(region.begin + 1, region.end)),
    );
    visibleTests.set(test.gradeId ?? "", {
      source: visibleTestSource(test.cell),
      hasHiddenTests: hidden.length > 0,
    });
  }
  const testMarker = newTestMarker();
  return {
    assignment,
    protectedTests: protectTestCells(assignment, testMarker),
    testMarker,
    hiddenLines,
    visibleTests,
  };
}
