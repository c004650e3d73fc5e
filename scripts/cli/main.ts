// `nianbao`: dispatches to a subcommand; the only place that turns errors into exit codes.
import { commands } from './commands.ts';
import { ExitCode, UsageError } from './command.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'nianbao — crawl, parse and archive 政府信息公开工作年度报告',
    '',
    'Usage: nianbao <command> [options]   (nianbao <command> --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
    'Environment: NIANBAO_DB sets the archive path (default ./data/archive.sqlite).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`nianbao: unknown command '${name}'\n\n${overview()}`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help.trim());
    return ExitCode.ok;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`nianbao ${name}: ${error.message}\n\n${command.help.trim()}`);
      return ExitCode.usage;
    }
    console.error(`nianbao ${name}: ${(error as Error).stack ?? error}`);
    return ExitCode.failure;
  }
}
