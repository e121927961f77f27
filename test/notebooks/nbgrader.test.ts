// The real nbgrader 0.9.5 on gradbook's course, with the tslab kernel `npm run setup` registers:
// its generate_assignment (configured for TypeScript as docs/grading.md says) writes exactly
// gradbook's releases, its schema and `validate` accept them, and its autograder grades
// lesson 1 right. nbgrader's copy lives outside the repository (test/support/nbgrader.ts): when
// it is absent the tests say so and skip.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { studentVersion } from "../../src/grader/authoring/assign";
import { validateAssignment } from "../../src/grader/authoring/markup";
import { readNotebook, serializeNotebook, writeNotebook, type Notebook } from "../../src/notebook";
import {
  NBGRADER_ENV,
  findNbgrader,
  nbgraderRunner,
  type NbgraderRunner,
} from "../support/nbgrader";
import { ROOT } from "../support/project-env";

const SOURCES = join(ROOT, "notebooks", "source");
const RELEASES = join(ROOT, "notebooks", "release");
const FIXTURES = join(ROOT, "test", "fixtures", "nbgrader");
const LESSON = "01-normal-equation";
const ASSIGNMENT = "lessons";

/** docs/grading.md's nbgrader_config.py for a TypeScript course. */
const CONFIG = `c = get_config()
c.ClearSolutions.code_stub = {"typescript": "// YOUR CODE HERE\\nthrow new Error(\\"not implemented\\");"}
c.ClearSolutions.begin_solution_delimeter = "// BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "// END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "// BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "// END HIDDEN TESTS"
`;

