/**
 * nbgrader's markup, read the way nbgrader's create-assignment tool writes it: per-cell metadata
 * (`metadata.nbgrader`: grade_id, points, solution, grade, locked, task, schema_version 3) and the
 * delimiters `// BEGIN SOLUTION` / `// END SOLUTION` and `// BEGIN HIDDEN TESTS` /
 * `// END HIDDEN TESTS` on lines of their own. `validateAssignment` checks a source notebook and
 * names every cell that is wrong, so an instructor fixes them all in one pass.
 */
import { sourceText, type Cell, type JSONObject, type Notebook } from "../../notebook";
import { OFF_LIMITS_LINE, offLimitsProblems } from "./off-limits";

/**
 * What a cell is for, in nbgrader's terms: `solution` (autograded answer), `tests` (autograder
 * tests: passes when it runs without error, points all or nothing), `manual` (manually graded
 * answer), `task` (manually graded task), `readonly` (locked instructions or setup), `plain`.
 */
export type CellRole = "solution" | "tests" | "manual" | "task" | "readonly" | "plain";

/** The `metadata.nbgrader` of a cell, as far as gradbook uses it. */
export interface NbgraderMetadata {
  grade_id: string;
  points?: number;
  solution: boolean;
  grade: boolean;
  locked: boolean;
  task: boolean;
  schema_version?: number;
  checksum?: string;
}

/** One cell of an assignment with its role. */
export interface MarkedCell {
  /** Index in the notebook's cell list (markdown cells count). */
  index: number;
  cell: Cell;
  role: CellRole;
  /** nbgrader's grade_id (every cell with a role other than `plain` has one). */
  gradeId?: string;
  /** Points of a `tests`, `manual` or `task` cell (0 otherwise). */
  points: number;
}

/** A source notebook whose markup was validated. */
export interface Assignment {
  notebook: Notebook;
  /** Where it was read from (for messages). */
  file: string;
  cells: MarkedCell[];
  /** The autograded test cells, in notebook order. */
  tests: MarkedCell[];
  /** Sum of the points of the test cells. */
  maxPoints: number;
}

/** A delimited region: the line indexes of its BEGIN and END delimiter lines. */
export interface Region {
  kind: "solution" | "hidden";
  begin: number;
  end: number;
}

/** A source notebook with markup problems; `problems` names each cell. */
export class MarkupError extends Error {
  override readonly name = "MarkupError";
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the nbgrader ` +
        `markup:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
    this.problems = problems;
  }
}

function isObject(value: unknown): value is JSONObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The cell's nbgrader metadata, or undefined when it has none (or none that is usable). */
export function nbgraderMetadata(cell: Cell): NbgraderMetadata | undefined {
  const raw = cell.metadata.nbgrader;
  if (!isObject(raw)) {
    return undefined;
  }
  const flag = (key: string): boolean => raw[key] === true;
  const points = raw.points;
  return {
    grade_id: typeof raw.grade_id === "string" ? raw.grade_id : "",
    points: typeof points === "number" ? points : undefined,
    solution: flag("solution"),
    grade: flag("grade"),
    locked: flag("locked"),
    task: flag("task"),
    schema_version: typeof raw.schema_version === "number" ? raw.schema_version : undefined,
    checksum: typeof raw.checksum === "string" ? raw.checksum : undefined,
  };
}

/** The role nbgrader gives a cell with this metadata. */
export function roleOf(meta: NbgraderMetadata | undefined): CellRole {
  if (meta === undefined) {
    return "plain";
  }
  if (meta.task) {
    return "task";
  }
  if (meta.solution) {
    return meta.grade ? "manual" : "solution";
  }
  if (meta.grade) {
    return "tests";
  }
  return meta.locked ? "readonly" : "plain";
}

/** "cell 4 (grade_id "test_predict")": how messages name a cell. */
export function describeCell(index: number, gradeId?: string): string {
  return gradeId ? `cell ${index} (grade_id "${gradeId}")` : `cell ${index}`;
}

const DELIMITERS = {
  "BEGIN SOLUTION": { kind: "solution", begin: true },
  "END SOLUTION": { kind: "solution", begin: false },
  "BEGIN HIDDEN TESTS": { kind: "hidden", begin: true },
  "END HIDDEN TESTS": { kind: "hidden", begin: false },
} as const;
type Delimiter = keyof typeof DELIMITERS;

function delimiterIn(line: string): Delimiter | undefined {
  // Longest first: "BEGIN HIDDEN TESTS" must not be read as something shorter.
  const names = Object.keys(DELIMITERS) as Delimiter[];
  return names.sort((a, b) => b.length - a.length).find((name) => line.includes(name));
}

/**
 * Find the delimited regions of a cell's source lines. A code cell's delimiters must be `//`
 * comments alone on their line (as nbgrader writes them for TypeScript); a markdown cell's are
 * any line containing the delimiter. Returns the regions and the problems found (unbalanced,
 * nested, or a delimiter inside other code), each phrased without the cell's name.
 */
export function findRegions(
  lines: readonly string[],
  cellType: Cell["cell_type"],
): { regions: Region[]; problems: string[] } {
  const regions: Region[] = [];
  const problems: string[] = [];
  let open: { kind: Region["kind"]; line: number; name: Delimiter } | undefined;
  lines.forEach((line, index) => {
    const name = delimiterIn(line);
    if (name === undefined) {
      return;
    }
    const where = `line ${index + 1}`;
    if (cellType === "code" && !new RegExp(`^\\s*//\\s*${name}\\s*$`).test(line)) {
      problems.push(`${where}: "${name}" must be a \`// ${name}\` comment on a line of its own`);
      return;
    }
    const { kind, begin } = DELIMITERS[name];
    if (begin) {
      if (open) {
        problems.push(
          `${where}: "${name}" inside the region opened by "${open.name}" on line ${open.line + 1}`,
        );
      } else {
        open = { kind, line: index, name };
      }
    } else if (!open || open.kind !== kind) {
      problems.push(`${where}: "${name}" without a matching "BEGIN ${name.slice(4)}" before it`);
    } else {
      regions.push({ kind, begin: open.line, end: index });
      open = undefined;
    }
  });
  if (open) {
    problems.push(
      `line ${open.line + 1}: "${open.name}" is never closed by "END ${open.name.slice(6)}"`,
    );
  }
  return { regions, problems };
}

