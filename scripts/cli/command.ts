// What every subcommand of `nianbao` provides; the registry in commands.ts lists them.

/** Named exit codes, so cron and CI can act on them (see README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** The command ran, but found problems the user should look at (failed pages, failing checks). */
  problems: 1,
  /** Wrong arguments or settings: nothing was done. */
  usage: 2,
  /** An input could not be read at all. */
  badInput: 3,
  /** Every portal or document failed, or the archive is damaged. */
  failure: 4,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface Command {
  name: string;
  /** One line for the list in `nianbao --help`. */
  summary: string;
  /** The full `nianbao <name> --help` text. */
  help: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for wrong arguments; main prints the message and exits with ExitCode.usage. */
export class UsageError extends Error {}
