/**
 * `gradbook grade --source SOURCE.ipynb --out DIR [options] SUBMISSION.ipynb|FOLDER...`: grade a
 * class on parallel workers (grade.ts), with a progress bar on a terminal (a line per
 * submission otherwise) and a summary line at the end.
 */
import * as os from "node:os";
import * as path from "node:path";
import {
  GradeInputError,
  expandSubmissions,
  gradeBatch,
  type BatchProgress,
  type BatchReport,
} from "../grader/grade";
import { MarkupError } from "../grader/authoring/markup";
import { networkNamespaceSupport } from "../kernel/network-namespace";
import { formatPoints, type SubmissionResult } from "../grader/scoring/results";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_S,
  SUBMISSION_TIMEOUT_DEFAULT,
  optionalSeconds,
  positiveInteger,
  positiveNumber,
} from "./limits";

const help = `Usage: gradbook grade --source <source.ipynb> --out <dir> [options] <submission>...

Grade submissions (notebook files, or folders of them) against the source notebook: every
read-only and test cell is restored from the source (hidden tests included), each submission
runs in a fresh, sandboxed tslab kernel, and each test scores its points when it runs without
error. Writes:
  DIR/grades.csv            submission,total,max, then one column per test (grade_id)
  DIR/<submission>.json     per test: points, passed, outcome, error text
  DIR/<submission>.html     feedback for the student (hidden tests are never shown)
A submission that is not a notebook gets a zero row with the reason; a cell that runs too
long is interrupted, a kernel that dies is restarted: each costs only the points that depend
on it.

Options:
  -s, --source FILE     the source notebook, with solutions and hidden tests (required)
  -o, --out DIR         folder for the results (created if missing; required)
  -w, --workers N       submissions graded at the same time (default: ${os.availableParallelism()}, the cores)
  -t, --timeout S       per-cell time limit in seconds (default ${DEFAULT_TIMEOUT_S})
      --submission-timeout S
                        time for a whole submission, restarts and replays included, in
                        seconds (default ${SUBMISSION_TIMEOUT_DEFAULT})
  -m, --memory MB       memory cap per kernel in MiB (default ${DEFAULT_MEMORY_MB})
  -i, --include PATH    a file or folder the notebooks need, copied next to each kernel
                        (repeatable)
  -h, --help            show this help

Exit status: 0 every submission was graded (even with zero points); 2 bad arguments, a
source notebook that is unreadable or has markup problems, missing submissions; 3 some
submissions could not be graded because the kernel did not start (their rows are zero).`;

interface GradeArgs {
  source: string;
  out: string;
  submissions: string[];
  workers: number | undefined;
  timeoutMs: number;
  submissionTimeoutMs: number | undefined;
  memoryBytes: number;
  include: string[];
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

function summary(report: BatchReport, out: string): string {
  const graded = report.results.filter((result) => result.graded);
  const count = report.results.length;
  const seconds = report.durationMs / 1000;
  const mean = graded.length > 0 ? graded.reduce((sum, r) => sum + r.total, 0) / graded.length : 0;
  const parts = [
    `graded ${count} submission${count === 1 ? "" : "s"} in ${seconds.toFixed(1)} s ` +
      `(${(seconds / Math.max(count, 1)).toFixed(2)} s each, ${report.workers} worker${report.workers === 1 ? "" : "s"})`,
    `mean ${formatPoints(Math.round(mean * 100) / 100)} / ${formatPoints(report.maxPoints)}`,
  ];
  const failing = graded.filter((result) => result.problems.length > 0).length;
  if (failing > 0) {
    parts.push(`${failing} with failing cells`);
  }
  const ungraded = count - graded.length;
  if (ungraded > 0) {
    parts.push(`${ungraded} not graded`);
  }
  return `${parts.join("; ")}; wrote ${path.join(out, "grades.csv")}`;
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
    report = await gradeBatch({
      source: parsed.source,
      submissions: expandSubmissions(parsed.submissions),
      outDir: parsed.out,
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
  for (const problem of report.environmentErrors) {
    process.stderr.write(`gradbook grade: ${problem}\n`);
  }
  process.stdout.write(`${summary(report, parsed.out)}\n`);
  return report.environmentErrors.length > 0 ? ExitCode.kernel : ExitCode.ok;
}

/** `gradbook grade --source <source.ipynb> --out <dir> [options] <submission>...` */
export const gradeCommand: Command = {
  name: "grade",
  summary: "grade submissions in parallel sandboxed kernels; write grades.csv and feedback",
  help,
  main,
};
