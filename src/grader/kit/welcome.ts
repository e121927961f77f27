/**
 * The students' welcome notebook of a kit: what the folder holds, the two commands, how to
 * check an exercise before handing it in, what an OFF-LIMITS line means, and the lessons in
 * order, each linked. It is written from the kit's own lessons, so it lists exactly what the
 * kit holds. (The instructor's notebooks/00-welcome.ipynb sends instructors elsewhere.)
 */
import { sourceText, splitLines, type Cell, type Notebook } from "../../notebook";

/** A lesson of the kit: its path in the kit, its title and, when its intro lists one, its goal. */
export interface KitLesson {
  path: string;
  title: string;
  goal?: string;
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

/**
 * The first goal a lesson's intro lists (the first item of the list after a line that starts
 * with "**Goals"), without its numbering and closing punctuation; undefined when there is none.
 */
export function lessonGoal(notebook: Notebook): string | undefined {
  const intro = notebook.cells.find((cell) => cell.cell_type === "markdown");
  if (intro === undefined) return undefined;
  const lines = sourceText(intro.source).split("\n");
  const start = lines.findIndex((line) => line.startsWith("**Goals"));
  if (start < 0) return undefined;
  const item = lines.slice(start + 1).find((line) => /^\s*(?:\d+\.|[*-])\s+/.test(line));
  return item
    ?.replace(/^\s*(?:\d+\.|[*-])\s+/, "")
    .replace(/[;,.]\s*$/, "")
    .trim();
}

// The names every lesson uses for the same things (lesson 8 keeps k for einsum's depth letter).
const NOTATION = [
  "| symbol | meaning |",
  "| --- | --- |",
  "| $m$, $n$ | number of examples, number of features: $X$ has shape [m, n] |",
  "| $w$, $b$, $W$ | weights, bias, weight matrix |",
  "| $\\lambda$ | the regularization strength (named `alpha` in `gb.l2Shrinkage` and `gb.ridgeFromOptimum`) |",
  "| $\\alpha$ | the learning rate of gradient descent |",
  "| $h_i$ | eigenvalues of the cost's Hessian $H$ (curvatures along its eigen-directions) |",
  "| $J$ | the cost being minimized |",
  "| [a, b] | a tensor's shape, as `x.shape` prints it |",
].join("\n");

function markdown(id: string, text: string): Cell {
  return { cell_type: "markdown", id, metadata: {}, source: splitLines(text) };
}

function lessonList(lessons: readonly KitLesson[]): string {
  return lessons
    .map((lesson, i) => {
      const goal = lesson.goal === undefined ? "" : `: ${lesson.goal}`;
      return `${i + 1}. [${lesson.title}](${lesson.path})${goal}`;
    })
    .join("\n");
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
        "## How to work",
        "",
        "Open the lessons in order and run their cells from the top: later cells use what " +
          "earlier ones define. The shape inspector in the right sidebar lists the tensors your " +
          "code has made and their shapes; the tools notebook shows how to find your own " +
          "mistakes (gradient checks, shape traces).",
        "",
        "## The lessons, in order",
        "",
        lessonList(lessons),
        "",
        "## Notation",
        "",
        NOTATION,
      ].join("\n"),
    ),
  ];
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}
