/**
 * `gradbook gradebook DIR [OTHER_DIR...]`: rebuild a results folder's gradebook from its result
 * files and DIR/manual.csv (after scoring manual cells, or to regenerate feedback), merging in
 * first the results of other folders: the shards of a class graded on other machines.
 */
import * as path from "node:path";
import { GRADEBOOK_FILES, rebuildGradebook, type Gradebook } from "../grader/report/gradebook";
import { MANUAL_CSV } from "../grader/report/manual-csv";
import { GradebookError, mergeResults, ResultsFolder } from "../grader/report/results-folder";
import { formatPoints } from "../grader/scoring/results";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";

const help = `Usage: gradbook gradebook <dir> [<other-dir>...]

Rebuild the gradebook of the results folder DIR from every result in it (<submission>.json)
and the instructor's DIR/${MANUAL_CSV} (columns submission,grade_id,points,comment: points for
manually graded cells, or to replace a test's points; comments reach the feedback):
  DIR/${GRADEBOOK_FILES.grades}, DIR/${GRADEBOOK_FILES.summary}, DIR/${GRADEBOOK_FILES.pending} and every DIR/<submission>.html
Other folders given (shards of the class graded elsewhere with \`gradbook grade --shard\`) are
merged first: their results and notebooks are copied into DIR, the newest result of each
student winning, so DIR becomes the gradebook of the whole class.

Options:
  -h, --help   show this help

Exit status: 0 the gradebook was written (problems with single results or rows of
${MANUAL_CSV} are listed on stderr); 2 a folder is missing, or the folders hold results of
different assignments, or of different versions of one (nothing is written then).`;

/**
 * Print what a rebuilt gradebook holds (stdout) and its problems (stderr), as `command`:
 * the number of rows, the class mean, manual scores pending and where the files are.
 */
export function printGradebook(command: string, gradebook: Gradebook, dir: string): void {
  for (const problem of gradebook.problems) {
    process.stderr.write(`gradbook ${command}: ${problem}\n`);
  }
  const { rows } = gradebook;
  const max = rows[0]?.max ?? 0;
  const mean = rows.length > 0 ? rows.reduce((sum, row) => sum + row.total, 0) / rows.length : 0;
  const pending = rows.reduce(
    (sum, row) => sum + [...row.points.values()].filter((points) => points === null).length,
    0,
  );
  const late = rows.filter((row) => (row.lateHours ?? 0) > 0).length;
  const parts = [
    `gradebook: ${rows.length} row${rows.length === 1 ? "" : "s"}`,
    `mean ${formatPoints(Math.round(mean * 100) / 100)} / ${formatPoints(max)}`,
  ];
  if (late > 0) {
    parts.push(`${late} late`);
  }
  if (pending > 0) {
    parts.push(`${pending} manual score${pending === 1 ? "" : "s"} pending`);
  }
  process.stdout.write(
    `${parts.join("; ")}; wrote ${path.join(dir, GRADEBOOK_FILES.grades)} and ` +
      `${path.join(dir, GRADEBOOK_FILES.summary)}\n`,
  );
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {});
  if (values.help) {
    return printHelp(help);
  }
  const [dir, ...others] = positionals;
  if (dir === undefined) {
    throw new UsageError("missing the results folder DIR");
  }
  try {
    const folder = new ResultsFolder(dir);
    if (others.length > 0) {
      const merged = mergeResults(folder, others);
      const kept = merged.kept.length > 0 ? ` (${merged.kept.length} kept: DIR's were newer)` : "";
      process.stdout.write(
        `merged ${merged.copied.length} result${merged.copied.length === 1 ? "" : "s"} from ` +
          `${others.join(", ")}${kept}\n`,
      );
    } else if (folder.load().results.length === 0) {
      throw new GradebookError(
        `${dir} holds no results (<submission>.json files of gradbook grade)`,
      );
    }
    printGradebook("gradebook", rebuildGradebook(dir, { feedback: "all", folder }), dir);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof GradebookError) {
      process.stderr.write(`gradbook gradebook: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

/** `gradbook gradebook <dir> [<other-dir>...]` */
export const gradebookCommand: Command = {
  name: "gradebook",
  summary: "rebuild a results folder's gradebook (manual scores, feedback); merge shards into it",
  help,
  main,
};
