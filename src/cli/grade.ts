/**
 * `gradbook grade --source SOURCE.ipynb --out DIR [options] SUBMISSION.ipynb|FOLDER...`: grade a
 * class (or one shard of it) on parallel workers (grade.ts), with a progress bar on a terminal
 * (a line per submission otherwise) and, at the end, a summary of the run and of the gradebook.
 */
import * as os from "node:os";
import * as path from "node:path";
import { gradeBatch, type BatchProgress, type BatchReport } from "../grader/grade";
import { MarkupError } from "../grader/authoring/markup";
import { parseLatePenalty } from "../grader/report/late-policy";
import { networkNamespaceSupport } from "../kernel/network-namespace";
import { formatPoints, type SubmissionResult } from "../grader/scoring/results";
import { parseShard, type Shard } from "../grader/shard";
import { collectSubmissions, GradeInputError } from "../grader/submissions";
import { parseTime } from "../grader/timestamp";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";
import { printGradebook } from "./gradebook";
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_S,
  SUBMISSION_TIMEOUT_DEFAULT,
  optionalSeconds,
  positiveInteger,
  positiveNumber,
} from "./limits";

const help = `Usage: gradbook grade --source <source.ipynb> --out <dir> [options] <submission>...

Grade submissions against the source notebook: every read-only and test cell is restored
from the source (hidden tests included), each submission runs in a fresh, sandboxed tslab
kernel, and each test scores its points when it runs without error (or the part of them it
asks for with partialCredit). A submission is a notebook file, a folder of notebooks (one per
student), a folder of student folders (an LMS download), or, with --assignment, nbgrader's
submitted/ tree (submitted/<student>/<assignment>/<source's file name>, timestamp.txt beside).
Writes, for each submission as soon as it is graded:
  DIR/<submission>.json     the result: per test points, outcome, error text (the source of
                            truth: everything below is rebuilt from these files)
  DIR/<submission>.ipynb    the notebook as it ran (hidden tests never included)
  DIR/<submission>.html     feedback for the student: the notebook with each test's points
and rebuilds, from every result in DIR and DIR/manual.csv (manual scores):
  DIR/grades.csv            submission,timestamp,late_hours,raw,penalty,total,max, then one
                            column per graded cell (grade_id)
  DIR/summary.html          class overview: histogram, pass rate and failures of each test
  DIR/manual-pending.csv    manually graded cells still to score (when there are any)
Grading again into DIR changes only the rows graded again. A submission that is not a
notebook, or a symbolic link, gets a zero row with the reason; a cell that runs too long is
interrupted, a kernel that dies is restarted: each costs only the points that depend on it.

Options:
  -s, --source FILE     the source notebook, with solutions and hidden tests (required)
  -o, --out DIR         folder for the results (created if missing; required)
  -a, --assignment NAME folders are nbgrader's submitted/ tree; grade assignment NAME
      --shard I/N       grade only shard I of N (0 ≤ I < N, by a hash of the student's name);
                        merge the shards' folders with \`gradbook gradebook\`
      --due TIME        due date, ISO 8601 with a zone (2024-03-01T17:00:00Z): records how
                        late each submission with a known time (timestamp.txt) was
      --late-penalty R  none (default), zero, per-hour:P or flat:P, P in points or P% of
                        the assignment's points; needs --due
  -w, --workers N       submissions graded at the same time (default: ${os.availableParallelism()}, the cores)
  -t, --timeout S       per-cell time limit in seconds (default ${DEFAULT_TIMEOUT_S})
      --submission-timeout S
                        time for a whole submission, restarts and replays included, in
                        seconds (default ${SUBMISSION_TIMEOUT_DEFAULT})
  -m, --memory MB       memory cap per kernel in MiB (default ${DEFAULT_MEMORY_MB})
  -i, --include PATH    a file or folder the notebooks need, copied next to each kernel
                        (repeatable)
  -h, --help            show this help

Exit status: 0 every submission was graded (even with zero points); 1 gradbook failed on
some submission (an internal error, reported); 2 bad arguments, a source notebook that is
unreadable or has markup problems, inputs without notebooks, a results folder of another
assignment; 3 some submissions could not be graded because the kernel did not start (their
rows are zero).`;

interface GradeArgs {
  source: string;
  out: string;
  submissions: string[];
  assignment: string | undefined;
  shard: Shard | undefined;
  late: { due: number; penalty: string } | undefined;
  workers: number | undefined;
  timeoutMs: number;
  submissionTimeoutMs: number | undefined;
  memoryBytes: number;
  include: string[];
}

function usageOf<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function lateArgs(due: string | undefined, penalty: string | undefined): GradeArgs["late"] {
  if (due === undefined) {
    if (penalty !== undefined) {
      throw new UsageError("--late-penalty needs --due, the due date");
    }
    return undefined;
  }
  const rule = penalty ?? "none";
  usageOf(() => parseLatePenalty(rule));
  return { due: usageOf(() => parseTime(due, true)), penalty: rule };
}

