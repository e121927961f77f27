import { describe, expect, test } from "vitest";
import { feedbackHtml } from "../../../src/grader/report/feedback-html";
import { gradebookCsv } from "../../../src/grader/report/gradebook-csv";
import {
  formatPoints,
  submissionName,
  type SubmissionResult,
} from "../../../src/grader/scoring/results";

function result(
  name: string,
  points: number[],
  overrides: Partial<SubmissionResult> = {},
): SubmissionResult {
  const ids = ["t1", "t2"];
  const tests = points.map((earned, k) => ({
    gradeId: ids[k],
    points: earned,
    maxPoints: k === 0 ? 2 : 0.5,
    passed: earned > 0,
    outcome: earned > 0 ? ("passed" as const) : ("failed" as const),
    error: earned > 0 ? "" : 'Error: <wrong> & "bad"',
    hasHiddenTests: k === 1,
  }));
  return {
    submission: name,
    file: `${name}.ipynb`,
    graded: true,
    total: points.reduce((a, b) => a + b, 0),
    max: 2.5,
    tests,
    problems: [],
    notes: [],
    kernelRestarts: 0,
    durationMs: 1,
    ...overrides,
  };
}

describe("results helpers", () => {
  test("submission names drop .ipynb; points print compactly", () => {
    expect(submissionName("/a/b/alice.ipynb")).toBe("alice");
    expect(submissionName("bob.IPYNB")).toBe("bob");
    expect(submissionName("carol.txt")).toBe("carol.txt");
    expect([2, 2.5, 1 / 3, 0].map(formatPoints)).toEqual(["2", "2.5", "0.333", "0"]);
  });
});

describe("gradebookCsv", () => {
  test("one row per submission, sorted, one column per test in notebook order", () => {
    const csv = gradebookCsv(["t1", "t2"], [result("zoe", [2, 0.5]), result("adam", [0, 0.5])]);
    expect(csv).toBe("submission,total,max,t1,t2\nadam,0.5,2.5,0,0.5\nzoe,2.5,2.5,2,0.5\n");
  });

  test("quotes fields with commas or quotes and defuses spreadsheet formulas", () => {
    const csv = gradebookCsv(
      ["t1", "t,2"],
      [result('a "b", c', [2, 0]), result("=HYPERLINK(1)", [0, 0]), result("-1", [0, 0])],
    );
    expect(csv.split("\n")).toEqual([
      'submission,total,max,t1,"t,2"',
      "-1,0,2.5,0,0",
      "'=HYPERLINK(1),0,2.5,0,0",
      '"a ""b"", c",2,2.5,2,0',
      "",
    ]);
  });

  test("a submission that was not graded has zeros for every test", () => {
    const ungraded = result("x", [0, 0], { graded: false, reason: "not a notebook", tests: [] });
    expect(gradebookCsv(["t1", "t2"], [ungraded])).toBe(
      "submission,total,max,t1,t2\nx,0,2.5,0,0\n",
    );
  });
});

describe("feedbackHtml", () => {
  const visible = new Map([
    ["t1", { source: "assertClose(f(1), <2>);", hasHiddenTests: false }],
    ["t2", { source: "assertClose(g(1), 3);", hasHiddenTests: true }],
  ]);

  test("shows the score, each test and why it failed, escaped", () => {
    const html = feedbackHtml(result("alice", [0, 0.5]), visible);
    expect(html).toContain("<title>Feedback: alice</title>");
    expect(html).toContain("0.5 / 2.5 points");
    expect(html).toContain('<pre class="error">Error: &lt;wrong&gt; &amp; &quot;bad&quot;</pre>');
    expect(html).toContain("assertClose(f(1), &lt;2&gt;);");
    expect(html).toContain("This test also runs hidden checks (not shown).");
    expect(html).not.toContain("<wrong>");
  });

  test("explains an ungraded submission; lists failing cells and notes", () => {
    const html = feedbackHtml(
      result("bob", [0, 0], {
        graded: false,
        reason: "not a notebook: not valid JSON",
        problems: [
          {
            submissionIndex: 3,
            gradeId: "mse",
            role: "solution",
            outcome: "type-error",
            error: "2:9 - bad",
          },
        ],
        notes: ['test cell "t1" was changed in the submission; the original was run'],
      }),
      visible,
    );
    expect(html).toContain("This submission could not be graded: not a notebook: not valid JSON");
    expect(html).toContain(
      "cell 3 (grade_id &quot;mse&quot;): type error (the cell did not compile)<pre>2:9 - bad</pre>",
    );
    expect(html).toContain("test cell &quot;t1&quot; was changed in the submission");
  });
});
