/**
 * Grade a class: validate the source once, grade the submissions on parallel workers (each
 * submission in its own sandboxed kernel, scoring/grade-submission.ts), and write, for each
 * submission as soon as its kernel is gone, DIR/<submission>.json and DIR/<submission>.html, then
 * DIR/grades.csv. A submission can only cost its own points: a file that is not a notebook gets
 * a zero row with the reason. What stops a batch is an instructor's problem (source markup,
 * missing files, two submissions with one name), reported before any kernel starts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { feedbackHtml } from "./report/feedback-html";
import { gradeSubmission } from "./scoring/grade-submission";
import { prepareAssignment, type PreparedAssignment } from "./scoring/prepare";
import { ungradedResult } from "./scoring/score";
import { KernelStartError } from "../kernel/kernel-connection";
import { validateAssignment } from "./authoring/markup";
import { readNotebook } from "../notebook";
import { gradebookCsv } from "./report/gradebook-csv";
import { submissionName, type SubmissionResult } from "./scoring/results";
import { claimKernelUser } from "./sandbox/kernel-users";
import { createWorkRoot } from "./sandbox/work-root";

/** A problem with what the instructor asked for (not with a submission). */
export class GradeInputError extends Error {
  override readonly name = "GradeInputError";
}

/** What to grade and how. */
export interface GradeBatchOptions {
  /** The source notebook, with solutions and hidden tests. */
  source: string;
  /** Submission files (see `expandSubmissions` for folders). */
  submissions: readonly string[];
  /** Folder for grades.csv and the per-submission files (created if missing). */
  outDir: string;
  /** Submissions graded at the same time (default: the number of cores). */
  workers?: number;
  /** Per-cell time limit (default 30 s). */
  timeoutMs?: number;
  /** Time for a whole submission (default: sandbox's `defaultSubmissionTimeoutMs`). */
  submissionTimeoutMs?: number;
  /** Memory cap per kernel (default 2 GiB). */
  memoryBytes?: number;
  /** Files and folders the assignment needs, copied into every working folder. */
  include?: readonly string[];
  /** Called when a submission starts and when its result is written. */
  onProgress?: (event: BatchProgress) => void;
}

/** A progress event of a batch. */
export interface BatchProgress {
  phase: "start" | "done";
  submission: string;
  /** Results written so far, and the number of submissions. */
  done: number;
  total: number;
  result?: SubmissionResult;
}

/** What a batch did. */
export interface BatchReport {
  results: SubmissionResult[];
  gradeIds: string[];
  maxPoints: number;
  workers: number;
  durationMs: number;
  /** Submissions that could not be graded for a reason that is not the student's. */
  environmentErrors: string[];
}

/**
 * The submission files named by `paths`: files as given, folders replaced by the `.ipynb`
 * files they hold (not recursively), sorted. Throws `GradeInputError` for a missing path.
 */
export function expandSubmissions(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const entry of paths) {
    if (!fs.existsSync(entry)) {
      throw new GradeInputError(`submission ${entry} does not exist`);
    }
    if (fs.statSync(entry).isDirectory()) {
      const inside = fs
        .readdirSync(entry)
        .filter((name) => name.toLowerCase().endsWith(".ipynb"))
        .sort()
        .map((name) => path.join(entry, name));
      files.push(...inside);
    } else {
      files.push(entry);
    }
  }
  return files;
}

function checkNames(files: readonly string[]): void {
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = submissionName(file);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const clashes = [...byName.values()].filter((list) => list.length > 1);
  if (clashes.length > 0) {
    const listed = clashes.map((list) => list.join(" and ")).join("; ");
    throw new GradeInputError(`submissions must have distinct file names: ${listed}`);
  }
}

function writeResult(outDir: string, result: SubmissionResult, prepared: PreparedAssignment): void {
  const base = path.join(outDir, result.submission);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(`${base}.html`, feedbackHtml(result, prepared.visibleTests));
}

/**
 * Grade every submission (see the file comment). Throws `NotebookError`/`MarkupError` for a bad
 * source and `GradeInputError` for bad inputs, before grading anything.
 */
export async function gradeBatch(options: GradeBatchOptions): Promise<BatchReport> {
  const started = performance.now();
  const assignment = validateAssignment(readNotebook(options.source), options.source);
  const prepared = prepareAssignment(assignment);
  const files = [...options.submissions];
  checkNames(files);
  for (const item of options.include ?? []) {
    if (!fs.existsSync(item)) {
      throw new GradeInputError(`--include ${item} does not exist`);
    }
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const workers = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), files.length));
  const results: SubmissionResult[] = new Array(files.length);
  const environmentErrors: string[] = [];
  const root = createWorkRoot();
  let next = 0;
  let done = 0;
  const gradeOne = async (file: string, uid: number | undefined): Promise<SubmissionResult> => {
    const settings = {
      workRoot: root,
      uid,
      timeoutMs: options.timeoutMs ?? 30_000,
      submissionTimeoutMs: options.submissionTimeoutMs,
      memoryBytes: options.memoryBytes ?? 2 * 1024 ** 3,
      include: options.include,
    };
    try {
      return await gradeSubmission(prepared, file, settings);
    } catch (error) {
      const what =
        error instanceof KernelStartError ? "the tslab kernel did not start" : "internal error";
      const message = `${what}: ${(error as Error).message}`;
      environmentErrors.push(`${file}: ${message}`);
      return ungradedResult(prepared, file, `not graded (${message})`);
    }
  };
  const worker = async (): Promise<void> => {
    const user = claimKernelUser();
    try {
      for (let index = next++; index < files.length; index = next++) {
        const file = files[index];
        const submission = submissionName(file);
        options.onProgress?.({ phase: "start", submission, done, total: files.length });
        const result = await gradeOne(file, user?.uid);
        writeResult(options.outDir, result, prepared);
        results[index] = result;
        done += 1;
        options.onProgress?.({ phase: "done", submission, done, total: files.length, result });
      }
    } finally {
      user?.release();
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, () => worker()));
  } finally {
    root.dispose();
  }
  const gradeIds = assignment.tests.map((test) => test.gradeId ?? "");
  fs.writeFileSync(path.join(options.outDir, "grades.csv"), gradebookCsv(gradeIds, results));
  return {
    results,
    gradeIds,
    maxPoints: assignment.maxPoints,
    workers,
    durationMs: performance.now() - started,
    environmentErrors,
  };
}
