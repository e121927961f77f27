/**
 * The host's side of off-limits functions (src/grader/authoring/off-limits.ts): the guard's
 * configuration for a batch and the mark on each test cell whose exercise has off-limits
 * functions. The mark carries a nonce drawn here, which only the guard learns, so that no cell
 * a student wrote can pass for a test (src/preload/guarded-tests.ts).
 */
import { randomBytes } from "node:crypto";
import { testCellMarker, type OffLimitsConfig } from "../../preload/contract";
import type { Assignment } from "../authoring/markup";
import type { OffLimitsRule } from "../authoring/off-limits";
import type { ProtectedTestCell } from "./test-cell";

export type { OffLimitsConfig };

/**
 * Mark the protected code of every test cell that has rules in `byTest` (by grade_id) and
 * return the guard's configuration, or undefined when no test has rules (the kernel then runs
 * exactly as without the feature). `protectedTests` is updated in place.
 */
export function guardTestCells(
  assignment: Assignment,
  protectedTests: Map<number, ProtectedTestCell>,
  byTest: ReadonlyMap<string, OffLimitsRule[]>,
): OffLimitsConfig | undefined {
  if (byTest.size === 0) {
    return undefined;
  }
  const nonce = randomBytes(16).toString("hex");
  const tests: Record<string, OffLimitsRule[]> = {};
  for (const test of assignment.tests) {
    const rules = test.gradeId === undefined ? undefined : byTest.get(test.gradeId);
    const cell = protectedTests.get(test.index);
    if (rules === undefined || test.gradeId === undefined || cell === undefined) {
      continue;
    }
    const mark = testCellMarker(nonce, test.gradeId);
    protectedTests.set(test.index, {
      code: mark + cell.code,
      prefixLength: mark.length + cell.prefixLength,
    });
    tests[test.gradeId] = rules;
  }
  return { nonce, tests };
}
