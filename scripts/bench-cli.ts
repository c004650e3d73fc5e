// Whole-command times of `nianbao --help` and `nianbao parse one.pdf`: the compiled command
// (dist/, what npm ci installs) beside the same command run from the sources through tsx (what
// every run paid before the build step), alternating, in one run. Medians of N runs each.
// Usage: node --import tsx scripts/bench-cli.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), [], ['runs']);
const runs = Number(optionValue(args, 'runs', '7'));
const root = join(import.meta.dirname, '..');
const pdf = join(root, 'test', 'fixtures', 'seeds', '003_d677def7845cc038.pdf');
const entries = { compiled: [join(root, 'dist', 'scripts', 'cli', 'entry.js')], 'from sources (tsx)': [join(root, 'scripts', 'nianbao.mjs')] };
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
  const times: Record<string, number[]> = { compiled: [], 'from sources (tsx)': [] };
  for (let i = 0; i < runs; i++) for (const [entry, prefix] of Object.entries(entries)) times[entry].push(seconds([...prefix, ...argv]));
  const compiled = median(times.compiled);
  const sources = median(times['from sources (tsx)']);
  console.log(`  ${label.padEnd(22)} compiled ${compiled.toFixed(2)} s   from sources ${sources.toFixed(2)} s   ratio ${(compiled / sources).toFixed(2)}`);
}
