// Results as `gradbook grade` writes them, built by hand for the gradebook's unit tests: an
// assignment of two tests (t1: 2 points, t2: 0.5 points, hidden tests) and a manually graded
// answer (essay: 1 point).
import * as fs from "node:fs";
import * as path from "node:path";
import {
  RESULT_FORMAT,
  type AssignmentIdentity,
  type SubmissionResult,
} from "../../src/grader/scoring/results";

/** The assignment every result here belongs to. */
export const IDENTITY: AssignmentIdentity = {
  notebook: "hw.ipynb",
  checksum: "a".repeat(64),
  items: [
    { gradeId: "t1", kind: "test", maxPoints: 2 },
    { gradeId: "t2", kind: "test", maxPoints: 0.5 },
    { gradeId: "essay", kind: "answer", maxPoints: 1 },
  ],
};

/**
 * A result of `name` with `points` for t1 and t2 (a test passes when it has any), the essay
 * pending, graded at `gradedAt`; `overrides` replace any field.
 */
export function makeResult(
  name: string,
  points: [number, number],
  overrides: Partial<SubmissionResult> = {},
): SubmissionResult {
  const tests = points.map((earned, k) => ({
    gradeId: k === 0 ? "t1" : "t2",
    points: earned,
    maxPoints: k === 0 ? 2 : 0.5,
    passed: earned > 0,
    outcome: earned > 0 ? ("passed" as const) : ("failed" as const),
    error: earned > 0 ? "" : 'AssertionError: <wrong> & "bad" 3 of 4 values differ',
    hasHiddenTests: k === 1,
  }));
  return {
    format: RESULT_FORMAT,
    submission: name,
    file: `${name}.ipynb`,
    assignment: IDENTITY,
    gradedAt: "2024-03-02T10:00:00.000Z",
    graded: true,
    total: points[0] + points[1],
    max: 2.5,
    tests,
    manual: [{ gradeId: "essay", kind: "answer", maxPoints: 1, points: null }],
    problems: [],
    notes: [],
    kernelRestarts: 0,
    durationMs: 1,
    ...overrides,
  };
}

/** Write `results` into `dir` as `gradbook grade` does (`<name>.json`). */
export function writeResults(dir: string, results: readonly SubmissionResult[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const result of results) {
    fs.writeFileSync(path.join(dir, `${result.submission}.json`), JSON.stringify(result));
  }
}
