/**
 * `gradbook run`: execute a notebook headlessly, write the executed copy, report failing cells.
 * Like nbconvert it stops at the first failing cell unless told to allow errors; unlike
 * nbconvert it always writes what ran (as papermill does), so the failing cell's output can be
 * read in the file, and it never overwrites its input unless `--out` names it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KernelStartError } from "../kernel/kernel-connection";
import { readNotebook, sourceText, writeNotebook, type Notebook } from "../notebook";
import {
  runNotebook,
  type CellProgress,
  type CellReport,
  type RunReport,
} from "../kernel/run-notebook";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";

const help = `Usage: gradbook run <notebook.ipynb> [options]

Execute every code cell of a notebook in order, in a fresh tslab kernel started in the
notebook's folder (so its imports resolve as in JupyterLab), and write the executed notebook.
Failing cells are printed with their index in the notebook's cell list (0-based, markdown
cells included) and their error text.

Options:
  -o, --out FILE      write the executed notebook to FILE (default: NAME.out.ipynb next to
                      the input; the input is overwritten only if FILE names it)
  -t, --timeout S     interrupt a cell that runs longer than S seconds (default: no limit)
      --allow-errors  keep running after a failing cell; cell errors are reported but do not
                      fail the run (a timeout or a dead kernel still does)
  -h, --help          show this help

The executed notebook is written even when a cell fails: cells after the failure are left
without outputs. Exit status: 0 success; 1 a cell failed, timed out or killed the kernel;
2 bad arguments or an input that is not a notebook; 3 the tslab kernel could not start.`;

interface RunArgs {
  input: string;
  out: string;
  timeoutMs: number | undefined;
  allowErrors: boolean;
}

function parseRunArgs(args: string[]): RunArgs | "help" {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: "string", short: "o" },
    timeout: { type: "string", short: "t" },
    "allow-errors": { type: "boolean" },
  });
  if (values.help) {
    return "help";
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "missing the notebook to run"
        : `expected one notebook, got ${positionals.length}`,
    );
  }
  const input = positionals[0];
  const parsedInput = path.parse(input);
  const out = values.out ?? path.join(parsedInput.dir, `${parsedInput.name}.out.ipynb`);
  const outDir = path.dirname(path.resolve(out));
  if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) {
    throw new UsageError(`--out ${out}: folder ${outDir} does not exist`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0) || !Number.isFinite(seconds)) {
      throw new UsageError(
        `--timeout must be a positive number of seconds, got "${values.timeout}"`,
      );
    }
    timeoutMs = seconds * 1000;
  }
  return { input, out, timeoutMs, allowErrors: values["allow-errors"] ?? false };
}

function firstLine(notebook: Notebook, cellIndex: number): string {
  const line = sourceText(notebook.cells[cellIndex].source).trim().split("\n")[0];
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function describeFailure(notebook: Notebook, report: CellReport): string {
  const text = report.errorText.split("\n").map((line) => `    ${line}`);
  return [
    `cell ${report.cellIndex} failed (${report.status}): ${firstLine(notebook, report.cellIndex)}`,
    ...text,
  ].join("\n");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function summary(report: RunReport, out: string): string {
  const ran = report.cells.length;
  const timing = `in ${seconds(report.durationMs)} (kernel start ${seconds(report.kernelStartMs)})`;
  const failed = report.failures.length;
  const notRun = report.notRun.length > 0 ? `, ${report.notRun.length} not run` : "";
  const cells = `${ran} code cell${ran === 1 ? "" : "s"}`;
  const head =
    failed === 0 && notRun === "" ? `ran ${cells}` : `${failed} of ${cells} failed${notRun}`;
  return `${head} ${timing}; wrote ${out}`;
}

async function main(args: string[]): Promise<number> {
  const parsed = parseRunArgs(args);
  if (parsed === "help") {
    return printHelp(help);
  }
  const notebook = readNotebook(parsed.input);
  const tty = process.stderr.isTTY === true;
  const onProgress = (event: CellProgress): void => {
    if (tty) {
      process.stderr.write(`\r\x1b[K[${event.position}/${event.total}] cell ${event.cellIndex}`);
    }
    if (event.phase === "done" && event.report && event.report.status !== "ok") {
      process.stderr.write(`${tty ? "\r\x1b[K" : ""}${describeFailure(notebook, event.report)}\n`);
    }
  };
  if (tty) {
    process.stderr.write("starting the tslab kernel...");
  }
  let report: RunReport;
  try {
    report = await runNotebook(notebook, {
      cwd: path.dirname(path.resolve(parsed.input)),
      timeoutMs: parsed.timeoutMs,
      allowErrors: parsed.allowErrors,
      onProgress,
    });
  } catch (error) {
    if (error instanceof KernelStartError) {
      process.stderr.write(`${tty ? "\r\x1b[K" : ""}gradbook run: ${error.message}\n`);
      return ExitCode.kernel;
    }
    throw error;
  }
  if (tty) {
    process.stderr.write("\r\x1b[K");
  }
  writeNotebook(parsed.out, report.notebook);
  process.stdout.write(`${summary(report, parsed.out)}\n`);
  const fatal = report.failures.some((cell) => cell.status !== "error" || !parsed.allowErrors);
  return fatal || report.notRun.length > 0 ? ExitCode.failure : ExitCode.ok;
}

/** `gradbook run <notebook.ipynb> [--out FILE] [--timeout S] [--allow-errors]` */
export const runCommand: Command = {
  name: "run",
  summary: "execute a notebook headlessly in a fresh tslab kernel and write the result",
  help,
  main,
};
