// Page times of `nianbao serve` on an existing archive (e.g. the 100,000-report one that
// `scripts/bench-storage.ts --keep` leaves): first and median of 3 GETs per page over loopback
// (the first search page computes the facets the later ones reuse).
// Usage: node --import tsx scripts/bench-serve.ts --db PATH
import { openArchive } from '../storage/index.ts';
import { startServer } from './serve/server.ts';
import { optionValue, parseArgs } from './cli/args.ts';

const args = parseArgs(process.argv.slice(2), [], ['db']);
const path = optionValue(args, 'db');
if (!path) {
  console.error('usage: node --import tsx scripts/bench-serve.ts --db PATH');
  process.exit(2);
}
const archive = openArchive(path, { readonly: true });
const server = await startServer(archive, { host: '127.0.0.1', port: 0 });
const someReport = (archive.db.prepare('SELECT id, organ FROM reports ORDER BY id LIMIT 1 OFFSET 500').get() ?? { id: 1, organ: '' }) as { id: number; organ: string };
const q = (text: string) => encodeURIComponent(text);
const paths = [
  '/', `/?q=${q(someReport.organ.slice(0, 6))}`, `/?q=${q('政府信息公开')}`, '/?checks=fail&year=2020', `/report/${someReport.id}`,
  '/capture/1', '/capture/1/view', '/coverage', '/coverage?from=2021&to=2024', '/charts', `/charts?organ=${q(someReport.organ)}`, '/runs', '/export',
];
console.log(`bench-serve: ${path}`);
for (const page of paths) {
  const times: number[] = [];
  let first = 0;
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const response = await fetch(`${server.url}${page}`);
    bytes = (await response.arrayBuffer()).byteLength;
    status = response.status;
    times.push(performance.now() - start);
    if (i === 0) first = times[0];
  }
  times.sort((a, b) => a - b);
  console.log(`  ${decodeURIComponent(page).padEnd(40)} ${status} first ${first.toFixed(0).padStart(6)} ms, median ${times[1].toFixed(0).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(5)} KiB`);
}
await server.close();
archive.close();
