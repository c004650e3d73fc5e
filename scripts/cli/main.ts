// `nianbao`: finds the command (or sub-verb) named in argv, parses its options against its
// declaration, runs it, and is the only place that turns errors into exit codes and one-line
// messages (a stack trace only with NIANBAO_DEBUG=1).
import { commands } from './commands.ts';
import { CommandError, ExitCode, UsageError, type Command } from './command.ts';
import { parseInvocation } from './argv.ts';
import { commandHelp, overview } from './help.ts';
import { didYouMean } from './suggest.ts';
import { packageVersion } from './version.ts';

const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

/** Walks `portals add …` down to the verb; returns the command, its path and the rest of argv. */
async function resolve(argv: string[]): Promise<{ command: Command; path: string; rest: string[] }> {
  const [name, ...rest] = argv;
  const entry = commands.find((c) => c.name === name);
  if (!entry) throw new UsageError(`unknown command '${name}'${didYouMean(name, commands.map((c) => c.name))} (nianbao --help lists them)`);
  let command = await entry.load();
  let path = command.name;
  while (command.subcommands.length) {
    const verb = rest[0];
    if (!verb || verb.startsWith('-')) {
      if (wantsHelp(rest)) return { command, path, rest };
      throw new UsageError(`${path} needs one of: ${command.subcommands.map((s) => s.name).join(', ')}`);
    }
    const sub: Command | undefined = command.subcommands.find((s) => s.name === verb);
    if (!sub) throw new UsageError(`unknown ${path} command '${verb}'${didYouMean(verb, command.subcommands.map((s) => s.name))}`);
    command = sub;
    path = `${path} ${sub.name}`;
    rest.shift();
  }
  return { command, path, rest };
}

function reportError(where: string, error: unknown): number {
  if (error instanceof UsageError) {
    console.error(`${where}: ${error.message}`);
    return ExitCode.usage;
  }
  if (error instanceof CommandError) {
    console.error(`${where}: ${error.message}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${where}: ${message}${process.env.NIANBAO_DEBUG ? `\n${(error as Error).stack}` : ''}`);
  return ExitCode.failure;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  if (first === '--version' || first === '-V' || first === 'version') {
    console.log(packageVersion());
    return ExitCode.ok;
  }
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? argv[1] : undefined;
    if (topic) return main([...argv.slice(1), '--help']);
    console.log(await overview(commands, packageVersion()));
    return first ? ExitCode.ok : ExitCode.usage;
  }
  let where = 'nianbao';
  try {
    const { command, path, rest } = await resolve([...argv]);
    where = `nianbao ${path}`;
    if (wantsHelp(rest)) {
      console.log(commandHelp(command, path));
      return ExitCode.ok;
    }
    const invocation = parseInvocation(command, rest, where);
    return await command.run!(invocation as never);
  } catch (error) {
    return reportError(where, error);
  }
}
