// Lessons 1–4 (issue 8) through the grader: the source earns full marks, the student version
// hides every solution and hidden test and earns nothing, and a student version with exactly one
// exercise solved earns exactly that exercise's points. One grade call per lesson grades all of
// its variants on parallel workers.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { studentVersion } from "../../src/grader/assign";
import { gradeBatch } from "../../src/grader/grade";
import {
  type Assignment,
  cellLines,
  findRegions,
  validateAssignment,
} from "../../src/grader/markup";
import {
  type Notebook,
  readNotebook,
  serializeNotebook,
  writeNotebook,
} from "../../src/grader/notebook";
import { ROOT } from "../support/project-env";

const LESSONS = [
  "01-normal-equation",
  "02-gradient-descent-l2",
  "03-ridge-polynomial",
  "04-geometry-of-l2",
];

const sourcePath = (lesson: string) => join(ROOT, "notebooks", "source", `${lesson}.ipynb`);
const releasePath = (lesson: string) => join(ROOT, "notebooks", "release", `${lesson}.ipynb`);

const work = mkdtempSync(join(tmpdir(), "gradbook-lessons-1-4-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An exercise: its solution cell and the test cell that grades it (the next one after it). */
interface Exercise {
  solutionId: string;
  solutionIndex: number;
  testId: string;
  points: number;
}

function exercisesOf(assignment: Assignment): Exercise[] {
  return assignment.cells
    .filter((marked) => marked.role === "solution")
    .map((solution) => {
      const test = assignment.tests.find((marked) => marked.index > solution.index);
      if (test === undefined || test.gradeId === undefined || solution.gradeId === undefined) {
        throw new Error(`${assignment.file}: solution cell ${solution.index} has no test after it`);
      }
      return {
        solutionId: solution.gradeId,
        solutionIndex: solution.index,
        testId: test.gradeId,
        points: test.points,
      };
    });
}

/**
 * Lines of the source's solution and hidden-test regions that appear nowhere else in the source
 * (long enough to be distinctive): none of them may reach the student version.
 */
function secretLines(notebook: Notebook): string[] {
  const inside = new Set<string>();
  const outside = new Set<string>();
  for (const cell of notebook.cells) {
    const lines = cellLines(cell);
    const { regions } = findRegions(lines, cell.cell_type);
    lines.forEach((line, index) => {
      const covered = regions.some((region) => index > region.begin && index < region.end);
      (covered ? inside : outside).add(line.trim());
    });
  }
  return [...inside].filter((line) => line.length >= 20 && !outside.has(line));
}

/** The student version with the solution cell `exercise` put back from the source. */
function withOneSolved(source: Notebook, release: Notebook, exercise: Exercise): Notebook {
  const cells = release.cells.map((cell, index) =>
    index === exercise.solutionIndex ? { ...cell, source: source.cells[index].source } : cell,
  );
  return { ...release, cells };
}

describe.each(LESSONS)("lesson %s", (lesson) => {
  const source = readNotebook(sourcePath(lesson));
  const assignment = validateAssignment(source, sourcePath(lesson));
  const release = studentVersion(assignment).notebook;
  const exercises = exercisesOf(assignment);

  it("has 2–5 exercises, each graded by its own test cell", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(2);
    expect(exercises.length).toBeLessThanOrEqual(5);
    expect(new Set(exercises.map((exercise) => exercise.testId)).size).toBe(exercises.length);
    expect(exercises.reduce((sum, exercise) => sum + exercise.points, 0)).toBe(
      assignment.maxPoints,
    );
  });

  it("notebooks/release holds the current student version, without solutions or hidden tests", () => {
    const text = readFileSync(releasePath(lesson), "utf8");
    expect(text).toBe(serializeNotebook(release));
    for (const delimiter of ["BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS"]) {
      expect(text).not.toContain(delimiter);
    }
    const secrets = secretLines(source);
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((line) => text.includes(JSON.stringify(line).slice(1, -1)))).toEqual([]);
  });

  it("grades: source full marks, release zero, one exercise solved its points only", async () => {
    const folder = join(work, lesson);
    mkdirSync(join(folder, "submissions"), { recursive: true });
    const variants = new Map<string, { notebook: Notebook; expected: Set<string> }>([
      [`${lesson}-source`, { notebook: source, expected: new Set(exercises.map((e) => e.testId)) }],
      [`${lesson}-release`, { notebook: release, expected: new Set() }],
      ...exercises.map((exercise): [string, { notebook: Notebook; expected: Set<string> }] => [
        `${lesson}-only-${exercise.solutionId}`,
        {
          notebook: withOneSolved(source, release, exercise),
          expected: new Set([exercise.testId]),
        },
      ]),
    ]);
    const files = [...variants.keys()].map((name) => {
      const file = join(folder, "submissions", `${name}.ipynb`);
      writeNotebook(file, variants.get(name)!.notebook);
      return file;
    });
    const report = await gradeBatch({
      source: sourcePath(lesson),
      submissions: files,
      outDir: join(folder, "out"),
      workers: 2,
      timeoutMs: 120_000,
    });
    expect(report.environmentErrors).toEqual([]);
    expect(report.maxPoints).toBe(assignment.maxPoints);
    const scores = report.results.map((result) => {
      const expected = variants.get(result.submission)!.expected;
      return {
        submission: result.submission,
        passed: result.tests.filter((test) => test.passed).map((test) => test.gradeId),
        total: result.total,
        failures: result.tests
          .filter((test) => test.passed !== expected.has(test.gradeId))
          .map((test) => `${test.gradeId}: ${test.outcome} ${test.error}`),
      };
    });
    const wanted = [...variants.entries()].map(([submission, variant]) => ({
      submission,
      passed: exercises.map((e) => e.testId).filter((id) => variant.expected.has(id)),
      total: exercises
        .filter((exercise) => variant.expected.has(exercise.testId))
        .reduce((sum, exercise) => sum + exercise.points, 0),
      failures: [],
    }));
    expect(scores.sort((a, b) => a.submission.localeCompare(b.submission))).toEqual(
      wanted.sort((a, b) => a.submission.localeCompare(b.submission)),
    );
  });
});
