// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, test } from "vitest";
import { feedbackHtml } from "../../../src/grader/report/feedback-html";
import { markdownHtml } from "../../../src/grader/report/markdown-html";
import { gradebookRows } from "../../../src/grader/report/rows";
import { summaryHtml } from "../../../src/grader/report/summary-html";
import { formatPoints, submissionName } from "../../../src/grader/scoring/results";
import type { Cell, Notebook } from "../../../src/notebook";
import { IDENTITY, makeResult } from "../../support/results";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

function code(source: string, outputs: object[], gradeId?: string): Cell {
  return {
    cell_type: "code",
    source,
    metadata: gradeId ? { nbgrader: { grade_id: gradeId, grade: true, locked: true } } : {},
    outputs: outputs as never,
    execution_count: 1,
  };
}

/** The notebook of a run, one of each kind of output a student can produce. */
const EXECUTED: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    {
      cell_type: "markdown",
      source: "# Task\n\nUse `predict` <script>alert(1)</script> [docs](https://example.org)",
      metadata: {},
    },
    code("plot(x)", [
      { output_type: "stream", name: "stdout", text: "\u001b[31mred\u001b[0m text\n" },
      {
        output_type: "display_data",
        data: { "image/png": PNG, "text/plain": "<img>" },
        metadata: {},
      },
      {
        output_type: "display_data",
        data: { "image/svg+xml": "<svg><script>alert(2)</script></svg>" },
        metadata: {},
      },
      {
        output_type: "display_data",
        data: { "text/html": '<script>alert(3)</script><img src="https://evil.example/x">' },
        metadata: {},
      },
      {
        output_type: "display_data",
        data: {
          "application/vnd.plotly.v1+json": {
            data: [{ type: "scatter" }, { type: "scatter" }],
            layout: { title: { text: "Fit <b>1</b>" } },
          },
          "text/plain": "Figure",
        },
        metadata: {},
      },
      {
        output_type: "display_data",
        data: { "application/vnd.gradbook.tensor+json": {}, "text/plain": "Tensor([1, 2])" },
        metadata: {},
      },
    ]),
    code(
      "assertClose(f(1), 2);",
      [
        {
          output_type: "error",
          ename: "failed",
          evalue: "x",
          traceback: ["\u001b[1mAssertionError\u001b[0m: x"],
        },
      ],
      "t1",
    ),
    code("assertClose(g(1), 3);", [], "t2"),
    { cell_type: "markdown", source: "My essay.", metadata: { nbgrader: { grade_id: "essay" } } },
  ],
};

function page(overrides: Parameters<typeof makeResult>[2] = {}, manual = [] as never[]) {
  const result = makeResult("alice", [0, 0.25], {
    tests: makeResult("alice", [0, 0.25]).tests.map((test) =>
      test.gradeId === "t2"
        ? { ...test, partial: { fraction: 0.5, messages: ["the <bias> is missing"] } }
        : test,
    ),
    ...overrides,
  });
  const { rows } = gradebookRows(IDENTITY.items, [result], manual);
  return feedbackHtml(rows[0], IDENTITY.items, EXECUTED);
}

describe("results helpers", () => {
  test("submission names drop .ipynb; points print compactly", () => {
    expect(submissionName("/a/b/alice.ipynb")).toBe("alice");
    expect(submissionName("bob.IPYNB")).toBe("bob");
    expect(submissionName("carol.txt")).toBe("carol.txt");
    expect(submissionName(Buffer.from([0x2f, 0x61, 0x2f, 0x63, 0x61, 0x66, 0xe9]))).toBe(
      "caf\\xe9",
    );
    expect([2, 2.5, 1 / 3, 0].map(formatPoints)).toEqual(["2", "2.5", "0.333", "0"]);
  });
});

