import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { studentVersion } from "../../src/grader/authoring/assign";
import { nbgraderMetadata, validateAssignment } from "../../src/grader/authoring/markup";
import { readNotebook, writeNotebook, type Notebook } from "../../src/notebook";
import type { Workload } from "../workload";

/**
 * Grading throughput (issue 7): a class of 40 submissions of a lesson notebook graded by
 * `gradbook grade` (workers = cores, every cell sandboxed, hidden tests included) against
 * executing the same 40 notebooks one by one with `jupyter nbconvert --execute` (the engine
 * nbgrader uses), in the tslab kernel. The lesson is notebooks/source/01-*.ipynb when it
 * exists, else the grader's fixture assignment. A quarter of the class hands in the student
 * version untouched (failing tests), the rest the instructor's solutions.
 *
 * Target: gradbook at most 1/3 of nbconvert's time (≥ 3× the throughput), and under 2 s per
 * submission (printed on stderr). One sample takes minutes:
 *
 *   npm run bench -- --filter grading --repeat 1
 */
const ROOT = join(__dirname, "..", "..");
const CLASS_SIZE = 40;

interface GradingState {
  cli: string;
  source: string;
  submissions: string;
  out: string;
}

function lessonSource(): string {
  const folder = join(ROOT, "notebooks", "source");
  const lesson = existsSync(folder)
    ? readdirSync(folder).find((name) => /^01-.*\.ipynb$/.test(name))
    : undefined;
  return lesson
    ? join(folder, lesson)
    : join(ROOT, "test", "fixtures", "grader", "linear-model.source.ipynb");
}

// The student version with each solution cell as the instructor wrote it.
function solved(source: Notebook, release: Notebook): Notebook {
  const copy = structuredClone(release);
  copy.cells.forEach((cell, index) => {
    if (nbgraderMetadata(cell)?.solution && cell.cell_type === "code") {
      cell.source = source.cells[index].source;
    }
  });
  return copy;
}

function writeClass(source: string, folder: string): void {
  const notebook = readNotebook(source);
  const release = studentVersion(validateAssignment(notebook, source)).notebook;
  const good = solved(notebook, release);
  mkdirSync(folder, { recursive: true });
  for (let k = 0; k < CLASS_SIZE; k++) {
    const name = `student-${String(k + 1).padStart(2, "0")}.ipynb`;
    writeNotebook(join(folder, name), k % 4 === 3 ? release : good);
  }
}

function setup(): GradingState {
  // The command as npm installs it: package.json's `bin`.
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    bin: { gradbook: string };
  };
  const cli = join(ROOT, manifest.bin.gradbook);
  if (!existsSync(cli)) {
    throw new Error(
      `${manifest.bin.gradbook} is missing: run \`npm run build\` before this benchmark`,
    );
  }
  // Inside the project: nbconvert starts tslab in the notebook's folder, and tslab resolves
  // gradbook from there.
  const work = join(ROOT, "bench", `.tmp-grading-${process.pid}`);
  process.once("exit", () => rmSync(work, { recursive: true, force: true }));
  const source = lessonSource();
  writeClass(source, join(work, "submissions"));
  return { cli, source, submissions: join(work, "submissions"), out: join(work, "out") };
}

function grade(state: GradingState): void {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [state.cli, "grade", "--source", state.source, "--out", state.out, state.submissions],
    { encoding: "utf8" },
  );
  if (run.status !== 0) {
    throw new Error(`gradbook grade exited with ${run.status}: ${run.stderr}`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `grading: ${CLASS_SIZE} submissions in ${seconds.toFixed(1)} s, ` +
      `${(seconds / CLASS_SIZE).toFixed(2)} s each (target < 2 s)\n`,
  );
}

const nbconvertSetup = (state: GradingState): string => `
import glob, subprocess, sys
files = sorted(glob.glob(${JSON.stringify(join(state.submissions, "*.ipynb"))}))
def execute_class():
    for path in files:
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--allow-errors", "--ExecutePreprocessor.timeout=120",
             "--output-dir", ${JSON.stringify(join(state.out, "nbconvert"))}, path],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
`;

let state: GradingState | undefined;

function prepared(): GradingState {
  state ??= setup();
  return state;
}

export const workloads: Workload<GradingState>[] = [
  {
    name: `grade ${CLASS_SIZE} submissions`,
    inputs: {},
    setup: prepared,
    gradbook: grade,
    get numpy() {
      return { setup: nbconvertSetup(prepared()), run: "execute_class()" };
    },
    target: 1 / 3,
  },
];
