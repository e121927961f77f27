/**
 * `gradbook check NOTEBOOK.ipynb`: a student runs the visible tests of their notebook the way
 * the grader will (check.ts) and reads what passes and what fails. No file is written.
 */
import { checkNotebook, type CheckReport } from "../grader/check";
import { KernelStartError } from "../kernel/kernel-connection";
import { describeCell } from "../grader/authoring/markup";
import { type CheckBundle, SCHEMA_VERSION } from "../protocol";
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
      --json        print the report as JSON (what JupyterLab's Check button reads)
  -h, --help        show this help

Exit status: 0 every visible test passes; 1 some test fails; 2 bad arguments or not a
notebook; 3 the tslab kernel could not start.`;

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
}

/** The report as JSON: what `--json` prints and JupyterLab's Check button shows. */
export function checkBundle(file: string, report: CheckReport): CheckBundle {
  const { result, changedCells } = report;
  const tests = result.tests.map((test) => ({
    gradeId: test.gradeId,
    passed: test.passed,
    points: test.points,
    maxPoints: test.maxPoints,
    status: test.passed
      ? test.partial
        ? "partial credit"
        : "passed"
      : describeOutcome(test.outcome),
    details: [
      ...(!test.passed && test.error !== "" ? [test.error] : []),
      ...(test.partial?.messages ?? []),
    ],
  }));
  const warnings = [
    ...result.problems.map((problem) => {
      const which =
        problem.submissionIndex !== undefined
          ? describeCell(problem.submissionIndex, problem.gradeId)
          : `cell "${problem.gradeId ?? ""}"`;
      return `${which} ${describeOutcome(problem.outcome)}\n${problem.error}`;
    }),
    ...changedCells.map(
      (gradeId) =>
        `cell "${gradeId}" was changed since it was handed out: the grader runs the original`,
    ),
  ];
  const bundle: CheckBundle = {
    version: SCHEMA_VERSION,
    file,
    tests,
    warnings,
    total: result.total,
    max: result.max,
    text: "",
  };
  return { ...bundle, text: render(bundle) };
}

function render(bundle: CheckBundle): string {
  const lines = [`gradbook check: ${bundle.file}`];
  const width = Math.max(0, ...bundle.tests.map((test) => test.gradeId.length));
  for (const test of bundle.tests) {
    const mark = test.passed ? "✓" : "✗";
    const points = `${formatPoints(test.points)} / ${formatPoints(test.maxPoints)}`;
    const status = test.status === "passed" ? "" : `  ${test.status}`;
    lines.push(`  ${mark} ${test.gradeId.padEnd(width)}  ${points}${status}`);
    lines.push(...test.details.map(indent));
  }
  for (const warning of bundle.warnings) {
    const [first, ...rest] = warning.split("\n");
    lines.push(`  ! ${first}`, ...(rest.length > 0 ? [indent(rest.join("\n"))] : []));
  }
  const passed = bundle.tests.filter((test) => test.passed).length;
  lines.push(
    `${passed} of ${bundle.tests.length} visible tests pass: ${formatPoints(bundle.total)} of ` +
      `${formatPoints(bundle.max)} points. Hidden tests run only when your work is graded.`,
  );
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    timeout: { type: "string", short: "t" },
    "submission-timeout": { type: "string" },
    memory: { type: "string", short: "m" },
    json: { type: "boolean" },
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
  const bundle = checkBundle(file, report);
  process.stdout.write(values.json ? `${JSON.stringify(bundle)}\n` : `${bundle.text}\n`);
  return report.result.tests.every((test) => test.passed) ? ExitCode.ok : ExitCode.failure;
}

/** `gradbook check <notebook.ipynb>` */
export const checkCommand: Command = {
  name: "check",
  summary: "run the visible tests of a student notebook as the grader would",
  help,
  main,
};
