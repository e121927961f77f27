/**
 * The notebook that is run to grade a submission: the student's cells, with every locked cell
 * (read-only cells and tests, hidden tests included) taken from the source. Submission cells are
 * matched to source cells by nbgrader grade_id, then by cell id. A locked cell appears exactly
 * once, whatever the student did to it (edited, deleted, duplicated, moved): at the student's
 * place when that place agrees with the source's order of solution cells, else right before the
 * first solution cell that follows it in the source. Solution cells keep the student's code and
 * get their metadata back from the source; cells the student added run where they were put, and
 * nbgrader metadata on them that the source does not know is ignored, so no student cell scores.
 */
import { visibleTestSource } from "../authoring/assign";
import {
  nbgraderMetadata,
  type Assignment,
  type CellRole,
  type MarkedCell,
} from "../authoring/markup";
import { sourceText, type Cell, type Notebook } from "../../notebook";

/** One cell of the notebook to run. */
export interface PlannedCell {
  cell: Cell;
  /** `source`: taken from the source notebook; `student`: the student's code. */
  origin: "source" | "student";
  /** The role of the matching source cell (`plain` for a cell the student added). */
  role: CellRole;
  gradeId?: string;
  /** Index of the matching cell in the source notebook. */
  sourceIndex?: number;
  /** Index of the cell in the submission (absent for a locked cell the student deleted). */
  submissionIndex?: number;
}

/** The notebook to run for one submission, and what was put back. */
export interface RunPlan {
  notebook: Notebook;
  cells: PlannedCell[];
  /** Sentences for the feedback: tests restored, metadata ignored. */
  notes: string[];
}

const LOCKED_ROLES: ReadonlySet<CellRole> = new Set(["tests", "readonly", "task"]);

function matchSource(assignment: Assignment, cell: Cell): MarkedCell | undefined {
  const gradeId = nbgraderMetadata(cell)?.grade_id;
  const byGrade = gradeId
    ? assignment.cells.find((marked) => marked.gradeId === gradeId)
    : undefined;
  if (byGrade) {
    return byGrade;
  }
  return cell.id === undefined
    ? undefined
    : assignment.cells.find((marked) => marked.cell.id === cell.id);
}

function withoutNbgrader(cell: Cell): Cell {
  const metadata = { ...cell.metadata };
  delete metadata.nbgrader;
  return { ...cell, metadata };
}

function shownSource(marked: MarkedCell): string {
  return marked.role === "tests" ? visibleTestSource(marked.cell) : sourceText(marked.cell.source);
}

function label(marked: MarkedCell): string {
  const what = marked.role === "tests" ? "test cell" : "read-only cell";
  return `${what} "${marked.gradeId ?? `#${marked.index}`}"`;
}

interface Placed extends PlannedCell {
  anchor: number;
}

// Where a locked source cell goes: at the student's copy when it sits between the cells that
// surround it in the source (solution cells, and the locked cells after it, placed first),
// else just before the next of those (or at the end).
function anchorOf(marked: MarkedCell, copies: number[], placedSoFar: Placed[]): number {
  const solutions = placedSoFar.filter(
    (s) => s.origin === "student" && s.sourceIndex !== undefined,
  );
  const before = solutions.filter((s) => (s.sourceIndex ?? -1) < marked.index);
  const after = placedSoFar.filter(
    (s) => s.sourceIndex !== undefined && s.sourceIndex > marked.index,
  );
  const lower = Math.max(-1, ...before.map((s) => s.anchor));
  const upper = Math.min(Number.MAX_SAFE_INTEGER, ...after.map((s) => s.anchor));
  const own = copies.find((position) => position > lower && position < upper);
  return own ?? upper - 1e-3;
}

/**
 * Build the notebook to run for `submission` from the validated source `assignment` (see the
 * file comment). The submission is not modified.
 */
export function restoreSubmission(assignment: Assignment, submission: Notebook): RunPlan {
  const notes: string[] = [];
  const placed: Placed[] = [];
  const copies = new Map<number, number[]>();
  const solutionSeen = new Set<number>();
  submission.cells.forEach((cell, position) => {
    const marked = matchSource(assignment, cell);
    if (marked && LOCKED_ROLES.has(marked.role)) {
      const list = copies.get(marked.index) ?? [];
      list.push(position);
      copies.set(marked.index, list);
      return;
    }
    if (marked && marked.role !== "plain" && !solutionSeen.has(marked.index)) {
      solutionSeen.add(marked.index);
      placed.push({
        cell: { ...cell, metadata: { ...cell.metadata, nbgrader: marked.cell.metadata.nbgrader } },
        origin: "student",
        role: marked.role,
        gradeId: marked.gradeId,
        sourceIndex: marked.index,
        submissionIndex: position,
        anchor: position,
      });
      return;
    }
    if (marked && marked.role !== "plain") {
      notes.push(
        `cell ${position} repeats the grade_id of solution cell "${marked.gradeId}"; it ran as an ` +
          `ordinary cell`,
      );
    } else if (nbgraderMetadata(cell) !== undefined) {
      notes.push(
        `cell ${position} carries nbgrader metadata the assignment does not have; it was ignored`,
      );
    }
    placed.push({
      cell: withoutNbgrader(cell),
      origin: "student",
      role: "plain",
      submissionIndex: position,
      anchor: position,
    });
  });
  const locked = assignment.cells.filter((m) => LOCKED_ROLES.has(m.role)).reverse();
  for (const marked of locked) {
    const found = copies.get(marked.index) ?? [];
    const anchor = anchorOf(marked, found, placed);
    const own = found.find((position) => position === anchor);
    placed.push({
      cell: marked.cell,
      origin: "source",
      role: marked.role,
      gradeId: marked.gradeId,
      sourceIndex: marked.index,
      submissionIndex: own,
      anchor,
    });
  }
  for (const marked of [...locked].reverse()) {
    const found = copies.get(marked.index) ?? [];
    if (found.length === 0) {
      notes.push(`${label(marked)} was missing from the submission; the original was run`);
      continue;
    }
    if (found.length > 1) {
      notes.push(
        `${label(marked)} appears ${found.length} times in the submission; it was run once`,
      );
    }
    const shown = shownSource(marked);
    if (found.some((position) => sourceText(submission.cells[position].source) !== shown)) {
      notes.push(`${label(marked)} was changed in the submission; the original was run`);
    }
  }
  placed.sort((a, b) => a.anchor - b.anchor || (a.sourceIndex ?? 0) - (b.sourceIndex ?? 0));
  const cells = placed.map(({ anchor: _anchor, ...planned }) => planned);
  return {
    notebook: { ...submission, cells: cells.map((planned) => planned.cell) },
    cells,
    notes,
  };
}
