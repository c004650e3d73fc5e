// Whole-command times of `nianbao --help` and `nianbao parse one.pdf`: the compiled command
// (dist/, what npm ci installs) beside the same command run from the sources through tsx (what
// every run paid before the build step), alternating, in one run. Medians of N runs each.
// With --old DIR (a copy of an older build's dist/, e.g. kept in /tmp before a change), that build's
// compiled command runs in the same alternation, so before and after are measured in one run.
// Usage: node --import tsx scripts/bench-cli.ts [--runs N] [--old DIR]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), [], ['runs', 'old']);
const runs = Number(optionValue(args, 'runs', '7'));
const root = join(import.meta.dirname, '..');
const pdf = join(root, 'test', 'fixtures', 'seeds', '003_d677def7845cc038.pdf');
const old = optionValue(args, 'old');
const entries: Record<string, string[]> = {
  compiled: [join(root, 'dist', 'scripts', 'cli', 'entry.js')],
  'from sources (tsx)': [join(root, 'scripts', 'nianbao.mjs')],
  ...(old ? { 'old build': [join(old, 'scripts', 'cli', 'entry.js')] } : {}),
};
const commands = { 'nianbao --help': ['--help'], 'nianbao parse one.pdf': ['parse', pdf] };

function seconds(argv: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { stdio: 'ignore' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${argv.join(' ')} exited ${run.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`bench-cli: ${runs} runs each, alternating`);
for (const [label, argv] of Object.entries(commands)) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(entries).map((entry) => [entry, []]));
  for (let i = 0; i < runs; i++) for (const [entry, prefix] of Object.entries(entries)) times[entry].push(seconds([...prefix, ...argv]));
  const compiled = median(times.compiled);
  const sources = median(times['from sources (tsx)']);
  const before = old ? `   old build ${median(times['old build']).toFixed(2)} s (compiled ÷ old ${(compiled / median(times['old build'])).toFixed(2)})` : '';
  console.log(`  ${label.padEnd(22)} compiled ${compiled.toFixed(2)} s   from sources ${sources.toFixed(2)} s   ratio ${(compiled / sources).toFixed(2)}${before}`);
}
