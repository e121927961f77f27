/**
 * Submissions made from a lesson's source and release for test/support/lesson-grading.ts: the
 * reference solution, the release with one exercise solved, the reference with one exercise
 * answered wrongly (test/support/wrong-answers.ts), and a student notebook answering every
 * exercise that has a library twin with a wrapper around it.
 */
import type { Assignment } from "../../src/grader/authoring/markup";
import { cellLines, findRegions } from "../../src/grader/authoring/markup";
import { splitLines, type Notebook } from "../../src/notebook";
import type { WrongAnswer } from "./wrong-answers";

/** A graded exercise: the solution cell and the first test cell after it. */
export interface Exercise {
  solutionIndex: number;
  solutionCellId: string;
  solutionId: string;
  testId: string;
  points: number;
}

/** The lesson's exercises, in notebook order. */
export function exercises(assignment: Assignment): Exercise[] {
  return assignment.cells
    .filter((marked) => marked.role === "solution")
    .map((solution) => {
      const test = assignment.tests.find((marked) => marked.index > solution.index);
      if (solution.gradeId === undefined || test?.gradeId === undefined) {
        throw new Error(
          `${assignment.file}: solution cell ${solution.index} is not followed by a test`,
        );
      }
      return {
        solutionIndex: solution.index,
        solutionCellId: solution.cell.id ?? "",
        solutionId: solution.gradeId,
        testId: test.gradeId,
        points: test.points,
      };
    });
}

/** `notebook` with the source of the cell whose id is `cellId` replaced by `code`. */
export function withCell(notebook: Notebook, cellId: string, code: string): Notebook {
  if (!notebook.cells.some((cell) => cell.id === cellId)) {
    throw new Error(`no cell with id ${cellId}`);
  }
  return {
    ...notebook,
    cells: notebook.cells.map((cell) =>
      cell.id === cellId ? { ...cell, source: splitLines(code) } : cell,
    ),
  };
}

/** The reference solution of a solution cell: its source without the delimiter lines. */
export function referenceCode(source: Notebook, cellId: string): string {
  const cell = source.cells.find((candidate) => candidate.id === cellId);
  if (cell === undefined) {
    throw new Error(`no cell with id ${cellId}`);
  }
  const lines = cellLines(cell);
  const delimiters = new Set(
    findRegions(lines, cell.cell_type).regions.flatMap((region) => [region.begin, region.end]),
  );
  return lines.filter((_, index) => !delimiters.has(index)).join("\n");
}

/** The release with one exercise's solution taken back from the source. */
export function solvedOnly(source: Notebook, release: Notebook, exercise: Exercise): Notebook {
  return withCell(release, exercise.solutionCellId, referenceCode(source, exercise.solutionCellId));
}

/**
 * What a student who wraps every twin would hand in: the release with each exercise that has a
 * twin answered by its first twin wrapper and every other exercise by the reference.
 */
export function twinWrappers(
  source: Notebook,
  release: Notebook,
  graded: readonly Exercise[],
  answers: readonly WrongAnswer[],
): Notebook {
  return graded.reduce((notebook, exercise) => {
    const twin = answers.find((a) => a.kind === "twin" && a.cell === exercise.solutionCellId);
    const code = twin?.code ?? referenceCode(source, exercise.solutionCellId);
    return withCell(notebook, exercise.solutionCellId, code);
  }, release);
}
