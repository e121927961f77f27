/**
 * What `gradbook grade` is given, turned into one submission per student. An input is:
 * - a notebook file: one student, named after the file (`alice.ipynb` → alice);
 * - a folder of notebooks (`submissions/alice.ipynb`, …): one student per notebook;
 * - a folder of student folders, as an LMS download gives (`downloads/alice/…ipynb`): one
 *   student per folder, named after it, graded on the notebook named like the source (or the
 *   only notebook there);
 * - with `--assignment NAME`, nbgrader's `submitted/` tree
 *   (`submitted/<student>/<NAME>/<source's file name>`), with the time in `timestamp.txt`, or
 *   one student's folder of that tree (`submitted/carol`, to grade carol again).
 * Names are kept as bytes and shown with `pathText`; hidden entries (`.ipynb_checkpoints`) are
 * skipped; symbolic links are never followed: a link, or a student folder without its notebook,
 * becomes a zero row with the reason. An input that yields no notebook at all, or two students
 * with one name, is the instructor's error (`GradeInputError`), raised before any kernel starts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathText } from "../notebook";
import { submissionName, type SubmissionFile } from "./scoring/results";
import { isoTime, parseTime } from "./timestamp";

/** A problem with what the instructor asked for (not with a submission). */
export class GradeInputError extends Error {
  override readonly name = "GradeInputError";
}

/** One student's notebook, ready to grade (or refused, with the reason). */
export interface Submission extends SubmissionFile {
  /** When it was handed in (ISO 8601, UTC), from nbgrader's `timestamp.txt`. */
  timestamp?: string;
  /** Why it cannot be graded (a symbolic link, no notebook in the folder): a zero row. */
  refused?: string;
  /** Remarks for the result (a timestamp that could not be read). */
  notes: string[];
}

/** How to read the inputs. */
export interface CollectOptions {
  /** The source notebook's file name: the notebook a student folder should hold. */
  notebook: string;
  /** nbgrader's assignment name: folders are nbgrader's `submitted/` tree. */
  assignment?: string;
}

/** The submissions found, and what was passed over (students without this assignment). */
export interface Collected {
  submissions: Submission[];
  skipped: string[];
}

const LINK_REASON =
  "is a symbolic link; gradbook does not follow links among submissions (copy the notebook " +
  "itself into the folder)";

const EXPECTED =
  "expected notebook files (one per student), a folder per student holding a notebook, or " +
  "nbgrader's submitted/ tree with --assignment NAME";

type Path = string | Buffer;

function join(folder: Path, name: Buffer): Buffer {
  return Buffer.concat([Buffer.from(folder), Buffer.from(path.sep), name]);
}

function isNotebookName(name: Buffer): boolean {
  return name.toString("latin1").toLowerCase().endsWith(".ipynb");
}

// The entries of a folder as bytes, hidden ones left out, in byte order.
function entries(folder: Path): Buffer[] {
  return fs
    .readdirSync(folder, { encoding: "buffer" })
    .filter((name) => name[0] !== 0x2e)
    .sort(Buffer.compare);
}

function lstat(file: Path): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