/** The lines of a cell's source (without their newlines). */
export function cellLines(cell: Cell): string[] {
  return sourceText(cell.source).split("\n");
}

function checkCell(marked: MarkedCell, meta: NbgraderMetadata | undefined): string[] {
  const { cell, role } = marked;
  const problems: string[] = [];
  if (meta && role !== "plain" && meta.grade_id.trim() === "") {
    problems.push("has nbgrader metadata but no grade_id");
  }
  if (meta?.schema_version !== undefined && meta.schema_version !== 3) {
    problems.push(
      `uses nbgrader schema_version ${meta.schema_version}; open and save it with nbgrader's ` +
        `create-assignment tool to update it to schema_version 3`,
    );
  }
  if (role === "tests" || role === "manual" || role === "task") {
    const points = meta?.points;
    if (points === undefined || !Number.isFinite(points) || points < 0) {
      problems.push(`is graded but has no points (give "points" a number ≥ 0)`);
    }
  }
  if (role === "tests" && cell.cell_type !== "code") {
    problems.push("is an autograder test cell but not a code cell");
  }
  const { regions, problems: delimiterProblems } = findRegions(cellLines(cell), cell.cell_type);
  problems.push(...delimiterProblems);
  const solutionAllowed = role === "solution" || role === "manual";
  if (regions.some((region) => region.kind === "solution") && !solutionAllowed) {
    problems.push(
      'has a BEGIN SOLUTION region but is not a solution cell (mark it "Autograded answer" ' +
        'or "Manually graded answer"), so the solution would reach students',
    );
  }
  if (regions.some((region) => region.kind === "hidden") && role !== "tests") {
    problems.push(
      "has a BEGIN HIDDEN TESTS region but is not an autograder test cell, so the hidden " +
        "tests would reach students",
    );
  }
  problems.push(...hiddenOffLimitsLines(cellLines(cell), regions, role));
  return problems.map((problem) => `${describeCell(marked.index, marked.gradeId)} ${problem}`);
}

// An OFF-LIMITS line must reach students: outside the regions that become stubs.
function hiddenOffLimitsLines(lines: string[], regions: Region[], role: CellRole): string[] {
  if (role !== "solution" || !lines.some((line) => OFF_LIMITS_LINE.test(line))) {
    return [];
  }
  const solutions = regions.filter((region) => region.kind === "solution");
  const stubbed =
    solutions.length === 0 ||
    solutions.some((r) => lines.slice(r.begin + 1, r.end).some((l) => OFF_LIMITS_LINE.test(l)));
  return stubbed
    ? [
        "has an OFF-LIMITS line that its stub would remove: put it outside BEGIN SOLUTION … " +
          "END SOLUTION so that students see the rule",
      ]
    : [];
}

/**
 * The roles of a notebook's cells, and every markup problem found (each naming its cell):
 * duplicate grade_ids, graded cells without points, unbalanced or misplaced delimiters.
 */
export function markCells(notebook: Notebook): { cells: MarkedCell[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const cells = notebook.cells.map((cell, index): MarkedCell => {
    const meta = nbgraderMetadata(cell);
    const role = roleOf(meta);
    const gradeId = role === "plain" || !meta?.grade_id ? undefined : meta.grade_id;
    const graded = role === "tests" || role === "manual" || role === "task";
    const marked: MarkedCell = {
      index,
      cell,
      role,
      gradeId,
      points: graded && meta?.points !== undefined ? meta.points : 0,
    };
    problems.push(...checkCell(marked, meta));
    if (gradeId !== undefined) {
      const first = seen.get(gradeId);
      if (first !== undefined) {
        problems.push(
          `${describeCell(index, gradeId)} reuses the grade_id of cell ${first}: grade_ids must be unique`,
        );
      } else {
        seen.set(gradeId, index);
      }
    }
    return marked;
  });
  for (const problem of offLimitsProblems(cells)) {
    problems.push(`${describeCell(problem.index, cells[problem.index].gradeId)} ${problem.text}`);
  }
  return { cells, problems };
}

/** An assignment made of `cells`: its test cells (the first of each grade_id) and points. */
export function assignmentOf(notebook: Notebook, file: string, cells: MarkedCell[]): Assignment {
  const seen = new Set<string>();
  const tests = cells.filter((marked) => {
    if (marked.role !== "tests" || marked.gradeId === undefined || seen.has(marked.gradeId)) {
      return false;
    }
    seen.add(marked.gradeId);
    return true;
  });
  return {
    notebook,
    file,
    cells,
    tests,
    maxPoints: tests.reduce((sum, test) => sum + test.points, 0),
  };
}

/**
 * Read the roles of a notebook's cells and validate the markup (see `markCells`). Throws
 * `MarkupError` listing every problem.
 */
export function validateAssignment(notebook: Notebook, file = "<notebook>"): Assignment {
  const { cells, problems } = markCells(notebook);
  if (problems.length > 0) {
    throw new MarkupError(file, problems);
  }
  return assignmentOf(notebook, file, cells);
}
