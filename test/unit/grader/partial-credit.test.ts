// Partial credit: the library's helper, how a test cell is bracketed for it, and how a run is
// scored from its reports (only lowering, never forged, nbgrader's numeric results) — plus the
// manually graded cells and the notebook kept for the student.
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  PARTIAL_CREDIT_MIME as LIBRARY_MIME,
  partialCredit,
} from "../../../src/check/partial-credit";
import { validateAssignment } from "../../../src/grader/authoring/markup";
import {
  bracketPartialCredit,
  nbgraderCredit,
  PARTIAL_CREDIT_MIME,
  reportedCredit,
} from "../../../src/grader/scoring/partial-credit";
import { prepareAssignment } from "../../../src/grader/scoring/prepare";
import { restoreSubmission } from "../../../src/grader/scoring/restore";
import { scoreRun } from "../../../src/grader/scoring/score";
import type { RunReport } from "../../../src/kernel/run-notebook";
import { sourceText, type Notebook, type Output } from "../../../src/notebook";
import { cycleSource } from "../../fixtures/grader/class-cycle";
import { release, submission } from "../../fixtures/grader/submissions";

afterEach(() => {
  vi.restoreAllMocks();
});

function report(token: string, fraction: number, messages: string[] = []): Output {
  return {
    output_type: "display_data",
    data: { [PARTIAL_CREDIT_MIME]: { token, fraction, messages }, "text/plain": "partial" },
    metadata: {},
  };
}

describe("partialCredit in the library", () => {
  test("records the smallest fraction while a record is open, and reports it once", () => {
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((text: string) => printed.push(text));
    partialCredit.open("t1");
    partialCredit(0.75);
    partialCredit(0.5, "the bias is missing");
    partialCredit(1, "full marks please");
    partialCredit.open("t1");
    partialCredit.report("t1");
    partialCredit.report("t1");
    expect(printed).toEqual([
      "partial credit: 75% of this test's points",
      "partial credit: 50% of this test's points: the bias is missing",
      "partial credit: 100% of this test's points: full marks please",
      "gradbook: partial credit 50%",
      "gradbook: partial credit 0%",
    ]);
  });

  test("refuses a fraction outside [0, 1] or that is not a number", () => {
    expect(() => partialCredit(1.5)).toThrow(
      "partialCredit(fraction, message): fraction must be a number from 0 to 1, got 1.5",
    );
    expect(() => partialCredit(Number.NaN)).toThrow("got NaN");
    expect(() => partialCredit("0.5" as unknown as number)).toThrow("got string");
    expect(LIBRARY_MIME).toBe(PARTIAL_CREDIT_MIME);
  });
});

describe("bracketing a test cell", () => {
  test("opens on the first line after the protected prefix and reports after the last", () => {
    const cell = {
      code: '"use strict"; assertClose(1, 1);\npartialCredit(0.5);',
      prefixLength: 14,
    };
    const bracketed = bracketPartialCredit(cell, "abc");
    expect(bracketed.code).toBe(
      '"use strict"; import { partialCredit as $gradbookPartialCredit } from "gradbook"; ' +
        '$gradbookPartialCredit.open("abc"); assertClose(1, 1);\npartialCredit(0.5);\n' +
        '$gradbookPartialCredit.report("abc");',
    );
    expect(bracketed.code.slice(bracketed.prefixLength)).toMatch(/^assertClose/);
  });
});

describe("reading a test's credit", () => {
  test("only reports under the test's token count; the smallest wins", () => {
    const outputs = [
      report("forged", 1),
      report("tok", 0.5, ["why"]),
      report("tok", 0.75),
      report("x", 0),
    ];
    expect(reportedCredit(outputs, "tok")).toEqual({ fraction: 0.5, messages: ["why"] });
    expect(reportedCredit([report("forged", 1)], "tok")).toBeUndefined();
  });

  test("nbgrader's convention: a numeric execute_result is the points, never more than the test's", () => {
    const result = (text: unknown): Output[] => [
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/plain": text as string },
        metadata: {},
      },
    ];
    expect(nbgraderCredit(result("1.5"), 3)).toBe(0.5);
    expect(nbgraderCredit(result(["2"]), 4)).toBe(0.5);
    expect(nbgraderCredit(result("7"), 3)).toBe(1);
    expect(nbgraderCredit(result("-1"), 3)).toBeUndefined();
    expect(nbgraderCredit(result("'text'"), 3)).toBeUndefined();
    expect(nbgraderCredit(result(["1", "2"]), 3)).toBeUndefined();
    expect(nbgraderCredit([], 3)).toBeUndefined();
  });
});

