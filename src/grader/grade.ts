/**
 * Grade a class: validate the source once, keep the submissions of the shard asked for, grade
 * them on parallel workers (each in its own sandboxed kernel, scoring/grade-submission.ts), and
 * as soon as a submission's kernel is gone write its result DIR/<submission>.json, its notebook
 * as it ran DIR/<submission>.ipynb, and rebuild the gradebook from every result in DIR
 * (report/gradebook.ts): grades.csv, summary.html and the feedback page. Every file is written
 * atomically, so an interrupted run loses only the submissions still being graded, and grading
 * again changes only the rows graded again. A submission can only cost its own points: a file
 * that is not a notebook, a link, a folder without its notebook gets a zero row with the reason.
 * What stops a batch is an instructor's problem (source markup, missing inputs, two submissions
 * with one name, a results folder of another assignment), reported before any kernel starts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateAssignment } from "./authoring/markup";
import { KernelStartError } from "../kernel/kernel-connection";
import { readNotebook, serializeNotebook } from "../notebook";
import { writeFileAtomic } from "./report/atomic-write";
import { rebuildGradebook, type Gradebook } from "./report/gradebook";
import { parseLatePenalty } from "./report/late-policy";
import { commonIdentity, GradebookError, resultBase, ResultsFolder } from "./report/results-folder";
import { claimKernelUser } from "./sandbox/kernel-users";
import { createWorkRoot, type WorkRoot } from "./sandbox/work-root";
import { gradeSubmission } from "./scoring/grade-submission";
import { prepareAssignment, type PreparedAssignment } from "./scoring/prepare";
import {
  RESULT_FORMAT,
  submissionName,
  type GradedSubmission,
  type SubmissionResult,
} from "./scoring/results";
import { ungradedResult } from "./scoring/score";
import { shardOf, type Shard } from "./shard";
import { checkNames, GradeInputError, type Submission } from "./submissions";
import { isoTime } from "./timestamp";

export { GradeInputError } from "./submissions";

/** What to grade and how. */
export interface GradeBatchOptions {
  /** The source notebook, with solutions and hidden tests. */
  source: string;
  /** Notebook files, or submissions from `collectSubmissions` (layouts, timestamps). */
  submissions: readonly (string | Submission)[];
  /** The results folder (created if missing); results already there stay in the gradebook. */
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
  /** Grade only this shard of the submissions (shard.ts). */
  shard?: Shard;
  /** Late work: the due time (ms since the epoch) and the penalty rule (report/late-policy.ts). */
  late?: { due: number; penalty: string };
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
  /** The results of this run (the gradebook holds every result of the folder). */
  results: SubmissionResult[];
  gradeIds: string[];
  maxPoints: number;
  workers: number;
  durationMs: number;
  /** Submissions not graded because no kernel would start (an environment problem). */
  environmentErrors: string[];
  /** Submissions not graded because gradbook failed (a bug: please report it). */
  internalErrors: string[];
  /** Submissions left to the other shards. */
  otherShards: number;
  /** The gradebook rebuilt at the end, from every result in the folder. */
  gradebook: Gradebook;
}

function asSubmission(entry: string | Submission): Submission {
  return typeof entry === "string"
    ? { name: submissionName(entry), path: entry, notes: [] }
    : entry;
}

function checkInputs(options: GradeBatchOptions): void {
  for (const item of options.include ?? []) {
    if (!fs.existsSync(item)) {
      throw new GradeInputError(`--include ${item} does not exist`);
    }
  }
  if (options.late !== undefined) {
    try {
      parseLatePenalty(options.late.penalty);
    } catch (error) {
      throw new GradeInputError((error as Error).message);
    }
  }
}

// The results folder must hold this assignment's results only (results-folder.ts).
function openResults(outDir: string, prepared: PreparedAssignment): ResultsFolder {
  const folder = new ResultsFolder(outDir);
  try {
    commonIdentity(folder.load().results, outDir, prepared.identity);
  } catch (error) {
    if (error instanceof GradebookError) {
      throw new GradeInputError(error.message);
    }
    throw error;
  }
  return folder;
}

function finished(
  graded: GradedSubmission,
  submission: Submission,
  prepared: PreparedAssignment,
  late: GradeBatchOptions["late"],
): GradedSubmission {
  return {
    format: RESULT_FORMAT,
    ...graded,
    assignment: prepared.identity,
    gradedAt: new Date().toISOString(),
    timestamp: submission.timestamp,
    late: late && { due: isoTime(late.due), penalty: late.penalty },
    notes: [...submission.notes, ...graded.notes],
  };
}

