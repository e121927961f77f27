/**
 * `gradbook check`: run the visible tests of a student's notebook with the grader's own engine
 * (a fresh sandboxed kernel, protected test cells, the same time and memory limits), so that
 * what passes here passes when graded, hidden tests aside. The notebook is its own assignment:
 * its nbgrader metadata says which cells are tests. Test and read-only cells whose checksum
 * (recorded by `gradbook assign`) no longer matches are reported: the grader will run the
 * originals. Nothing is written except a temporary working folder, removed afterwards.
 */
import { cellChecksum } from "./authoring/assign";
import { gradeSubmission } from "./scoring/grade-submission";
import { prepareAssignment } from "./scoring/prepare";
import { assignmentOf, markCells, nbgraderMetadata } from "./authoring/markup";
import { readNotebook } from "../notebook";
import type { SubmissionResult } from "./scoring/results";
import { claimKernelUser } from "./sandbox/kernel-users";
import { createWorkRoot } from "./sandbox/work-root";

/** Limits of a check run. */
export interface CheckOptions {
  /** Per-cell time limit (default 30 s, as when grading). */
  timeoutMs?: number;
  /** Time for the whole notebook (default as when grading). */
  submissionTimeoutMs?: number;
  /** Memory cap of the kernel (default 2 GiB, as when grading). */
  memoryBytes?: number;
}

/** What `checkNotebook` found. */
export interface CheckReport {
  result: SubmissionResult;
  /** grade_ids of test or read-only cells that differ from what was handed out. */
  changedCells: string[];
}

/**
 * Run the visible tests of `file` (see the file comment). Throws `NotebookError` for a file
 * that is not a notebook and `KernelStartError` when no kernel starts.
 */
export async function checkNotebook(
  file: string,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const notebook = readNotebook(file);
  const { cells } = markCells(notebook);
  const changedCells = cells
    .filter((marked) => marked.role === "tests" || marked.role === "readonly")
    .filter((marked) => {
      const recorded = nbgraderMetadata(marked.cell)?.checksum;
      return recorded !== undefined && recorded !== cellChecksum(marked.cell);
    })
    .map((marked) => marked.gradeId ?? `#${marked.index}`);
  const prepared = prepareAssignment(assignmentOf(notebook, file, cells));
  const root = createWorkRoot();
  const user = claimKernelUser();
  try {
    const result = await gradeSubmission(prepared, file, {
      workRoot: root,
      uid: user?.uid,
      timeoutMs: options.timeoutMs ?? 30_000,
      submissionTimeoutMs: options.submissionTimeoutMs,
      memoryBytes: options.memoryBytes ?? 2 * 1024 ** 3,
    });
    return { result, changedCells };
  } finally {
    user?.release();
    root.dispose();
  }
}
