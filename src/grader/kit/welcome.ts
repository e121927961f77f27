/**
 * The students' welcome notebook of a kit: what the folder holds, the two commands, how to
 * check an exercise before handing it in, what an OFF-LIMITS line means, and the lessons in
 * order, each linked. It is written from the kit's own lessons, so it lists exactly what the
 * kit holds. (The instructor's notebooks/00-welcome.ipynb sends instructors elsewhere.)
 */
import { sourceText, splitLines, type Cell, type Notebook } from "../../notebook";

/** A lesson of the kit: its path in the kit and its title. */
export interface KitLesson {
  path: string;
  title: string;
}

/** The title of a lesson: the text of its first markdown heading, else its file name. */
export function lessonTitle(notebook: Notebook, fallback: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type === "markdown") {
      const heading = /^#+\s+(.+)$/m.exec(sourceText(cell.source));
      if (heading !== null) {
        return heading[1].trim();
      }
    }
  }
  return fallback;
}

function markdown(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: {}, source: splitLines(text) };
}

function lessonList(lessons: readonly KitLesson[]): string {
  return lessons.map((lesson, i) => `${i + 1}. [${lesson.title}](${lesson.path})`).join("\n");
}

/** The welcome notebook of a kit holding `lessons`, with the notebook metadata `metadata`. */
export function kitWelcome(
  lessons: readonly KitLesson[],
  metadata: Notebook["metadata"],
): Notebook {
  const first = lessons[0]?.path ?? "lessons/01-….ipynb";
  const cells: Cell[] = [
    markdown(
      "welcome-intro",
      [
        "# Welcome to the course",
        "",
        "This folder is your copy of the course: the lessons are in `lessons/`, tools to find " +
          "your own mistakes in `tools/`. Every notebook runs in the **TypeScript (tslab)** " +
          "kernel (its name is in the top-right corner) and uses `gradbook`, a small numpy-like " +
          "library that computes in float64.",
        "",
        "Run a cell with **Shift+Enter**. Each exercise is a function for you to write, with a " +
          "test cell below it: run the test cell to see whether your function passes.",
      ].join("\n"),
    ),
    {
      cell_type: "code",
      id: "welcome-import-code",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: splitLines('import * as gb from "gradbook";\n\ngb.version'),
    },
    markdown(
      "welcome-next",
      [
        "If you see a version number above, your set-up works.",
        "",
        "## Checking your work",
        "",
        "Before you hand a lesson in, run its tests the way the grader will: click **Check** in " +
          "the notebook's toolbar (or run *gradbook: Check Notebook* from the command palette), " +
          "or from a terminal in this folder:",
        "",
        "```sh",
        `npm test -- ${first}`,
        `npx gradbook check ${first}`,
        "```",
        "",
        "Both run the notebook from the top in a fresh kernel and list each test with its " +
          "points (`npm test` alone checks every lesson). Hidden tests run only when your work " +
          "is graded, so passing every visible test does not guarantee every point.",
        "",
        "A line `// OFF-LIMITS: gb.softmax` above an exercise names library functions your " +
          "answer may not use, directly or through other library functions: the exercise asks " +
          "you to write that computation yourself, and its tests fail if your code reaches one. " +
          "The tests themselves may use them to check your answer.",
        "",
        "## The lessons, in order",
        "",
        lessonList(lessons),
      ].join("\n"),
    ),
  ];
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}
