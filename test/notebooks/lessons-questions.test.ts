// Issue 19: every lesson asks at least one question answered in words, graded by hand, with a
// model answer in the source and nothing of it in the release; and the points each intro quotes
// are the points its cells carry. Reads the notebooks only (no kernel).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { studentVersion, TEXT_STUB } from "../../src/grader/authoring/assign";
import { cellLines, findRegions, validateAssignment } from "../../src/grader/authoring/markup";
import { readNotebook, sourceText } from "../../src/notebook";
import { exercises } from "../support/lesson-variants";
import { ROOT } from "../support/project-env";

const SOURCE = join(ROOT, "notebooks", "source");
const LESSONS = readdirSync(SOURCE)
  .filter((file) => /^\d\d-.*\.ipynb$/.test(file))
  .sort();
const COUNTS = ["zero", "one", "two", "three", "four", "five"];

/** "Four graded exercises (6 points) and one question answered in words (2 points, graded by hand)." */
const POINTS_SENTENCE =
  /(\w+) graded exercises \((\d+) points\) and (\w+) questions? answered in words \((\d+) points?, graded by hand\)/i;

describe.each(LESSONS)("%s", (file) => {
  const path = join(SOURCE, file);
  const assignment = validateAssignment(readNotebook(path), path);
  const manual = assignment.cells.filter((marked) => marked.role === "manual");
  const release = studentVersion(assignment).notebook;

  it("has a hand-graded markdown question with points and a model answer that the release replaces", () => {
    expect(manual.length).toBeGreaterThanOrEqual(1);
    for (const question of manual) {
      expect(question.cell.cell_type).toBe("markdown");
      expect(question.points).toBeGreaterThan(0);
      const lines = cellLines(question.cell);
      const [answer] = findRegions(lines, "markdown").regions.filter((r) => r.kind === "solution");
      expect(answer, `${question.gradeId} has a BEGIN SOLUTION region`).toBeDefined();
      const modelAnswer = lines.slice(answer.begin + 1, answer.end).join("\n");
      expect(modelAnswer).toMatch(/Model answer/);
      expect(modelAnswer).toMatch(/Marking:/);
      const released = release.cells[question.index];
      expect(sourceText(released.source).trim()).toBe(TEXT_STUB);
      // The question itself is in the markdown cell just before the answer cell.
      const asked = sourceText(assignment.notebook.cells[question.index - 1].source);
      expect(asked).toMatch(
        new RegExp(`Question[^(]*\\(${question.points} points?, graded by hand\\)`),
      );
    }
  });

  it("states in its intro the points its exercises and questions carry", () => {
    const intro = sourceText(assignment.notebook.cells[0].source);
    const match = POINTS_SENTENCE.exec(intro);
    expect(match, "the intro's sentence about points").not.toBeNull();
    const [, exerciseCount, exercisePoints, questionCount, questionPoints] = match ?? [];
    expect(COUNTS.indexOf(exerciseCount.toLowerCase())).toBe(exercises(assignment).length);
    expect(Number(exercisePoints)).toBe(assignment.maxPoints);
    expect(COUNTS.indexOf(questionCount.toLowerCase())).toBe(manual.length);
    expect(Number(questionPoints)).toBe(manual.reduce((sum, question) => sum + question.points, 0));
  });
});
