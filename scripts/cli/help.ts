// `nianbao --help` and `nianbao <command> --help`, printed from the declarations.
import type { Command } from './command.ts';
import type { CommandEntry } from './commands.ts';

function optionLabel(name: string, placeholder?: string): string {
  return placeholder ? `--${name} ${placeholder}` : `--${name}`;
}

function shownDefault(value: unknown): string {
  if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) return '';
  return ` (default ${Array.isArray(value) ? value.join(',') : value})`;
}

/** The options block: every declared option with its help and default. */
export function optionLines(command: Command): string[] {
  const entries = Object.entries(command.options);
  if (entries.length === 0) return [];
  const labels = entries.map(([name, spec]) => optionLabel(name, spec.placeholder));
  const width = Math.min(24, Math.max(...labels.map((l) => l.length)));
  return entries.flatMap(([, spec], i) => {
    const lines = `${spec.help}${shownDefault(spec.defaultValue)}`.split('\n');
    const first = labels[i].length > width ? [`  ${labels[i]}`, `  ${' '.repeat(width)}  ${lines[0]}`] : [`  ${labels[i].padEnd(width)}  ${lines[0]}`];
    return [...first, ...lines.slice(1).map((l) => `  ${' '.repeat(width)}  ${l}`)];
  });
}

/** The usage line: `nianbao <name> <positionals> [options]`. */
export function usageLine(command: Command, path: string): string {
  const parts = [`nianbao ${path}`];
  if (command.subcommands.length) parts.push(`<${command.subcommands.map((s) => s.name).join('|')}>`);
  if (command.positionals.label) parts.push(command.positionals.label);
  if (Object.keys(command.options).length) parts.push('[options]');
  return parts.join(' ');
}

/** The whole `--help` text of a command (or of one of its verbs). */
export function commandHelp(command: Command, path = command.name): string {
  const sections = [`Usage: ${usageLine(command, path)}`, '', command.description];
  if (command.subcommands.length) {
    const width = Math.max(...command.subcommands.map((s) => s.name.length));
    sections.push('', 'Commands:', ...command.subcommands.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
      '', `nianbao ${path} <command> --help explains each.`);
  }
  const options = optionLines(command);
  if (options.length) sections.push('', 'Options:', ...options);
  if (command.exitCodes) sections.push('', command.exitCodes);
  if (command.examples.length) sections.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return sections.join('\n');
}

/** `nianbao --help`: every command with its summary (the archive's default path loaded only here). */
export async function overview(commands: Pick<CommandEntry, 'name' | 'summary'>[], version: string): Promise<string> {
  const { DEFAULT_ARCHIVE_PATH } = await import('../../storage/index.ts');
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `nianbao ${version} — crawl, parse and archive 政府信息公开工作年度报告`,
    '',
    'Usage: nianbao <command> [options]   (nianbao <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options: --help, --version',
    `Environment: NIANBAO_DB sets the archive path (default ${DEFAULT_ARCHIVE_PATH}); NIANBAO_CONTACT the crawler's contact;`,
    'NIANBAO_DEBUG=1 prints the stack of an unexpected error.',
  ].join('\n');
}
