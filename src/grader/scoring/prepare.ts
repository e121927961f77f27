/**
 * What grading needs from a validated source, computed once per batch: the protected code of
 * every test cell (src/grader/sandbox/test-cell.ts), bracketed for partial credit where the test
 * uses it (partial-credit.ts), the hidden test lines to redact from error texts, what students
 * see of each test (for feedback), the handed-out text of each manually graded answer (to tell
 * one left unanswered), and the assignment's identity, stored in every result.
 */
import { createHash, randomBytes } from "node:crypto";
import * as path from "node:path";
import { studentVersion, visibleTestSource } from "../authoring/assign";
import { cellLines, findRegions, type Assignment } from "../authoring/markup";
import { sourceText } from "../../notebook";
import { newTestMarker, protectTestCells, type ProtectedTestCell } from "../sandbox/test-cell";
import { bracketPartialCredit, usesPartialCredit } from "./partial-credit";
import type { AssignmentIdentity, GradebookItem } from "./results";

/** A validated source with what every submission's run reuses. */
export interface PreparedAssignment {
  assignment: Assignment;
  /** Protected code of each test cell, by its index in the source notebook. */
  protectedTests: Map<number, ProtectedTestCell>;
  /** The marker of this batch's test cells, for the kernel guard (sandbox/test-cell.ts). */
  testMarker: string;
  /** The secret token of each test cell that uses partial credit, by source index. */
  partialCreditTokens: Map<number, string>;
  /** Hidden test lines of each test cell, by source index (for redaction). */
  hiddenLines: Map<number, string[]>;
  /** What students see of each test cell, by grade_id. */
  visibleTests: Map<string, { source: string; hasHiddenTests: boolean }>;
  /** The text students were handed for each manually graded answer, by source index. */
  answerStubs: Map<number, string>;
  identity: AssignmentIdentity;
}

/** The graded columns of `assignment`, in notebook order (the first cell of each grade_id). */
function gradebookItems(assignment: Assignment): GradebookItem[] {
  const seen = new Set<string>();
  const items: GradebookItem[] = [];
  for (const marked of assignment.cells) {
    const kind =
      marked.role === "tests"
        ? "test"
        : marked.role === "manual"
          ? "answer"
          : marked.role === "task"
            ? "task"
            : undefined;
    if (kind === undefined || marked.gradeId === undefined || seen.has(marked.gradeId)) {
      continue;
    }
    seen.add(marked.gradeId);
    items.push({ gradeId: marked.gradeId, kind, maxPoints: marked.points });
  }
  return items;
}

// What grading depends on: code cells and nbgrader metadata; a markdown typo fixed after
// grading does not make earlier results another assignment's.
function gradingChecksum(assignment: Assignment): string {
  const fields = assignment.notebook.cells.map((cell) => [
    cell.cell_type,
    cell.cell_type === "code" ? sourceText(cell.source) : "",
    cell.metadata.nbgrader ?? null,
  ]);
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
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
  const protectedTests = protectTestCells(assignment, testMarker);
  const partialCreditTokens = new Map<number, string>();
  for (const [index, cell] of protectedTests) {
    if (usesPartialCredit(cell.code)) {
      const token = randomBytes(16).toString("hex");
      partialCreditTokens.set(index, token);
      protectedTests.set(index, bracketPartialCredit(cell, token));
    }
  }
  const answers = assignment.cells.filter((cell) => cell.role === "manual");
  const handedOut = studentVersion({ ...assignment, cells: answers }).notebook.cells;
  const answerStubs = new Map(
    answers.map((marked, k) => [marked.index, sourceText(handedOut[k].source)]),
  );
  return {
    assignment,
    protectedTests,
    testMarker,
    partialCreditTokens,
    hiddenLines,
    visibleTests,
    answerStubs,
    identity: {
      notebook: path.basename(assignment.file),
      checksum: gradingChecksum(assignment),
      items: gradebookItems(assignment),
    },
  };
}