function statTarget(file: Path): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function readSmallFile(file: Path): string {
  const flags = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;
  const fd = fs.openSync(file, flags);
  try {
    if (!fs.fstatSync(fd).isFile()) {
      throw new Error("not a regular file");
    }
    const buffer = Buffer.alloc(1024);
    return buffer.toString("utf8", 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

// nbgrader's timestamp.txt next to a notebook, when there is one.
function withTimestamp(submission: Submission, folder: Path): Submission {
  const file = join(folder, Buffer.from("timestamp.txt"));
  if (lstat(file) === undefined) {
    return submission;
  }
  try {
    return { ...submission, timestamp: isoTime(parseTime(readSmallFile(file))) };
  } catch (error) {
    const note = `timestamp.txt could not be read (${(error as Error).message}); no time recorded`;
    return { ...submission, notes: [...submission.notes, note] };
  }
}

function notebookFile(name: string, file: Path, stat: fs.Stats | undefined): Submission {
  const refused = stat?.isSymbolicLink()
    ? LINK_REASON
    : stat?.isDirectory()
      ? "is a folder, not a notebook file"
      : undefined;
  return { name, path: file, refused, notes: [] };
}

// One student's folder: the notebook named like the source, else (unless `exact`, as in
// nbgrader's tree) its only notebook.
function studentFolder(folder: Buffer, name: string, notebook: string, exact: boolean): Submission {
  if (lstat(folder)?.isSymbolicLink()) {
    return { name, path: folder, refused: LINK_REASON, notes: [] };
  }
  let found: Buffer[];
  try {
    found = entries(folder).filter(isNotebookName);
  } catch (error) {
    const reason = `${pathText(folder)} cannot be read (${(error as NodeJS.ErrnoException).code})`;
    return { name, path: folder, refused: reason, notes: [] };
  }
  const wanted = Buffer.from(notebook);
  const only = !exact && found.length === 1 ? found[0] : undefined;
  const pick = found.find((entry) => entry.equals(wanted)) ?? only;
  if (pick === undefined) {
    const listed = found.map((entry) => pathText(entry)).join(", ");
    const refused =
      found.length === 0
        ? `no notebook in ${pathText(folder)} (expected ${notebook})`
        : `no ${notebook} in ${pathText(folder)} (found ${listed})`;
    return { name, path: folder, refused, notes: [] };
  }
  const file = join(folder, pick);
  return withTimestamp(notebookFile(name, file, lstat(file)), folder);
}

function nbgraderTree(root: string, assignment: string, notebook: string): Collected {
  const submissions: Submission[] = [];
  const skipped: string[] = [];
  const own = path.join(root, assignment);
  if (lstat(own)?.isDirectory()) {
    const name = path.basename(path.resolve(root));
    return {
      submissions: [studentFolder(Buffer.from(own), pathText(name), notebook, true)],
      skipped,
    };
  }
  for (const student of entries(root)) {
    const name = pathText(student);
    const studentPath = join(root, student);
    const stat = lstat(studentPath);
    if (stat?.isSymbolicLink()) {
      submissions.push({ name, path: studentPath, refused: LINK_REASON, notes: [] });
      continue;
    }
    const folder = join(studentPath, Buffer.from(assignment));
    const folderStat = stat?.isDirectory() ? lstat(folder) : undefined;
    if (folderStat === undefined || !(folderStat.isDirectory() || folderStat.isSymbolicLink())) {
      skipped.push(`${pathText(studentPath)}: no ${assignment} folder (nothing handed in)`);
      continue;
    }
    submissions.push(studentFolder(folder, name, notebook, true));
  }
  if (submissions.length === 0) {
    throw new GradeInputError(
      `${root} holds no submission of ${assignment}: expected nbgrader's submitted/ tree, ` +
        `${path.join(root, "<student>", assignment, notebook)}`,
    );
  }
  return { submissions, skipped };
}

function hasSubfolders(folder: Buffer): boolean {
  try {
    return entries(folder).some((inner) => lstat(join(folder, inner))?.isDirectory());
  } catch {
    return false;
  }
}

function folderInput(folder: string, options: CollectOptions): Collected {
  if (options.assignment !== undefined) {
    return nbgraderTree(folder, options.assignment, options.notebook);
  }
  const names = entries(folder);
  const notebooks = names.filter(isNotebookName);
  if (notebooks.length > 0) {
    const submissions = notebooks.map((entry) => {
      const file = join(folder, entry);
      return notebookFile(submissionName(entry), file, lstat(file));
    });
    return { submissions, skipped: [] };
  }
  const students = names.filter((entry) => {
    const stat = lstat(join(folder, entry));
    return stat?.isDirectory() || stat?.isSymbolicLink();
  });
  if (students.length === 0) {
    throw new GradeInputError(`${folder} holds no notebook: ${EXPECTED}`);
  }
  const submissions = students.map((entry) =>
    studentFolder(join(folder, entry), pathText(entry), options.notebook, false),
  );
  const noneFound = submissions.every((submission) =>
    submission.refused?.startsWith("no notebook"),
  );
  if (noneFound && students.some((entry) => hasSubfolders(join(folder, entry)))) {
    throw new GradeInputError(
      `${folder} holds folders without notebooks, like nbgrader's submitted/ tree ` +
        `(<student>/<assignment>/<notebook>): pass --assignment NAME`,
    );
  }
  return { submissions, skipped: [] };
}

// An argument whose name held bytes that are not UTF-8 reaches Node with U+FFFD in their place:
// find the file it meant in its folder, when only one fits.
function recoverName(file: string): Buffer | undefined {
  if (!file.includes("\uFFFD")) {
    return undefined;
  }
  const folder = path.dirname(file);
  const wanted = path.basename(file);
  let names: Buffer[];
  try {
    names = fs.readdirSync(folder, { encoding: "buffer" });
  } catch {
    return undefined;
  }
  const matches = names.filter((name) => name.toString("utf8") === wanted);
  return matches.length === 1 ? join(folder, matches[0]) : undefined;
}

/** Turn the inputs into submissions (see the file comment). Throws `GradeInputError`. */
export function collectSubmissions(inputs: readonly string[], options: CollectOptions): Collected {
  const submissions: Submission[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    const recovered = lstat(input) === undefined ? recoverName(input) : undefined;
    const stat = lstat(recovered ?? input);
    if (stat === undefined) {
      throw new GradeInputError(`submission ${input} does not exist`);
    }
    // A folder named on the command line is the instructor's choice, link or not.
    if (recovered === undefined && statTarget(input)?.isDirectory()) {
      const found = folderInput(input, options);
      submissions.push(...found.submissions);
      skipped.push(...found.skipped);
    } else {
      const file = recovered ?? input;
      submissions.push(notebookFile(submissionName(file), file, stat));
    }
  }
  checkNames(submissions);
  return { submissions, skipped };
}

/**
 * Names that would overwrite each other's files, or the gradebook's own, are the instructor's
 * to sort out before grading.
 */
export function checkNames(submissions: readonly SubmissionFile[]): void {
  const byName = new Map<string, string[]>();
  for (const submission of submissions) {
    const shown = typeof submission.path === "string" ? submission.path : pathText(submission.path);
    if (submission.name === "") {
      throw new GradeInputError(`submission ${shown} has no name (its file name is only ".ipynb")`);
    }
    if (submission.name === "summary") {
      throw new GradeInputError(
        `submission ${shown} is named "summary", which is the class overview (summary.html) ` +
          `of the results folder: rename it`,
      );
    }
    byName.set(submission.name, [...(byName.get(submission.name) ?? []), shown]);
  }
  const clashes = [...byName.values()].filter((list) => list.length > 1);
  if (clashes.length > 0) {
    const listed = clashes.map((list) => list.join(" and ")).join("; ");
    throw new GradeInputError(`submissions must have distinct file names: ${listed}`);
  }
}
