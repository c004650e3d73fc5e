// What a subcommand of `nianbao` is: one declaration (name, help, options, positionals, run) from
// which the argument parser, `--help` and the docs test all read, so they cannot drift apart.
import type { OptionSpec, OptionValues } from './options.ts';

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

/** The positional arguments a command takes: how they are shown and how many. */
export interface PositionalSpec {
  /** As shown in the usage line, e.g. `<file...>` or `<portal-url>`. */
  label: string;
  min: number;
  max: number;
}

/** What `run` receives: the options by name (typed from the declaration) and the positionals. */
export interface Invocation<O extends Record<string, OptionSpec<unknown>>> {
  options: OptionValues<O>;
  positionals: string[];
}

/** One command as its file declares it. */
export interface CommandSpec<O extends Record<string, OptionSpec<unknown>>> {
  name: string;
  /** One line for the list in `nianbao --help`. */
  summary: string;
  /** What it does, for `nianbao <name> --help` (the options are listed from `options`). */
  description: string;
  positionals?: PositionalSpec;
  options: O;
  /** What the exit codes mean for this command. */
  exitCodes?: string;
  examples?: string[];
  /** Sub-verbs (`portals add`), each a command of its own; the parent then has no `run`. */
  subcommands?: Command[];
  run?: (invocation: Invocation<O>) => Promise<number>;
}

/** A declared command, as the registry, the parser and the help printer see it. */
export interface Command {
  name: string;
  summary: string;
  description: string;
  positionals: PositionalSpec;
  options: Record<string, OptionSpec<unknown>>;
  exitCodes?: string;
  examples: string[];
  subcommands: Command[];
  run?: (invocation: Invocation<Record<string, OptionSpec<unknown>>>) => Promise<number>;
}

/** Declares a command; the options' value types flow into `run`. */
export function defineCommand<O extends Record<string, OptionSpec<unknown>>>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    description: spec.description.trim(),
    positionals: spec.positionals ?? { label: '', min: 0, max: 0 },
    options: spec.options,
    exitCodes: spec.exitCodes,
    examples: spec.examples ?? [],
    subcommands: spec.subcommands ?? [],
    run: spec.run as Command['run'],
  };
}

/** Thrown for wrong arguments; main prints the message (one line) and exits with ExitCode.usage. */
export class UsageError extends Error {}

/** Thrown when a command must stop with a clear one-line message and a given exit code. */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
