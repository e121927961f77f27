/**
 * Manually graded cells of a submission: nbgrader's "manually graded answer" (a solution cell
 * with points) and "task" (a locked cell with points). gradbook cannot score them; each starts
 * as pending (null points) for the instructor's DIR/manual.csv, except an answer the student
 * left as handed out (or deleted), which scores 0 at once, as nbgrader's `determine_grade` does.
 */
import { sourceText } from "../../notebook";
import type { PreparedAssignment } from "./prepare";
import type { RunPlan } from "./restore";
import type { ManualResult } from "./results";

/**
 * The manual results of a submission run as `plan` (see the file comment). Without a plan (the
 * submission was not run), every item is pending, or 0 with `zeroReason` when there is nothing
 * to grade (a file that is not a notebook).
 */
export function manualResults(
  prepared: PreparedAssignment,
  plan: RunPlan | undefined,
  zeroReason?: string,
): ManualResult[] {
  const seen = new Set<string>();
  const results: ManualResult[] = [];
  for (const marked of prepared.assignment.cells) {
    if ((marked.role !== "manual" && marked.role !== "task") || marked.gradeId === undefined) {
      continue;
    }
    if (seen.has(marked.gradeId)) {
      continue;
    }
    seen.add(marked.gradeId);
    const result: ManualResult = {
      gradeId: marked.gradeId,
      kind: marked.role === "task" ? "task" : "answer",
      maxPoints: marked.points,
      points: null,
    };
    if (plan === undefined && zeroReason !== undefined) {
      result.points = 0;
      result.comment = zeroReason;
    } else if (marked.role === "manual" && plan !== undefined) {
      const answer = plan.cells.find(
        (planned) => planned.origin === "student" && planned.sourceIndex === marked.index,
      );
      const stub = prepared.answerStubs.get(marked.index) ?? "";
      if (answer === undefined || sourceText(answer.cell.source).trim() === stub.trim()) {
        result.points = 0;
        result.comment = "no answer: the cell is as it was handed out";
      }
    }
    results.push(result);
  }
  return results;
}
