import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { studentVersion } from "../../src/grader/authoring/assign";
import { gradeBatch } from "../../src/grader/grade";
import {
  type Assignment,
  cellLines,
  findRegions,
  validateAssignment,
} from "../../src/grader/authoring/markup";
import { type Notebook, readNotebook, serializeNotebook, writeNotebook } from "../../src/notebook";
import { runNotebook } from "../../src/kernel/run-notebook";
import { CELL_MS, KERNEL_START_MS } from "./patience";
import { ROOT } from "./project-env";

/** A graded exercise: the solution cell and the first test cell after it. */
interface Exercise {
  solutionIndex: number;
  solutionId: string;
  testId: string;
  points: number;
}

function exercises(assignment: Assignment): Exercise[] {
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
        solutionId: solution.gradeId,
        testId: test.gradeId,
        points: test.points,
      };
    });
}

/**
 * The distinctive lines (20 characters or more, trimmed) of solution and hidden-test regions
 * that the source shows nowhere outside such a region: the student version must contain none.
 */
function secretLines(source: Notebook): string[] {
  const secret = new Set<string>();
  const visible = new Set<string>();
  for (const cell of source.cells) {
    const lines = cellLines(cell);
    const { regions } = findRegions(lines, cell.cell_type);
    lines.forEach((line, i) => {
      const inRegion = regions.some((region) => region.begin < i && i < region.end);
      (inRegion ? secret : visible).add(line.trim());
    });
  }
  return [...secret].filter((line) => line.length >= 20 && !visible.has(line));
}

/** The release notebook with one solution cell taken back from the source. */
function solvedOnly(source: Notebook, release: Notebook, exercise: Exercise): Notebook {
  return {
    ...release,
    cells: release.cells.map((cell, index) =>
      index === exercise.solutionIndex ? { ...cell, source: source.cells[index].source } : cell,
    ),
  };
}

/**
 * Registers, for each lesson, the checks issue 8 asks CI to prove: notebooks/release holds
 * exactly what `gradbook assign` makes of the source and leaks no solution or hidden test; the
 * release runs up to its first stub; and one grade call (parallel workers) gives the source full
 * marks, the release zero, and a release with exactly one exercise solved exactly its points.
 */
export function describeLessonGrading(lessons: readonly string[]): void {
  const scratch = mkdtempSync(join(tmpdir(), "gradbook-lessons-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  describe.each(lessons)("lesson %s", (lesson) => {
    const sourceFile = join(ROOT, "notebooks", "source", `${lesson}.ipynb`);
    const releaseFile = join(ROOT, "notebooks", "release", `${lesson}.ipynb`);
    const source = readNotebook(sourceFile);
    const assignment = validateAssignment(source, sourceFile);
    const release = studentVersion(assignment).notebook;
    const graded = exercises(assignment);

    it("has 2–5 exercises with their own test cells, and the points add up", () => {
      expect(graded.length).toBeGreaterThanOrEqual(2);
      expect(graded.length).toBeLessThanOrEqual(5);
      expect(new Set(graded.map((exercise) => exercise.testId)).size).toBe(graded.length);
      expect(graded.every((exercise) => exercise.points > 0)).toBe(true);
      expect(graded.reduce((sum, exercise) => sum + exercise.points, 0)).toBe(assignment.maxPoints);
    });

    it("notebooks/release is the current student version and leaks no solution or hidden test", () => {
      const text = readFileSync(releaseFile, "utf8");
      expect(text).toBe(serializeNotebook(release));
      expect(text).not.toMatch(/BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS/);
      const secrets = secretLines(source);
      expect(secrets.length).toBeGreaterThan(0);
      const leaked = secrets.filter((line) => text.includes(JSON.stringify(line).slice(1, -1)));
      expect(leaked).toEqual([]);
    });

    it("the release runs cleanly up to its first stub", async () => {
      const report = await runNotebook(release, {
        cwd: join(ROOT, "notebooks", "release"),
        timeoutMs: CELL_MS,
        kernel: { startTimeoutMs: KERNEL_START_MS },
      });
      expect(report.failures).toHaveLength(1);
      const [failure] = report.failures;
      expect(failure.cellIndex).toBeGreaterThan(graded[0].solutionIndex);
      expect(failure.errorText).toContain("not implemented");
    });

    it("grades the source fully, the release to zero, one solved exercise to its points", async () => {
      const folder = join(scratch, lesson);
      mkdirSync(folder, { recursive: true });
      const variants: { name: string; notebook: Notebook; passing: string[] }[] = [
        { name: "source", notebook: source, passing: graded.map((exercise) => exercise.testId) },
        { name: "release", notebook: release, passing: [] },
        ...graded.map((exercise) => ({
          name: `only-${exercise.solutionId}`,
          notebook: solvedOnly(source, release, exercise),
          passing: [exercise.testId],
        })),
      ];
      const files = variants.map((variant) => {
        const file = join(folder, `${variant.name}.ipynb`);
        writeNotebook(file, variant.notebook);
        return file;
      });
      const report = await gradeBatch({
        source: sourceFile,
        submissions: files,
        outDir: join(folder, "graded"),
        workers: 2,
        timeoutMs: CELL_MS,
      });
      expect([...report.environmentErrors, ...report.internalErrors]).toEqual([]);
      expect(report.maxPoints).toBe(assignment.maxPoints);

      const pointsOf = (testIds: string[]) =>
        graded.filter((e) => testIds.includes(e.testId)).reduce((sum, e) => sum + e.points, 0);
      const got = report.results
        .map((result) => ({
          submission: result.submission,
          total: result.total,
          passed: result.tests.filter((test) => test.passed).map((test) => test.gradeId),
          unexpected: result.tests
            .filter(
              (test) =>
                test.passed !==
                variants.find((v) => v.name === result.submission)?.passing.includes(test.gradeId),
            )
            .map((test) => `${test.gradeId}: ${test.outcome}: ${test.error}`),
        }))
        .sort((a, b) => a.submission.localeCompare(b.submission));
      const want = variants
        .map((variant) => ({
          submission: variant.name,
          total: pointsOf(variant.passing),
          passed: graded.map((e) => e.testId).filter((id) => variant.passing.includes(id)),
          unexpected: [],
        }))
        .sort((a, b) => a.submission.localeCompare(b.submission));
      // On a mismatch, say what else went wrong in each run (cells that failed, timed out or
      // killed the kernel) and how long it took.
      const context = report.results.map((result) => ({
        submission: result.submission,
        seconds: Math.round(result.durationMs / 100) / 10,
        kernelRestarts: result.kernelRestarts,
        problems: result.problems.map((p) => `${p.outcome}: ${p.error.slice(0, 300)}`),
      }));
      expect(got, JSON.stringify(context, null, 1)).toEqual(want);
    });
  });
}
