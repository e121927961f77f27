/**
 * `gradbook check NOTEBOOK.ipynb`: a student runs the visible tests of their notebook the way
 * the grader will (check.ts) and reads what passes and what fails. No file is written.
 */
import { checkNotebook, type CheckReport } from "../grader/check";
import { KernelStartError } from "../kernel/kernel-connection";
import { describeCell } from "../grader/authoring/markup";
import { describeOutcome, formatPoints } from "../grader/scoring/results";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_S,
  SUBMISSION_TIMEOUT_DEFAULT,
  optionalSeconds,
  positiveNumber,
} from "./limits";

const help = `Usage: gradbook check <notebook.ipynb> [options]

Run the tests of your notebook as the grader will: in a fresh kernel, with the same limits,
test cells protected the same way. Prints each test with its points and, when it fails, why.
Hidden tests are not in your notebook: they run only when your work is graded, so passing
every visible test does not guarantee every point. Nothing is written.

Options:
  -t, --timeout S   per-cell time limit in seconds (default ${DEFAULT_TIMEOUT_S})
      --submission-timeout S
                    time for the whole notebook, restarts included, in seconds
                    (default ${SUBMISSION_TIMEOUT_DEFAULT})
  -m, --memory MB   memory cap of the kernel in MiB (default ${DEFAULT_MEMORY_MB})
  -h, --help        show this help

Exit status: 0 every visible test passes; 1 some test fails; 2 bad arguments or not a
notebook; 3 the tslab kernel could not start.`;

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
}

function render(file: string, report: CheckReport): string {
  const { result, changedCells } = report;
  const lines = [`gradbook check: ${file}`];
  const width = Math.max(0, ...result.tests.map((test) => test.gradeId.length));
  for (const test of result.tests) {
    const mark = test.passed ? "✓" : "✗";
    const points = `${formatPoints(test.points)} / ${formatPoints(test.maxPoints)}`;
    const status = test.passed
      ? test.partial
        ? "  partial credit"
        : ""
      : `  ${describeOutcome(test.outcome)}`;
    lines.push(`  ${mark} ${test.gradeId.padEnd(width)}  ${points}${status}`);
    if (!test.passed && test.error !== "") {
      lines.push(indent(test.error));
    }
    lines.push(...(test.partial?.messages ?? []).map(indent));
  }
  for (const problem of result.problems) {
    const which =
      problem.submissionIndex !== undefined
        ? describeCell(problem.submissionIndex, problem.gradeId)
        : `cell "${problem.gradeId ?? ""}"`;
    lines.push(`  ! ${which} ${describeOutcome(problem.outcome)}`, indent(problem.error));
  }
  for (const gradeId of changedCells) {
    lines.push(
      `  ! cell "${gradeId}" was changed since it was handed out: the grader runs the original`,
    );
  }
  const passed = result.tests.filter((test) => test.passed).length;
  lines.push(
    `${passed} of ${result.tests.length} visible tests pass: ${formatPoints(result.total)} of ` +
      `${formatPoints(result.max)} points. Hidden tests run only when your work is graded.`,
  );
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    timeout: { type: "string", short: "t" },
    "submission-timeout": { type: "string" },
    memory: { type: "string", short: "m" },
  });
  if (values.help) {
    return printHelp(help);
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "missing the notebook" : "expected one notebook",
    );
  }
  const file = positionals[0];
  let report: CheckReport;
  try {
    report = await checkNotebook(file, {
      timeoutMs: positiveNumber("--timeout", values.timeout, DEFAULT_TIMEOUT_S) * 1000,
      submissionTimeoutMs: optionalSeconds("--submission-timeout", values["submission-timeout"]),
      memoryBytes: positiveNumber("--memory", values.memory, DEFAULT_MEMORY_MB) * 1024 ** 2,
    });
  } catch (error) {
    if (error instanceof KernelStartError) {
      process.stderr.write(`gradbook check: ${error.message}\n`);
      return ExitCode.kernel;
    }
    throw error;
  }
  process.stdout.write(`${render(file, report)}\n`);
  return report.result.tests.every((test) => test.passed) ? ExitCode.ok : ExitCode.failure;
}

/** `gradbook check <notebook.ipynb>` */
export const checkCommand: Command = {
  name: "check",
  summary: "run the visible tests of a student notebook as the grader would",
  help,
  main,
};
