/**
 * `gradbook assign`: the student version of a source notebook, as nbgrader's assign step makes
 * it. Solution regions become stubs (stub.ts), hidden tests are removed, outputs and execution
 * counts are cleared, locked cells are marked read-only and undeletable for the frontend
 * (`metadata.editable` / `metadata.deletable`, which JupyterLab honours), and every grade, solution
 * and locked cell records nbgrader's checksum of its student version and its cell type, exactly
 * as nbgrader's generate_assignment does (checksum.ts), so that `gradbook check`, nbgrader's
 * validate and its autograder can tell which handed-out cells a student changed. Nothing of a
 * solution or a hidden test survives: the result is checked for delimiters, and for any line of
 * a solution or hidden test shown in another cell (secret-lines.ts), before it is returned.
 * Off-limits declarations (off-limits.ts) stay visible and are copied into the solution cell's
 * metadata.
 */
import {
  MarkupError,
  cellLines,
  describeCell,
  findRegions,
  type Assignment,
  type MarkedCell,
} from "./markup";
import { splitLines, sourceText, type Cell, type JSONObject, type Notebook } from "../../notebook";
import { withOffLimitsMetadata } from "./off-limits";
import { shownSecrets } from "./secret-lines";
import { stubSolutionRegions, syntaxErrors } from "./stub";
import { hasNbgraderChecksum, nbgraderChecksum } from "./checksum";

/** What a student sees in place of a markdown answer, as in nbgrader. */
export const TEXT_STUB = "YOUR ANSWER HERE";

/** Counts of what `studentVersion` changed, for the command's summary. */
export interface AssignStats {
  solutionRegions: number;
  hiddenRegions: number;
  tests: number;
  points: number;
}

function withoutRegions(
  lines: readonly string[],
  kind: "solution" | "hidden",
  replacement: string[],
): string[] {
  const { regions } = findRegions(lines, "markdown");
  const out = [...lines];
  for (const region of regions.filter((r) => r.kind === kind).sort((a, b) => b.begin - a.begin)) {
    out.splice(region.begin, region.end - region.begin + 1, ...replacement);
  }
  return out;
}

/** The source of a test cell without its hidden tests (what students and feedback show). */
export function visibleTestSource(cell: Cell): string {
  return withoutRegions(cellLines(cell), "hidden", []).join("\n");
}

function studentSource(marked: MarkedCell, stats: AssignStats): string {
  const { cell, role } = marked;
  const lines = cellLines(cell);
  if (role === "tests") {
    const hidden = findRegions(lines, cell.cell_type).regions.filter((r) => r.kind === "hidden");
    stats.hiddenRegions += hidden.length;
    return visibleTestSource(cell);
  }
  if (role !== "solution" && role !== "manual") {
    return sourceText(cell.source);
  }
  const { regions } = findRegions(lines, cell.cell_type);
  const solutions = regions.filter((region) => region.kind === "solution");
  // nbgrader replaces a solution cell without delimiters as a whole.
  const wholeCell = [{ kind: "solution" as const, begin: 0, end: lines.length - 1 }];
  const targets = solutions.length > 0 ? solutions : wholeCell;
  stats.solutionRegions += targets.length;
  if (cell.cell_type !== "code") {
    return withoutRegions(
      solutions.length > 0 ? lines : ["BEGIN SOLUTION", ...lines, "END SOLUTION"],
      "solution",
      [TEXT_STUB],
    ).join("\n");
  }
  const framed = solutions.length > 0 ? lines : ["// BEGIN SOLUTION", ...lines, "// END SOLUTION"];
  const regionsToStub =
    solutions.length > 0 ? solutions : [{ ...wholeCell[0], end: lines.length + 1 }];
  const text = stubSolutionRegions(framed, regionsToStub).join("\n");
  const errors = syntaxErrors(text);
  if (errors.length > 0) {
    throw new MarkupError("", [
      `${describeCell(marked.index, marked.gradeId)}: its student version does not parse ` +
        `(${errors[0]}); put BEGIN SOLUTION and END SOLUTION around whole statements or ` +
        `around the inside of a function body`,
    ]);
  }
  return text;
}

function studentCell(marked: MarkedCell, stats: AssignStats): Cell {
  const { cell, role } = marked;
  const metadata: JSONObject = { ...cell.metadata };
  const locked = role === "tests" || role === "readonly" || role === "task";
  if (locked) {
    metadata.editable = false;
  }
  if (role !== "plain") {
    metadata.deletable = false;
  }
  const out: Cell =
    cell.cell_type === "code"
      ? { ...cell, metadata, outputs: [], execution_count: null }
      : { ...cell, metadata };
  out.source = splitLines(studentSource(marked, stats));
  if ((role === "solution" || role === "manual") && out.cell_type !== "code") {
    delete out.attachments;
  }
  if (metadata.nbgrader !== undefined) {
    const nbgrader = { ...(metadata.nbgrader as JSONObject) };
    delete nbgrader.checksum;
    delete nbgrader.cell_type;
    metadata.nbgrader = nbgrader;
    if (hasNbgraderChecksum(out)) {
      nbgrader.checksum = nbgraderChecksum(out);
      nbgrader.cell_type = out.cell_type;
    }
  }
  return out;
}

const LEAK = /BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS/;

/**
 * The student version of a validated assignment (see the file comment). Throws `MarkupError`
 * naming the cell when a stubbed cell would not parse.
 */
export function studentVersion(assignment: Assignment): { notebook: Notebook; stats: AssignStats } {
  const stats: AssignStats = {
    solutionRegions: 0,
    hiddenRegions: 0,
    tests: assignment.tests.length,
    points: assignment.maxPoints,
  };
  let cells: Cell[];
  try {
    cells = assignment.cells.map((marked) =>
      withOffLimitsMetadata(marked, studentCell(marked, stats)),
    );
  } catch (error) {
    if (error instanceof MarkupError) {
      throw new MarkupError(assignment.file, error.problems);
    }
    throw error;
  }
  const notebook: Notebook = { ...assignment.notebook, cells };
  const leaked = cells.findIndex((cell) => LEAK.test(JSON.stringify(cell)));
  if (leaked >= 0) {
    throw new Error(
      `internal error: cell ${leaked} of the student version still holds a delimiter`,
    );
  }
  const shown = shownSecrets(assignment.notebook, notebook);
  if (shown.length > 0) {
    throw new MarkupError(
      assignment.file,
      shown.map((where) => `${where}: students would see it; rephrase or remove it`),
    );
  }
  return { notebook, stats };
}
