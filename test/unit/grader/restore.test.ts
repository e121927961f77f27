import { describe, expect, test } from "vitest";
import { validateAssignment } from "../../../src/grader/authoring/markup";
import { readNotebook, sourceText, type Cell, type Notebook } from "../../../src/notebook";
import { restoreSubmission, type RunPlan } from "../../../src/grader/scoring/restore";
import {
  SOURCE,
  cellIndex,
  codeCell,
  release,
  submission,
} from "../../fixtures/grader/submissions";

const assignment = validateAssignment(readNotebook(SOURCE), SOURCE);

function order(plan: RunPlan): string[] {
  return plan.cells.map((cell) => cell.gradeId ?? `student:${cell.cell.id ?? "?"}`);
}

const SOURCE_ORDER = [
  "intro",
  "setup",
  "predict_intro",
  "predict",
  "test_predict",
  "mse_intro",
  "mse",
  "test_mse",
  "fit_intro",
  "fit",
  "test_fit",
  "weights",
  "test_weights",
  "explain",
];

describe("restoreSubmission", () => {
  test("an untouched release runs in source order with the source's tests, hidden ones included", () => {
    const plan = restoreSubmission(assignment, release());
    expect(order(plan)).toEqual(SOURCE_ORDER);
    expect(plan.notes).toEqual([]);
    const test = plan.cells.find((cell) => cell.gradeId === "test_fit");
    expect(test?.origin).toBe("source");
    expect(sourceText(test?.cell.source ?? "")).toContain("BEGIN HIDDEN TESTS");
    expect(plan.cells.find((cell) => cell.gradeId === "predict")?.origin).toBe("student");
  });

  test("solution cells keep the student's code; their metadata comes from the source", () => {
    const notebook = submission({ predict: "function predict() { return 1; }" }, (cells) => {
      cells[cellIndex(cells, "predict")].metadata = {
        nbgrader: { grade_id: "predict", solution: true, grade: true, points: 50 },
      };
    });
    const planned = restoreSubmission(assignment, notebook).cells.find(
      (c) => c.gradeId === "predict",
    );
    expect(sourceText(planned?.cell.source ?? "")).toBe("function predict() { return 1; }");
    expect(planned?.cell.metadata.nbgrader).toEqual(
      assignment.cells[cellIndex(assignment.notebook.cells, "predict")].cell.metadata.nbgrader,
    );
  });

  test("edited, deleted, duplicated and moved tests are each run once, at their place", () => {
    const notebook = submission({}, (cells) => {
      cells[cellIndex(cells, "test_predict")].source = "// passes";
      cells.splice(cellIndex(cells, "test_mse"), 1);
      const fit = cellIndex(cells, "test_fit");
      cells.splice(fit + 1, 0, structuredClone(cells[fit]), structuredClone(cells[fit]));
      const [weights] = cells.splice(cellIndex(cells, "test_weights"), 1);
      cells.unshift(weights);
    });
    const plan = restoreSubmission(assignment, notebook);
    expect(order(plan)).toEqual(SOURCE_ORDER);
    expect(plan.notes).toEqual([
      'test cell "test_predict" was changed in the submission; the original was run',
      'test cell "test_mse" was missing from the submission; the original was run',
      'test cell "test_fit" appears 3 times in the submission; it was run once',
    ]);
    for (const gradeId of ["test_predict", "test_mse"]) {
      const planned = plan.cells.find((cell) => cell.gradeId === gradeId);
      const original = assignment.cells.find((cell) => cell.gradeId === gradeId);
      expect(planned?.cell).toBe(original?.cell);
    }
  });

  test("tests are matched by cell id when their metadata was removed", () => {
    const notebook = submission({}, (cells) => {
      const test = cells[cellIndex(cells, "test_mse")];
      test.metadata = {};
      test.source = "// nothing to see";
    });
    const plan = restoreSubmission(assignment, notebook);
    expect(order(plan)).toEqual(SOURCE_ORDER);
    expect(plan.notes).toEqual([
      'test cell "test_mse" was changed in the submission; the original was run',
    ]);
  });

  test("cells the student added stay where they were; forged grading metadata is dropped", () => {
    const notebook = submission({}, (cells) => {
      cells.splice(cellIndex(cells, "test_predict") + 1, 0, codeCell("console.log(1)", "scratch"));
      const forged: Cell = codeCell("// bonus", "forged");
      forged.metadata = { nbgrader: { grade_id: "bonus", grade: true, points: 100 }, tags: ["x"] };
      cells.push(forged);
      const duplicate = structuredClone(cells[cellIndex(cells, "mse")]);
      duplicate.id = "mse-copy";
      cells.splice(cellIndex(cells, "mse") + 1, 0, duplicate);
    });
    const plan = restoreSubmission(assignment, notebook);
    expect(order(plan)).toEqual([
      ...SOURCE_ORDER.slice(0, 5),
      "student:scratch",
      "mse_intro",
      "mse",
      "student:mse-copy",
      ...SOURCE_ORDER.slice(7),
      "student:forged",
    ]);
    const forged = plan.cells.find((cell) => cell.cell.id === "forged");
    expect(forged?.cell.metadata).toEqual({ tags: ["x"] });
    expect(forged?.role).toBe("plain");
    expect(plan.notes).toEqual([
      'cell 8 repeats the grade_id of solution cell "mse"; it ran as an ordinary cell',
      "cell 16 carries nbgrader metadata the assignment does not have; it was ignored",
    ]);
  });

  test("the notebook to run has exactly the planned cells, and the input is untouched", () => {
    const notebook: Notebook = submission();
    const before = JSON.stringify(notebook);
    const plan = restoreSubmission(assignment, notebook);
    expect(plan.notebook.cells).toEqual(plan.cells.map((cell) => cell.cell));
    expect(JSON.stringify(notebook)).toBe(before);
  });
});
