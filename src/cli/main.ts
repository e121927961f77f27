#!/usr/bin/env node
/**
 * The `gradbook` command. Subcommands come from one table; each lives in its own file under
 * src/cli/ with its own options and help. Exit statuses: 0 success, 1 the work
 * failed, 2 a usage error or an input that is not a notebook, 3 no kernel could be started.
 */
import { assignCommand } from "./assign";
import { checkCommand } from "./check";
import { ExitCode, UsageError, type Command } from "./command";
import { gradeCommand } from "./grade";
import { gradebookCommand } from "./gradebook";
import { runCommand } from "./run";
import { killAllKernels } from "../kernel/kernel-process";
import { NotebookError } from "../notebook";
import { version } from "../version";

const commands: readonly Command[] = [
  assignCommand,
  runCommand,
  gradeCommand,
  gradebookCommand,
  checkCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `gradbook ${version}: TypeScript notebooks for the foundations of deep learning`,
    "",
    "Usage: gradbook <command> [options]",
    "",
    "Commands:",
    ...list,
    "",
    "Options:",
    "  -h, --help     show this help",
    "  -v, --version  show the version",
    "",
    "Run `gradbook <command> --help` for a command's options.",
  ].join("\n");
}

/** Run the command line `args` (without node and the script); resolves with the exit status. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return ExitCode.ok;
  }
  if (name === "-v" || name === "--version") {
    process.stdout.write(`gradbook ${version}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const problem = name === undefined ? "missing command" : `unknown command "${name}"`;
    process.stderr.write(`gradbook: ${problem}\n\n${usage()}\n`);
    return ExitCode.usage;
  }
  try {
    return await command.main(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`gradbook ${command.name}: ${error.message}\n\n${command.help}\n`);
      return ExitCode.usage;
    }
    if (error instanceof NotebookError) {
      process.stderr.write(`gradbook ${command.name}: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  // Kernels run detached in their own process groups, so a Ctrl-C reaches only gradbook: make
  // sure they go with it (the "exit" hook of kernel-process kills them).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAllKernels();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(
        `gradbook: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