describe("scoring a run", () => {
  const source = cycleSource();
  const prepared = prepareAssignment(validateAssignment(source, "cycle.ipynb"));
  const mseIndex = source.cells.findIndex((cell) =>
    sourceText(cell.source).includes("partialCredit(0.5"),
  );
  const token = prepared.partialCreditTokens.get(mseIndex) ?? "";

  // A run of `notebook` where every cell passed, with `outputs` in the cells of these grade_ids.
  function run(notebook: Notebook, outputs: Record<string, Output[]>, failed: string[] = []) {
    const plan = restoreSubmission(prepared.assignment, notebook);
    const cells = plan.cells.map((planned) =>
      planned.cell.cell_type === "code"
        ? { ...planned.cell, outputs: outputs[planned.gradeId ?? ""] ?? [], execution_count: 1 }
        : planned.cell,
    );
    const reports = plan.cells.map((planned, cellIndex) => ({
      cellIndex,
      status: failed.includes(planned.gradeId ?? "") ? ("error" as const) : ("ok" as const),
      executionCount: 1,
      errorText: failed.includes(planned.gradeId ?? "") ? "Error: not implemented" : "",
      truncated: false,
      durationMs: 1,
    }));
    const runReport: RunReport = {
      notebook: { ...notebook, cells },
      cells: reports,
      failures: reports.filter((r) => r.status !== "ok"),
      notRun: [],
      ok: true,
      restarts: 0,
      kernelStartMs: 1,
      durationMs: 1,
    };
    return scoreRun(prepared, plan, runReport);
  }

  const mse = (scored: ReturnType<typeof run>) =>
    scored.tests.find((t) => t.gradeId === "test_mse");

  test("only the tests that use partialCredit are bracketed, each with a secret token of its own", () => {
    expect([...prepared.partialCreditTokens.keys()]).toEqual([mseIndex]);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(prepared.protectedTests.get(mseIndex)?.code).toContain(`.report("${token}");`);
  });

  test("a passing test scores its fraction; a missing report scores 0; a forged one is ignored", () => {
    const half = mse(
      run(submission(), { test_mse: [report("guess", 1), report(token, 0.5, ["close"])] }),
    );
    expect(half).toMatchObject({
      points: 1.5,
      passed: true,
      partial: { fraction: 0.5, messages: ["close"] },
    });
    expect(mse(run(submission(), { test_mse: [report(token, 1)] }))).toMatchObject({
      points: 3,
      passed: true,
    });
    expect(mse(run(submission(), { test_mse: [report(token, 1)] }))?.partial).toBeUndefined();
    const missing = mse(run(submission(), { test_mse: [report("guess", 1)] }));
    expect(missing).toMatchObject({ points: 0, passed: false, outcome: "failed" });
    expect(missing?.error).toContain("its partial-credit report did not reach the grader");
    const failing = mse(run(submission(), { test_mse: [report(token, 1)] }, ["test_mse"]));
    expect(failing).toMatchObject({ points: 0, passed: false });
  });

  test("the kept notebook shows visible test code, cleaned errors and no report", () => {
    const scored = run(release(), { test_mse: [report(token, 0.5)] }, ["test_predict"]);
    const cells = scored.executed.cells;
    const text = JSON.stringify(cells);
    expect(text).not.toContain("BEGIN HIDDEN TESTS");
    expect(text).not.toContain(token);
    expect(text).not.toContain("$gradbookPartialCredit");
    const testPredict = cells.find((cell) =>
      JSON.stringify(cell.metadata).includes('"test_predict"'),
    );
    expect(testPredict?.cell_type === "code" && testPredict.outputs).toEqual([
      {
        output_type: "error",
        ename: "failed",
        evalue: "Error: not implemented",
        traceback: ["Error: not implemented"],
      },
    ]);
  });

  test("manual cells: an answer left as handed out scores 0, a written one waits", () => {
    expect(run(release(), {}).manual).toEqual([
      {
        gradeId: "explain",
        kind: "answer",
        maxPoints: 1,
        points: 0,
        comment: "no answer: the cell is as it was handed out",
      },
    ]);
    const answered = submission({}, (cells) => {
      const explain = cells.findIndex((cell) =>
        JSON.stringify(cell.metadata).includes('"explain"'),
      );
      cells[explain].source = "Because it never squares the condition number.";
    });
    expect(run(answered, {}).manual).toEqual([
      { gradeId: "explain", kind: "answer", maxPoints: 1, points: null },
    ]);
  });
});
