import { describe, expect, it } from "vitest";
import { kitWelcome, lessonGoal } from "../../../src/grader/kit/welcome";
import { sourceText, splitLines, type Notebook } from "../../../src/notebook";

function withIntro(text: string): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: "markdown", id: "intro", metadata: {}, source: splitLines(text) }],
  };
}

describe("the kit's welcome notebook", () => {
  it("takes a lesson's goal from the first item of its Goals list, numbered or bulleted", () => {
    const numbered = "# Lesson 1\n\n**Goals.** By the end you can\n\n1. solve it;\n2. plot it.";
    expect(lessonGoal(withIntro(numbered))).toBe("solve it");
    expect(lessonGoal(withIntro("# Lesson 5\n\nWhy.\n\n**Goals**\n* the sigmoid\n* more"))).toBe(
      "the sigmoid",
    );
    expect(lessonGoal(withIntro("# Lesson 9\n\nNo goals listed."))).toBeUndefined();
  });

  it("lists every lesson with its link and goal, then the notation", () => {
    const welcome = kitWelcome(
      [
        { path: "lessons/01-a.ipynb", title: "Lesson 1", goal: "solve it" },
        { path: "lessons/02-b.ipynb", title: "Lesson 2" },
      ],
      {},
    );
    const text = welcome.cells.map((cell) => sourceText(cell.source)).join("\n");
    expect(text).toContain("1. [Lesson 1](lessons/01-a.ipynb): solve it\n");
    expect(text).toContain("2. [Lesson 2](lessons/02-b.ipynb)\n");
    expect(text).toMatch(/## Notation[\s\S]*\$\\lambda\$ \| the regularization strength/);
    expect(text).toContain("click **Check**");
  });
});
