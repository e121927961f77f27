/**
 * `gradbook kit --out DIR [--source DIR]`: write the students' course into a folder of its own
 * (src/grader/kit/build-kit.ts): released lessons, a welcome notebook, the tools, gradbook
 * packed with its extension, and `npm start` / `npm test`. Nothing of a solution or hidden test.
 */
import * as path from "node:path";
import { MarkupError } from "../grader/authoring/markup";
import { buildKit, KitError } from "../grader/kit/build-kit";
import { ExitCode, parseCommandArgs, printHelp, UsageError, type Command } from "./command";

const DEFAULT_SOURCE = path.join("notebooks", "source");

const help = `Usage: gradbook kit --out <dir> [--source <dir>]

Write the course as students get it, into a new folder: the student version of every source
notebook (what \`gradbook assign\` writes) in lessons/, a welcome notebook for students, the
course's tools notebooks, and gradbook itself, packed from this build with its JupyterLab
extension. In that folder, on any machine with Node.js 20+ and Python 3.10+:
  npm start                         set up, then serve the lessons in JupyterLab
  npm test [-- lessons/NN.ipynb]    check the visible tests of every lesson (or one)
The kit never refers back to this repository. Every file it holds, and every file of the
packed gradbook, is searched for the lines of the sources' solutions and hidden tests.

Options:
  -o, --out DIR      the kit's folder: new, or an empty folder (required)
  -s, --source DIR   the source notebooks (default ${DEFAULT_SOURCE}); tools notebooks are
                     taken from tools/ next to it
  -h, --help         show this help

Run it in the course repository after \`npm run setup\` (it packs the built library and
extension). Exit status: 0 written; 2 bad arguments, markup problems, or a folder that is
not empty.`;

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: "string", short: "o" },
    source: { type: "string", short: "s" },
  });
  if (values.help) {
    return printHelp(help);
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${positionals[0]}`);
  }
  if (values.out === undefined) {
    throw new UsageError("missing --out DIR, the folder for the kit");
  }
  try {
    const report = await buildKit({ source: values.source ?? DEFAULT_SOURCE, out: values.out });
    process.stdout.write(
      `wrote the kit to ${values.out}: ${report.lessons.length} lesson(s), ` +
        `${report.tools.length} tools notebook(s), ${path.basename(report.tarball)}; ` +
        `${report.scannedFiles} files searched, no line of a solution or hidden test.\n` +
        `Students: cd ${values.out} && npm start\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof KitError || error instanceof MarkupError) {
      process.stderr.write(`gradbook kit: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

/** `gradbook kit --out <dir> [--source <dir>]` */
export const kitCommand: Command = {
  name: "kit",
  summary: "write the students' course: released lessons, gradbook packed, npm start/test",
  help,
  main,
};
