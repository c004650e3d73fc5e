// OCR of scanned PDFs, whole `nianbao parse` commands: wall time and CPU time (the command with its
// tesseract and pdftoppm children) per document. With --old DIR (an older build's dist/), that
// build runs the same documents in alternation, so before and after are measured in one run on
// this shared machine; a ratio below 1 means this build is faster.
// CPU comes from /proc/self/stat (cutime + cstime: children this process has waited for, with
// their own children), so it needs Linux.
// Usage: node --import tsx scripts/bench-ocr.ts [--runs N] [--old DIR] [file.scan.pdf …]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), [], ['runs', 'old']);
const runs = Number(optionValue(args, 'runs', '3'));
const root = join(import.meta.dirname, '..');
const files = args.positionals.length ? args.positionals : [join(root, 'test', 'fixtures', 'seeds', '000_9fdddd81a4dc62c5.scan.pdf')];
const old = optionValue(args, 'old');
const builds: Record<string, string> = {
  'this build': join(root, 'dist', 'scripts', 'cli', 'entry.js'),
  ...(old ? { 'old build': join(old, 'scripts', 'cli', 'entry.js') } : {}),
};
const TICKS_PER_SECOND = 100;

/** CPU seconds of the children this process has waited for so far. */
function childrenCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

function measure(entry: string, file: string): { wall: number; cpu: number } {
  const [cpu0, started] = [childrenCpu(), process.hrtime.bigint()];
  const run = spawnSync(process.execPath, [entry, 'parse', file], { stdio: 'ignore' });
  // 1: read, but not a report or its checks fail (a photographed scan's unread cells); 3: unreadable.
  if (run.status !== 0 && run.status !== 1) throw new Error(`${entry} parse ${file} exited ${run.status}`);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: childrenCpu() - cpu0 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const times: Record<string, { wall: number[]; cpu: number[] }> = Object.fromEntries(Object.keys(builds).map((b) => [b, { wall: [], cpu: [] }]));
for (let r = 0; r < runs; r++) {
  for (const file of files) {
    for (const [name, entry] of Object.entries(builds)) {
      const { wall, cpu } = measure(entry, file);
      times[name].wall.push(wall);
      times[name].cpu.push(cpu);
    }
  }
}
console.log(`${files.length} scanned PDF(s), ${runs} run(s) each, builds alternating`);
for (const [name, t] of Object.entries(times)) {
  console.log(`${name.padEnd(12)} median per document: wall ${median(t.wall).toFixed(2)} s, CPU ${median(t.cpu).toFixed(2)} s (CPU ÷ wall ${(median(t.cpu) / median(t.wall)).toFixed(2)} cores)`);
}
if (old) {
  const [now, before] = [times['this build'], times['old build']];
  console.log(`RATIO this build ÷ old build, all documents and runs summed: wall ${(sum(now.wall) / sum(before.wall)).toFixed(2)}, CPU ${(sum(now.cpu) / sum(before.cpu)).toFixed(2)}`);
}