function parseGradeArgs(args: string[]): GradeArgs | "help" {
  const { values, positionals } = parseCommandArgs(args, {
    source: { type: "string", short: "s" },
    out: { type: "string", short: "o" },
    workers: { type: "string", short: "w" },
    timeout: { type: "string", short: "t" },
    "submission-timeout": { type: "string" },
    memory: { type: "string", short: "m" },
    include: { type: "string", short: "i", multiple: true },
    assignment: { type: "string", short: "a" },
    shard: { type: "string" },
    due: { type: "string" },
    "late-penalty": { type: "string" },
  });
  if (values.help) {
    return "help";
  }
  if (values.source === undefined) {
    throw new UsageError("missing --source, the source notebook");
  }
  if (values.out === undefined) {
    throw new UsageError("missing --out, the folder for the results");
  }
  if (positionals.length === 0) {
    throw new UsageError("missing the submissions to grade");
  }
  return {
    source: values.source,
    out: values.out,
    submissions: positionals,
    assignment: values.assignment,
    shard: values.shard === undefined ? undefined : usageOf(() => parseShard(values.shard ?? "")),
    late: lateArgs(values.due, values["late-penalty"]),
    workers:
      values.workers === undefined ? undefined : positiveInteger("--workers", values.workers, 1),
    timeoutMs: positiveNumber("--timeout", values.timeout, DEFAULT_TIMEOUT_S) * 1000,
    submissionTimeoutMs: optionalSeconds("--submission-timeout", values["submission-timeout"]),
    memoryBytes: positiveNumber("--memory", values.memory, DEFAULT_MEMORY_MB) * 1024 ** 2,
    include: values.include ?? [],
  };
}

function scoreText(result: SubmissionResult): string {
  return result.graded
    ? `${formatPoints(result.total)} / ${formatPoints(result.max)}`
    : `not graded: ${result.reason ?? ""}`;
}

function progressBar(event: BatchProgress, width = 24): string {
  const filled = Math.round((event.done / event.total) * width);
  const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
  const last = event.result ? `  ${event.result.submission}: ${scoreText(event.result)}` : "";
  return `\r\x1b[K[${bar}] ${event.done}/${event.total}${last}`.slice(0, 200);
}

function runSummary(report: BatchReport, shard: Shard | undefined): string {
  const count = report.results.length;
  const seconds = report.durationMs / 1000;
  const parts = [
    `graded ${count} submission${count === 1 ? "" : "s"} in ${seconds.toFixed(1)} s ` +
      `(${(seconds / Math.max(count, 1)).toFixed(2)} s each, ${report.workers} worker${report.workers === 1 ? "" : "s"})`,
  ];
  if (shard !== undefined) {
    parts.push(
      `shard ${shard.index}/${shard.count}: ${report.otherShards} left to the other shards`,
    );
  }
  const failing = report.results.filter((result) => result.graded && result.problems.length > 0);
  if (failing.length > 0) {
    parts.push(`${failing.length} with failing cells`);
  }
  const ungraded = report.results.filter((result) => !result.graded).length;
  if (ungraded > 0) {
    parts.push(`${ungraded} not graded`);
  }
  return parts.join("; ");
}

async function main(args: string[]): Promise<number> {
  const parsed = parseGradeArgs(args);
  if (parsed === "help") {
    return printHelp(help);
  }
  const tty = process.stderr.isTTY === true;
  const isolation = networkNamespaceSupport();
  if (!isolation.supported) {
    process.stderr.write(
      `gradbook grade: note: kernels share this machine's network (${isolation.reason}); ` +
        "only the kernel guard keeps sockets out of their reach (see docs/grading.md)\n",
    );
  }
  let report: BatchReport;
  try {
    const collected = collectSubmissions(parsed.submissions, {
      notebook: path.basename(parsed.source),
      assignment: parsed.assignment,
    });
    for (const skipped of collected.skipped) {
      process.stderr.write(`gradbook grade: skipped ${skipped}\n`);
    }
    report = await gradeBatch({
      source: parsed.source,
      submissions: collected.submissions,
      outDir: parsed.out,
      shard: parsed.shard,
      late: parsed.late,
      workers: parsed.workers,
      timeoutMs: parsed.timeoutMs,
      submissionTimeoutMs: parsed.submissionTimeoutMs,
      memoryBytes: parsed.memoryBytes,
      include: parsed.include,
      onProgress: (event) => {
        if (tty) {
          process.stderr.write(progressBar(event));
        } else if (event.phase === "done" && event.result) {
          const seconds = (event.result.durationMs / 1000).toFixed(1);
          process.stderr.write(
            `${event.result.submission}: ${scoreText(event.result)} (${seconds} s)\n`,
          );
        }
      },
    });
  } catch (error) {
    if (error instanceof GradeInputError || error instanceof MarkupError) {
      process.stderr.write(`gradbook grade: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
  if (tty) {
    process.stderr.write("\r\x1b[K");
  }
  for (const problem of [...report.environmentErrors, ...report.internalErrors]) {
    process.stderr.write(`gradbook grade: ${problem}\n`);
  }
  process.stdout.write(`${runSummary(report, parsed.shard)}\n`);
  printGradebook("grade", report.gradebook, parsed.out);
  if (report.environmentErrors.length > 0) {
    return ExitCode.kernel;
  }
  return report.internalErrors.length > 0 ? ExitCode.failure : ExitCode.ok;
}

/** `gradbook grade --source <source.ipynb> --out <dir> [options] <submission>...` */
export const gradeCommand: Command = {
  name: "grade",
  summary: "grade submissions in parallel sandboxed kernels; write grades.csv and feedback",
  help,
  main,
};
