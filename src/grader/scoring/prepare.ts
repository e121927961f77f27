/**
 * What grading needs from a validated source, computed once per batch: the protected code of
 * every test cell (src/grader/sandbox/test-cell.ts), the guard's off-limits rules with the
 * marks on the test cells they apply to (src/grader/sandbox/off-limits.ts), the hidden test
 * lines to redact from error texts, and what students see of each test (for feedback).
 */
import { visibleTestSource } from "../authoring/assign";
import { cellLines, findRegions, type Assignment } from "../authoring/markup";
import { offLimitsByTest } from "../authoring/off-limits";
import { guardTestCells, type OffLimitsConfig } from "../sandbox/off-limits";
import { protectTestCells, type ProtectedTestCell } from "../sandbox/test-cell";

/** A validated source with what every submission's run reuses. */
export interface PreparedAssignment {
  assignment: Assignment;
  /** Protected code of each test cell, by its index in the source notebook. */
  protectedTests: Map<number, ProtectedTestCell>;
  /** Hidden test lines of each test cell, by source index (for redaction). */
  hiddenLines: Map<number, string[]>;
  /** What students see of each test cell, by grade_id. */
  visibleTests: Map<string, { source: string; hasHiddenTests: boolean }>;
  /** The off-limits functions of the tests, for the guard; undefined when there are none. */
  offLimits?: OffLimitsConfig;
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
  const protectedTests = protectTestCells(assignment);
  const offLimits = guardTestCells(assignment, protectedTests, offLimitsByTest(assignment));
  return { assignment, protectedTests, hiddenLines, visibleTests, offLimits };
}
