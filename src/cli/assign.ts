/**
 * `gradbook assign SOURCE.ipynb --out DIR`: validate a source notebook's nbgrader markup and
 * write its student version to DIR/<same name>.ipynb (assign.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { studentVersion } from "../grader/authoring/assign";
import { MarkupError, validateAssignment } from "../grader/authoring/markup";
import { readNotebook, writeNotebook } from "../notebook";
import { formatPoints } from "../grader/scoring/results";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";

const help = `Usage: gradbook assign <source.ipynb> --out <dir>

Write the student version of a source notebook made with nbgrader's markup (JupyterLab's
"Create Assignment" cell toolbar, or metadata.nbgrader written by hand):
  - code between "// BEGIN SOLUTION" and "// END SOLUTION" becomes a stub that throws
    "not implemented" (function signatures are kept); markdown answers become
    "YOUR ANSWER HERE";
  - lines between "// BEGIN HIDDEN TESTS" and "// END HIDDEN TESTS" are removed;
  - outputs are cleared, read-only and test cells are locked against editing and deletion,
    and each graded cell records a checksum.
The source is validated first: unique grade_ids, points on every graded cell, balanced
delimiters used only in solution and test cells; every problem is listed with its cell.

Options:
  -o, --out DIR   folder for the student version (created if missing; required)
  -h, --help      show this help

Exit status: 0 written; 2 bad arguments, unreadable notebook or markup problems.`;

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: "string", short: "o" },
  });
  if (values.help) {
    return printHelp(help);
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "missing the source notebook" : "expected one source notebook",
    );
  }
  if (values.out === undefined) {
    throw new UsageError("missing --out DIR, the folder for the student version");
  }
  const source = positionals[0];
  const target = path.join(values.out, path.basename(source));
  if (path.resolve(target) === path.resolve(source)) {
    throw new UsageError(`--out ${values.out} would overwrite the source notebook`);
  }
  try {
    const assignment = validateAssignment(readNotebook(source), source);
    const { notebook, stats } = studentVersion(assignment);
    fs.mkdirSync(values.out, { recursive: true });
    writeNotebook(target, notebook);
    process.stdout.write(
      `wrote ${target}: ${stats.solutionRegions} solution region(s) stubbed, ` +
        `${stats.hiddenRegions} hidden test block(s) removed, ${stats.tests} test cell(s) ` +
        `worth ${formatPoints(stats.points)} point(s)\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof MarkupError) {
      process.stderr.write(`gradbook assign: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

/** `gradbook assign <source.ipynb> --out <dir>` */
export const assignCommand: Command = {
  name: "assign",
  summary: "write the student version of an nbgrader-style source notebook",
  help,
  main,
};
