// Reads a command's argv with Node's own parser (util.parseArgs) against the command's declared
// options, then turns each value into what the declaration says — one short, named error for
// anything wrong.
import { parseArgs } from 'node:util';
import { UsageError, type Command } from './command.ts';
import type { OptionSpec } from './options.ts';
import { didYouMean } from './suggest.ts';

/** The options and positionals of one invocation, checked. */
export interface ParsedInvocation {
  options: Record<string, unknown>;
  positionals: string[];
}

function optionConfig(options: Record<string, OptionSpec<unknown>>) {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.kind === 'flag' ? 'boolean' as const : 'string' as const, multiple: true }]));
}

/** Parses argv for a command (its options only: `--help` is handled before). */
export function parseInvocation(command: Command, argv: string[], prefix = `nianbao ${command.name}`): ParsedInvocation {
  const declared = command.options;
  const { values, positionals, tokens } = parseArgs({ args: argv, options: optionConfig(declared), strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = declared[token.name];
    if (!spec) throw new UsageError(`unknown option ${token.rawName}${didYouMean(token.name, Object.keys(declared), '--')} (see ${prefix} --help)`);
    if (spec.kind === 'flag' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    if (spec.kind === 'value' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value${spec.placeholder ? ` (${spec.placeholder})` : ''}`);
  }
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const given = values[name] as (string | boolean)[] | undefined;
    if (!given?.length) { options[name] = spec.defaultValue; continue; }
    if (spec.kind === 'flag') { options[name] = true; continue; }
    const parsed = (given as string[]).map((t) => (spec.parse ? spec.parse(t, `--${name}`) : t));
    options[name] = spec.multiple ? parsed : parsed[parsed.length - 1];
  }
  const { min, max, label } = command.positionals;
  if (positionals.length < min) throw new UsageError(`give ${label || 'an argument'} (see ${prefix} --help)`);
  if (positionals.length > max) throw new UsageError(`unexpected argument '${positionals[max]}'${max === 0 ? '' : ` (${prefix} takes ${label})`}`);
  return { options, positionals };
}
