import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { studentVersion } from "../../src/grader/authoring/assign";
import { validateAssignment } from "../../src/grader/authoring/markup";
import { secretLines, shownSecrets } from "../../src/grader/authoring/secret-lines";
import { checkNotebook } from "../../src/grader/check";
import { gradeBatch } from "../../src/grader/grade";
import { type Notebook, readNotebook, serializeNotebook, writeNotebook } from "../../src/notebook";
import { runNotebook } from "../../src/kernel/run-notebook";
import { exercises, solvedOnly, twinWrappers, withCell } from "./lesson-variants";
import { CELL_MS, KERNEL_START_MS } from "./patience";
import { ROOT } from "./project-env";
import { WRONG_ANSWERS } from "./wrong-answers";

/**
 * Registers, for each lesson, the checks issues 8 and 12 ask CI to prove: notebooks/release
 * holds exactly what `gradbook assign` makes of the source and shows no line of a solution or
 * hidden test in any cell; the release runs up to its first stub; one grade call (parallel
 * workers) gives the source full marks, the release zero, a release with exactly one exercise
 * solved exactly its points, and each wrong answer of test/support/wrong-answers.ts (a classic
 * mistake, or a wrapper around the exercise's off-limits library twin) all points but that
 * exercise's, while answers calling allowed library functions keep full marks; and
 * `gradbook check` on a notebook wrapping every twin fails exactly those exercises, naming the
 * function.
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

    it("notebooks/release is the current student version and shows no solution or hidden test", () => {
      const text = readFileSync(releaseFile, "utf8");
      expect(text).toBe(serializeNotebook(release));
      expect(text).not.toMatch(/BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS/);
      expect(secretLines(source, release).length).toBeGreaterThan(0);
      expect(shownSecrets(source, release)).toEqual([]);
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

    const answers = WRONG_ANSWERS[lesson] ?? [];
    const allTests = graded.map((exercise) => exercise.testId);
    const testOf = (cellId: string): string => {
      const exercise = graded.find((candidate) => candidate.solutionCellId === cellId);
      if (exercise === undefined) throw new Error(`${lesson}: ${cellId} is not a solution cell`);
      return exercise.testId;
    };

    it("grades the source fully, the release to zero, one solved exercise to its points, each wrong answer to all but its exercise's", async () => {
      const folder = join(scratch, lesson);
      mkdirSync(folder, { recursive: true });
      const variants: { name: string; notebook: Notebook; passing: string[]; names?: string }[] = [
        { name: "source", notebook: source, passing: allTests },
        { name: "release", notebook: release, passing: [] },
        ...graded.map((exercise) => ({
          name: `only-${exercise.solutionId}`,
          notebook: solvedOnly(source, release, exercise),
          passing: [exercise.testId],
        })),
        ...answers.map((answer) => ({
          name: `${answer.kind}-${answer.name}`,
          notebook: withCell(source, answer.cell, answer.code),
          passing:
            answer.kind === "allowed"
              ? allTests
              : allTests.filter((id) => id !== testOf(answer.cell)),
          names: answer.names,
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
      // A twin wrapper's feedback names the off-limits function.
      const twinFeedback = variants.flatMap((variant) => {
        const result = report.results.find((r) => r.submission === variant.name);
        const failed = result?.tests.find((test) => !variant.passing.includes(test.gradeId));
        return variant.names === undefined ||
          failed?.error.includes(`${variant.names} is off-limits: this exercise asks you to`)
          ? []
          : [`${variant.name}: ${failed?.error ?? "no failing test"}`];
      });
      expect(twinFeedback).toEqual([]);
      // Up to 13 submissions (lesson 7) on two workers: with the machine at a load of 20,
      // lessons 5, 6 and 8 took 120-165 s and lesson 7's batch passed the default 300 s.
    }, 600_000);

    it.runIf(answers.some((answer) => answer.kind === "twin"))(
      "gradbook check fails exactly the exercises answered by wrapping their twin, naming it",
      async () => {
        const file = join(scratch, `${lesson}-twins.ipynb`);
        writeNotebook(file, twinWrappers(source, release, graded, answers));
        const { result } = await checkNotebook(file, { timeoutMs: 120_000 });
        const twins = new Map(
          answers.filter((a) => a.kind === "twin").map((a) => [testOf(a.cell), a.names ?? ""]),
        );
        const got = result.tests.map((test) => ({
          test: test.gradeId,
          passed: test.passed,
          names:
            twins.has(test.gradeId) &&
            test.error.includes(
              `${twins.get(test.gradeId)} is off-limits: this exercise asks you to`,
            ),
        }));
        const want = result.tests.map((test) => ({
          test: test.gradeId,
          passed: !twins.has(test.gradeId),
          names: twins.has(test.gradeId),
        }));
        expect(got, JSON.stringify(result.tests, null, 1)).toEqual(want);
      },
    );
  });
}
