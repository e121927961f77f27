/**
 * The shape of a `gradbook` subcommand, so that `src/cli.ts` dispatches from a table and each
 * command (run, assign, grade, check) lives in its own file with its own help text.
 */

/** Exit statuses shared by every command. */
export const ExitCode = {
  ok: 0,
  /** The work failed: a cell failed, a submission could not be graded, … */
  failure: 1,
  /** Bad command line or unusable input file. */
  usage: 2,
  /** The tslab kernel could not be started (environment problem). */
  kernel: 3,
} as const;

/** One subcommand. */
export interface Command {
  /** The word after `gradbook`. */
  name: string;
  /** One line for `gradbook --help`. */
  summary: string;
  /** Full help text for `gradbook <name> --help`. */
  help: string;
  /** Run with the arguments after the command name; resolves with the exit status. */
  main(args: string[]): Promise<number>;
}

/** A command-line mistake: the message is printed with the command's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
