// `nianbao demo`: the first thing to run. Starts the portal farm (simulated county portals on
// loopback), registers its portals, crawls them into a local archive, prints what it found, and
// stops the farm.
import { rmSync } from 'node:fs';
import { openArchive, upsertPortal } from '../../storage/index.ts';
import { runCrawl, type FoundReport } from '../../crawler/index.ts';
import { startFarm } from '../../test/farm/index.ts';
import { defineCommand, ExitCode } from './command.ts';
import { crawleeLogSettings } from './crawlee-config.ts';
import { crawlProgress, formatSummary } from './crawl-report.ts';
import { flag, text } from './options.ts';
import { startProgress } from './progress.ts';

const DEMO_ARCHIVE = './data/demo.sqlite';
/** As measured for the README (the whole command, farm start to farm stop, with the browser). */
const DEMO_DURATION = '40 seconds (39 s measured from a fresh clone on 2 cores)';

function byOrgan(reports: FoundReport[]): string[] {
  const organs = new Map<string, Map<number, string>>();
  for (const r of reports) {
    if (!r.organ || r.year === null) continue;
    const years = organs.get(r.organ) ?? new Map<number, string>();
    years.set(r.year, r.template ?? '?');
    organs.set(r.organ, years);
  }
  return [...organs.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh')).map(([organ, years]) =>
    `  ${organ}  ${[...years.entries()].sort(([a], [b]) => a - b).map(([y, t]) => `${y} [${t}]`).join('  ')}`);
}

/** The `demo` command. */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'start the portal farm, crawl it into data/demo.sqlite, show what was found',
  description: `
Starts the portal farm — simulated county portals on loopback addresses 127.0.0.2, 127.0.0.3 …,
one per content-management family (TRS, Hanweb, gkmlpt, opaque ids, query-string lists, a list
only JavaScript renders, a flipbook, reports only as attachments, legacy reports) plus challenge
pages and a trap site — registers them, crawls them into ${DEMO_ARCHIVE} (replaced on every run;
or --db PATH), and prints what it found: reports by organ, year and template, the portals blocked
by challenges, and how many of the farm's true reports were found. Then it stops the farm.
Politeness is kept (robots.txt, Crawl-delay, one request at a time per host) with a short delay,
since every portal is local. Takes about ${DEMO_DURATION}.`,
  options: {
    db: text('PATH', `the archive to crawl into (${DEMO_ARCHIVE} is replaced on every run)`, DEMO_ARCHIVE),
    'no-browser': flag('do not start Chromium (the script-rendered list stays unread)'),
  },
  examples: ['nianbao demo', `nianbao query "SELECT organ, year, template FROM reports" --db ${DEMO_ARCHIVE} --table`],
  async run({ options }) {
    const db = options.db;
    if (db === DEMO_ARCHIVE) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    const farm = await startFarm();
    const archive = openArchive(db);
    try {
      console.log(`Portal farm: ${farm.portals.length} portals on ${farm.portals[0].host} … ${farm.portals.at(-1)!.host} (port ${new URL(farm.portals[0].homeUrl).port})`);
      const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name, notes: `farm family: ${p.family}` }));
      console.log(`Crawling them into ${db} …`);
      const progress = startProgress('demo');
      const summary = await runCrawl({
        archive, portals, kind: 'crawl', onProgress: crawlProgress(progress, archive, portals), log: (line) => progress.log(line),
        settings: { politenessDelaySecs: 0.05, perHostConcurrency: 1, portalConcurrency: 16, requestTimeoutSecs: 10, maxBackoffSecs: 2, useBrowser: !options['no-browser'], ...crawleeLogSettings() },
      }).finally(() => progress.stop());
      const found = [...summary.tallies.values()].flatMap((t) => t.reports);
      const hits = farm.truth.filter((t) => found.some((r) => r.year === t.year && (r.url === t.pageUrl || r.pageUrl === t.pageUrl || t.attachmentUrls.includes(r.url))));
      const templates = new Map<string, number>();
      for (const r of new Map(found.map((r) => [`${r.organ}|${r.year}`, r])).values()) templates.set(r.template ?? '?', (templates.get(r.template ?? '?') ?? 0) + 1);
      console.log(`\nReports found: ${hits.length} of the farm's ${farm.truth.length} true reports (look-alikes stored as reports: ${found.filter((r) => farm.lookalikes.includes(r.url)).length})`);
      console.log(byOrgan(found).join('\n'));
      console.log(`By template: ${[...templates.entries()].map(([t, n]) => `${t} ×${n}`).join(', ')}`);
      console.log(`\nBlocked portals (recognised challenges; nothing from them stored as a report):`);
      for (const b of summary.blockedPortals) console.log(`  ${portals.find((p) => p.url === b.url)?.name ?? b.url}  ${b.url}  ${b.reason}`);
      console.log(`\n${formatSummary(summary)}`);
      console.log(`\nThe archive is ${db}. Try: nianbao query "SELECT organ, year, template FROM reports ORDER BY organ, year" --db ${db} --table`);
      return summary.status === 'failed' ? ExitCode.failure : ExitCode.ok;
    } finally {
      archive.close();
      await farm.stop();
    }
  },
});
