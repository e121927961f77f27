/**
 * The shape of a `gradbook` subcommand, so that main.ts dispatches from a table and each
 * command (run, assign, grade, check) lives in its own file with its own help text.
 */
import { parseArgs } from "node:util";

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

/** The options a command declares, as node:util's parseArgs takes them. */
export type OptionsConfig = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean }
>;

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

// What strict parseArgs gives for one option (@types/node's own result types are not exported).
type OptionValue<Option> = Option extends { type: "boolean" }
  ? Option extends { multiple: true }
    ? boolean[]
    : boolean
  : Option extends { multiple: true }
    ? string[]
    : string;

/** Parsed arguments of a command: each option's value when given, and the positionals. */
export interface ParsedCommandArgs<Options extends OptionsConfig> {
  values: { [Name in keyof Options]?: OptionValue<Options[Name]> } & { help?: boolean };
  positionals: string[];
}

/**
 * A command's arguments parsed by node:util's parseArgs (strict, positionals allowed) with
 * `-h, --help` added to `options`; a parse error (unknown option, missing value) becomes a
 * UsageError, so every command reports it the same way.
 */
export function parseCommandArgs<const Options extends OptionsConfig>(
  args: string[],
  options: Options,
): ParsedCommandArgs<Options> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...options, ...HELP_OPTION },
    });
    return { values, positionals } as ParsedCommandArgs<Options>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Prints a command's help text; the exit status of `--help`. */
export function printHelp(help: string): number {
  process.stdout.write(`${help}\n`);
  return ExitCode.ok;
}