function writeResult(outDir: string, graded: GradedSubmission): SubmissionResult {
  const { executed, ...result } = graded;
  const base = path.join(outDir, resultBase(result.submission));
  if (executed !== undefined) {
    writeFileAtomic(`${base}.ipynb`, serializeNotebook(executed));
  } else {
    fs.rmSync(`${base}.ipynb`, { force: true });
  }
  writeFileAtomic(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** What the workers of one batch share. */
interface Batch {
  options: GradeBatchOptions;
  prepared: PreparedAssignment;
  folder: ResultsFolder;
  root: WorkRoot;
  files: Submission[];
  results: SubmissionResult[];
  environmentErrors: string[];
  internalErrors: string[];
  next: number;
  done: number;
}

// A submission's result, whatever happens: a refused one, or one whose grading failed, gets a
// zero row with the reason (a kernel that would not start is the environment's fault, anything
// else gradbook's).
async function gradeOne(batch: Batch, submission: Submission, uid: number | undefined) {
  const { options, prepared } = batch;
  if (submission.refused !== undefined) {
    return ungradedResult(prepared, submission, submission.refused, true);
  }
  try {
    return await gradeSubmission(prepared, submission, {
      workRoot: batch.root,
      uid,
      timeoutMs: options.timeoutMs ?? 30_000,
      submissionTimeoutMs: options.submissionTimeoutMs,
      memoryBytes: options.memoryBytes ?? 2 * 1024 ** 3,
      include: options.include,
    });
  } catch (error) {
    const kernel = error instanceof KernelStartError;
    const what = kernel ? "the tslab kernel did not start" : "internal error";
    const message = `${what}: ${(error as Error).message}`;
    (kernel ? batch.environmentErrors : batch.internalErrors).push(
      `${submission.name}: ${message}`,
    );
    return ungradedResult(prepared, submission, `not graded (${message})`);
  }
}

// One worker: takes the next submission until none is left; writes each result and rebuilds
// the gradebook as soon as it is graded.
async function worker(batch: Batch): Promise<void> {
  const { options, prepared, files } = batch;
  const user = claimKernelUser();
  try {
    for (let index = batch.next++; index < files.length; index = batch.next++) {
      const submission = files[index];
      const progress = { submission: submission.name, total: files.length };
      options.onProgress?.({ phase: "start", done: batch.done, ...progress });
      const graded = await gradeOne(batch, submission, user?.uid);
      const result = writeResult(
        options.outDir,
        finished(graded, submission, prepared, options.late),
      );
      rebuildGradebook(options.outDir, {
        feedback: new Set([result.submission]),
        folder: batch.folder,
        identity: prepared.identity,
      });
      batch.results[index] = result;
      batch.done += 1;
      options.onProgress?.({ phase: "done", done: batch.done, ...progress, result });
    }
  } finally {
    user?.release();
  }
}

/**
 * Grade every submission of the shard (see the file comment). Throws `NotebookError`/
 * `MarkupError` for a bad source and `GradeInputError` for bad inputs, before grading anything.
 */
export async function gradeBatch(options: GradeBatchOptions): Promise<BatchReport> {
  const started = performance.now();
  const assignment = validateAssignment(readNotebook(options.source), options.source);
  const prepared = prepareAssignment(assignment);
  const all = options.submissions.map(asSubmission);
  checkNames(all);
  const shard = options.shard;
  const files = shard ? all.filter((s) => shardOf(s.name, shard.count) === shard.index) : all;
  checkInputs(options);
  fs.mkdirSync(options.outDir, { recursive: true });
  const folder = openResults(options.outDir, prepared);
  const workers = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), files.length));
  const batch: Batch = {
    options,
    prepared,
    folder,
    root: createWorkRoot(),
    files,
    results: new Array<SubmissionResult>(files.length),
    environmentErrors: [],
    internalErrors: [],
    next: 0,
    done: 0,
  };
  try {
    await Promise.all(Array.from({ length: workers }, () => worker(batch)));
  } finally {
    batch.root.dispose();
  }
  return {
    results: batch.results,
    gradeIds: assignment.tests.map((test) => test.gradeId ?? ""),
    maxPoints: assignment.maxPoints,
    workers,
    durationMs: performance.now() - started,
    environmentErrors: batch.environmentErrors,
    internalErrors: batch.internalErrors,
    otherShards: all.length - files.length,
    gradebook: rebuildGradebook(options.outDir, { feedback: "all", identity: prepared.identity }),
  };
}
