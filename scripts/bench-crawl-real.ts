// Benchmark of discovery on real portal markup (test/farm-real, issue 13): per family, recall of the
// farm's true reports, look-alikes stored as reports, pages fetched per report found (every request
// the portal's host saw, robots.txt and script includes included), and whether the browser was used.
// Targets: recall ≥ 98 % on every family, 0 look-alikes, ≤ 3 pages per report.
// Usage: node --import tsx scripts/bench-crawl-real.ts [--delay SECONDS] [--no-browser] [--only ID,ID] [--log ID]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REAL_PORTALS, scoreRealCrawl, startRealFarm } from '../test/farm-real/index.ts';
import { openArchive, upsertPortal } from '../storage/index.ts';
import { runCrawl } from '../crawler/index.ts';

const { values } = parseArgs({ options: { delay: { type: 'string', default: '0.05' }, 'no-browser': { type: 'boolean', default: false }, log: { type: 'string' }, only: { type: 'string' } } });
const farm = await startRealFarm(values.only ? { portals: REAL_PORTALS.filter((p) => values.only!.split(',').includes(p.id)) } : {});
const archive = openArchive(join(mkdtempSync(join(tmpdir(), 'nianbao-bench-real-')), 'bench.sqlite'));
const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name }));
const started = performance.now();
const summary = await runCrawl({
  archive, portals,
  settings: { politenessDelaySecs: Number(values.delay), perHostConcurrency: 1, portalConcurrency: 8, requestTimeoutSecs: 10, maxBackoffSecs: 2, useBrowser: !values['no-browser'] },
});
const seconds = (performance.now() - started) / 1000;
const scores = scoreRealCrawl(farm, archive, portals, summary.tallies);
console.log(`${'portal'.padEnd(20)}${'family'.padEnd(23)}recall        look-alikes  pages/report  browser (needed)`);
for (const s of scores) {
  const recall = `${s.found}/${s.truth} ${(100 * s.found / s.truth).toFixed(0)}%`;
  console.log(`${s.id.padEnd(20)}${s.family.padEnd(23)}${recall.padEnd(14)}${String(s.lookalikesStored.length).padEnd(13)}${s.pagesPerReport.toFixed(2).padEnd(14)}${s.usedBrowser ? 'yes' : 'no'} (${s.needsBrowser ? 'yes' : 'no'})`);
  for (const m of s.missing.slice(0, 4)) console.log(`    missing: ${m}`);
}
// --log <portal id>: every request that portal's host saw, in order (to see where discovery goes).
if (values.log) for (const r of farm.requests.filter((q) => q.host === farm.portals.find((p) => p.id === values.log)?.host)) console.log(`  ${r.status} ${r.method} ${decodeURIComponent(r.path)}`);
const found = scores.reduce((n, s) => n + s.found, 0);
const truth = scores.reduce((n, s) => n + s.truth, 0);
const requests = scores.reduce((n, s) => n + s.requests, 0);
console.log(`all: ${found}/${truth} reports, ${scores.reduce((n, s) => n + s.lookalikesStored.length, 0)} look-alikes stored, ${(requests / Math.max(found, 1)).toFixed(2)} pages per report, ${seconds.toFixed(1)} s`);
archive.close();
await farm.stop();
