// The bench scripts' tiny argv reader (`--flag`, `--key value`). The nianbao command itself reads
// argv through argv.ts (util.parseArgs against each command's declared options).
import { UsageError } from './command.ts';

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string[]>;
}

/** `booleans` are flags without a value; `valued` take one value each (repeatable). */
export function parseArgs(argv: string[], booleans: string[], valued: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { out.positionals.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith('-') || arg === '-') { out.positionals.push(arg); continue; }
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (booleans.includes(name)) { out.flags.add(name); continue; }
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.values.set(name, [...(out.values.get(name) ?? []), value]);
      continue;
    }
    throw new UsageError(`unknown option ${arg}`);
  }
  return out;
}

/** The last value given for an option, or the default. */
export function optionValue(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const all = args.values.get(name);
  return all ? all[all.length - 1] : fallback;
}