describe("feedbackHtml", () => {
  test("shows the score, each graded cell and why, escaped", () => {
    const html = page();
    expect(html).toContain("<title>Feedback: alice</title>");
    expect(html).toContain("0.25 / 3.5 points — 1 manually graded cell still to be scored");
    expect(html).toContain(
      '<pre class="error">AssertionError: &lt;wrong&gt; &amp; &quot;bad&quot; 3 of 4 values differ</pre>',
    );
    expect(html).toContain("partial credit");
    expect(html).toContain("the &lt;bias&gt; is missing");
    expect(html).toContain("This test also runs hidden checks (not shown).");
    expect(html).toContain("graded by your instructor (pending)");
    expect(html).not.toContain("<wrong>");
  });

  test("shows the student's notebook cell by cell, each test's points beside its cell", () => {
    const dom = parse(page());
    const cells = [...dom.querySelectorAll("section.cell")];
    expect(cells).toHaveLength(5);
    expect(cells[0].querySelector("h3")?.textContent).toBe("Task");
    expect(cells[2].querySelector("aside.grade")?.textContent).toContain("t1 0 / 2");
    expect(cells[2].querySelector(".output.error")?.textContent).toBe("AssertionError: x");
    expect(cells[3].querySelector("aside.grade.partial")?.textContent).toContain("t2 0.25 / 0.5");
    expect(cells[4].querySelector("aside.grade.pending")).not.toBeNull();
    const outputs = cells[1].querySelectorAll(".outputs > *");
    expect(outputs[0].textContent).toBe("red text\n");
    expect(outputs[1].getAttribute("src")).toBe(`data:image/png;base64,${PNG}`);
    expect(outputs[2].getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(cells[1].textContent).toContain("<script>alert(3)</script>");
    expect(cells[1].textContent).toContain("A plot was shown here: “Fit <b>1</b>” (2 scatter)");
    expect(cells[1].textContent).toContain("Tensor([1, 2])");
  });

  test("is self-contained and runs nothing: no script, no external address", () => {
    const html = page();
    const dom = parse(html);
    expect(dom.querySelectorAll("script, iframe, object, embed, link")).toHaveLength(0);
    const addresses = [...dom.querySelectorAll("[src], [href]")].map(
      (node) => node.getAttribute("src") ?? node.getAttribute("href") ?? "",
    );
    expect(addresses.every((address) => address.startsWith("data:"))).toBe(true);
    expect(html).not.toMatch(/url\(|@import/);
    expect(
      [...dom.querySelectorAll("*")].some((node) =>
        node.getAttributeNames().some((a) => a.startsWith("on")),
      ),
    ).toBe(false);
  });

  test("shows the instructor's points and comments from manual.csv, and a late penalty", () => {
    const html = page(
      {
        timestamp: "2024-03-01T19:30:00Z",
        late: { due: "2024-03-01T17:00:00Z", penalty: "flat:0.1" },
      },
      [
        { submission: "alice", gradeId: "essay", points: 1, comment: "Clear & right", line: 2 },
        { submission: "alice", gradeId: "t1", points: 1, comment: "half for the idea", line: 3 },
      ] as never[],
    );
    expect(html).toContain("2.15 / 3.5 points (2.25 less 0.1 for handing in 2.5 h late)");
    expect(html).toContain("Clear &amp; right");
    expect(html).toContain("Instructor: half for the idea");
    expect(html).toContain("Points set by your instructor.");
  });

  test("a submission that was not run: the reason, and the table without a notebook", () => {
    const result = makeResult("bob", [0, 0], {
      graded: false,
      reason: "not a notebook: not valid JSON",
    });
    const { rows } = gradebookRows(IDENTITY.items, [result], []);
    const html = feedbackHtml(rows[0], IDENTITY.items, undefined);
    expect(html).toContain("This submission could not be graded: not a notebook: not valid JSON");
    expect(html).not.toContain("Your notebook as it was graded");
  });
});

describe("markdownHtml", () => {
  test("escapes first, then adds headings, lists, emphasis and code", () => {
    expect(markdownHtml("## Fit *it*\n\n- **one** `x<y`\n- two\n\n```\n<b>\n```")).toBe(
      "<h4>Fit <em>it</em></h4>\n<ul><li><strong>one</strong> <code>x&lt;y</code></li><li>two</li></ul>\n" +
        "<pre><code>&lt;b&gt;</code></pre>",
    );
    expect(markdownHtml("| a | `b` |\n| --- | --- |\n| 1 | <i> |\n\ntext\nmore")).toBe(
      "<table><thead><tr><th>a</th><th><code>b</code></th></tr></thead><tbody><tr><td>1</td>" +
        "<td>&lt;i&gt;</td></tr></tbody></table>\n<p>text more</p>",
    );
    expect(markdownHtml('<img src=x onerror="alert(1)">')).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>",
    );
  });
});

describe("summaryHtml", () => {
  test("histogram, pass rates and the most common failures; the same page for the same rows", () => {
    const results = [
      makeResult("a", [2, 0.5]),
      makeResult("b", [0, 0.5]),
      makeResult("c", [0, 0.5], {
        tests: makeResult("c", [0, 0.5]).tests.map((t) =>
          t.gradeId === "t1"
            ? { ...t, error: 'AssertionError: <wrong> & "bad" 1 of 4 values differ' }
            : t,
        ),
      }),
      makeResult("d", [0, 0], { graded: false, reason: "not a notebook" }),
    ];
    const { rows } = gradebookRows(IDENTITY.items, results, []);
    const html = summaryHtml("hw.ipynb", IDENTITY.items, rows, ["manual.csv:3: no submission"]);
    const dom = parse(html);
    expect(dom.querySelectorAll("svg rect.bar")).toHaveLength(10);
    expect(html).toContain(
      "4 submissions; mean 0.88, median 0.5 of 3.5 points; 1 not graded; 0 late; 4 manual scores pending.",
    );
    expect(html).toContain("33% pass (1 of 3)");
    expect(html).toContain(
      "2× <code>AssertionError: &lt;wrong&gt; &amp; &quot;bad&quot; 3 of 4 values differ</code>",
    );
    expect(html).toContain("<td>–</td><td>0 scored, 3 pending</td>");
    expect(html).toContain("<code>d</code>: not a notebook");
    expect(html).toContain("manual.csv:3: no submission");
    expect(summaryHtml("hw.ipynb", IDENTITY.items, rows, [])).toBe(
      summaryHtml(
        "hw.ipynb",
        IDENTITY.items,
        gradebookRows(IDENTITY.items, [...results].reverse(), []).rows,
        [],
      ),
    );
  });
});