/** Lesson 1's release with the solutions of `solved` (grade_ids) taken from the source. */
function submission(source: Notebook, release: Notebook, solved: readonly string[]): Notebook {
  const ids = source.cells.map((cell) => (cell.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id);
  return {
    ...release,
    cells: release.cells.map((cell, index) =>
      solved.includes(ids[index] ?? "") ? { ...cell, source: source.cells[index].source } : cell,
    ),
  };
} // prettier-ignore

const copy = findNbgrader();

/**
 * `notebook` without the off-limits declarations gradbook assign copies into a solution cell's
 * `metadata.gradbook` (from its `// OFF-LIMITS:` line, which nbgrader keeps as text): nbgrader
 * knows nothing of them, and a release it makes is checked from that line alone.
 */
function withoutOffLimits(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((cell) => {
    const { gradbook, ...metadata } = cell.metadata as Record<string, unknown>;
    if (typeof gradbook !== "object" || gradbook === null) return cell;
    const {
      off_limits: _list,
      off_limits_reason: _reason,
      ...rest
    } = gradbook as Record<string, unknown>;
    return {
      ...cell,
      metadata: Object.keys(rest).length > 0 ? { ...metadata, gradbook: rest } : metadata,
    } as typeof cell;
  });
  return { ...notebook, cells };
}

describe("nbgrader 0.9.5 with gradbook's course and the registered tslab kernel", () => {
  if (!copy.found) {
    const reason =
      `skipped: nbgrader's copy was not found (looked in ${copy.looked.join(", ")}; ` +
      `set ${NBGRADER_ENV} to the folder that holds its setup.sh)`;
    console.warn(`nbgrader tests ${reason}`);
    test.skip(reason, () => {});
    return;
  }
  const lessons = readdirSync(SOURCES).filter((name) => name.endsWith(".ipynb"));
  const course = mkdtempSync(join(ROOT, "test", ".tmp-nbgrader-"));
  let nbgrader: NbgraderRunner;

  beforeAll(async () => {
    nbgrader = await nbgraderRunner(copy.dir);
    writeFileSync(join(course, "nbgrader_config.py"), CONFIG);
    mkdirSync(join(course, "source", ASSIGNMENT), { recursive: true });
    for (const lesson of lessons)
      copyFileSync(join(SOURCES, lesson), join(course, "source", ASSIGNMENT, lesson));
    await nbgrader.nbgrader(course, "generate_assignment", ASSIGNMENT, "--create");
  }, 900_000);

  afterAll(() => rmSync(course, { recursive: true, force: true }));

  test("generate_assignment writes exactly what gradbook assign wrote, for every lesson", () => {
    for (const lesson of lessons) {
      const theirs = readFileSync(join(course, "release", ASSIGNMENT, lesson), "utf8");
      expect(theirs, lesson).toBe(
        serializeNotebook(withoutOffLimits(readNotebook(join(RELEASES, lesson)))),
      );
    }
  });

  test("nbgrader's metadata schema accepts every release", async () => {
    const files = lessons.map((lesson) => join(RELEASES, lesson));
    const output = await nbgrader.script(ROOT, join(FIXTURES, "schema.py"), ...files);
    expect(JSON.parse(output)).toEqual(Object.fromEntries(files.map((file) => [file, "valid"])));
  });

  test("nbgrader validate: the release fails only its tests, the solved lesson passes", async () => {
    const sourceFile = join(SOURCES, `${LESSON}.ipynb`);
    const source = readNotebook(sourceFile);
    const release = readNotebook(join(RELEASES, `${LESSON}.ipynb`));
    const cells = validateAssignment(source, sourceFile).cells;
    // nbgrader counts an unanswered hand-graded question as a failed cell, like a failing test.
    const answers = cells.filter((c) => c.role === "solution" || c.role === "manual");
    const questions = cells.filter((c) => c.role === "manual").length;
    const folder = join(course, "validate");
    mkdirSync(folder);
    writeNotebook(join(folder, "blank.ipynb"), release);
    writeNotebook(join(folder, "solved.ipynb"), submission(source, release, answers.map((c) => c.gradeId ?? "")));
    const output = await nbgrader.nbgrader(folder, "validate", "blank.ipynb", "solved.ipynb");
    const [blank, solved] = output.split(/^\[ValidateApp \| INFO\] Validating .*$/m).slice(1);
    expect(blank).toMatch(new RegExp(`^VALIDATION FAILED ON ${4 + questions} CELL\\(S\\)!`, "m"));
    expect(blank.match(/^ {4}Error: not implemented$/gm)).toHaveLength(4);
    expect(solved.trim()).toBe("Success! Your notebook passes all the tests.");
    expect(output).not.toMatch(/corrupted|HAS CHANGED|have changed|Traceback/i);
  }, 600_000); // prettier-ignore

  test("autograde: full marks, zero and the right partial score, without a crash", async () => {
    const sourceFile = join(SOURCES, `${LESSON}.ipynb`);
    const source = readNotebook(sourceFile);
    const assignment = validateAssignment(source, sourceFile);
    const release = studentVersion(assignment).notebook;
    const solutions = assignment.cells.filter((cell) => cell.role === "solution");
    const ids = solutions.map((cell) => cell.gradeId ?? "");
    // Half done: the first and third exercises; the second one's stub fails in between.
    const students: Record<string, readonly string[]> = {
      full: ids,
      blank: [],
      half: [ids[0], ids[2]],
    };
    for (const [student, solved] of Object.entries(students)) {
      const folder = join(course, "submitted", student, ASSIGNMENT);
      mkdirSync(folder, { recursive: true });
      writeNotebook(join(folder, `${LESSON}.ipynb`), submission(source, release, solved));
    }
    await nbgrader.nbgrader(course, "autograde", ASSIGNMENT);
    const scores = JSON.parse(await nbgrader.script(course, join(FIXTURES, "scores.py"), ASSIGNMENT));
    // An exercise is checked by the first test cell after it, worth that test's points.
    const expected = (solved: readonly string[]) => {
      // Hand-graded questions count in nbgrader's maximum and score 0 until graded by hand.
      const manual = assignment.cells.filter((cell) => cell.role === "manual");
      const grades: Record<string, number> = Object.fromEntries(
        [...assignment.tests, ...manual].map((cell) => [cell.gradeId, 0]),
      );
      for (const solution of solutions.filter((cell) => solved.includes(cell.gradeId ?? ""))) {
        const test = assignment.tests.find((candidate) => candidate.index > solution.index);
        if (test?.gradeId) grades[test.gradeId] = test.points;
      }
      const score = Object.values(grades).reduce((sum, points) => sum + points, 0);
      const manualPoints = manual.reduce((sum, cell) => sum + cell.points, 0);
      return { score, max_score: assignment.maxPoints + manualPoints, grades };
    };
    for (const [student, solved] of Object.entries(students))
      expect(scores[student][LESSON], student).toEqual(expected(solved));
    expect(expected(students.half).score).toBeGreaterThan(0);
    expect(expected(students.half).score).toBeLessThan(assignment.maxPoints);
  }, 900_000); // prettier-ignore
});
