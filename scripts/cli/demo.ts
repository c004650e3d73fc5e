// `nianbao demo`: the first thing to run. Starts the portal farm (simulated county portals on
// loopback), registers its portals, crawls them into a local archive, prints what it found, and
// stops the farm.
import { rmSync } from 'node:fs';
import { auditYear, displayWidth, lastCompleteYear, openArchive, upsertPortal, type Archive, type AuditRow } from '../../storage/index.ts';
import { runCrawl } from '../../crawler/index.ts';
import { startFarm } from '../../test/farm/index.ts';
import { defineCommand, ExitCode } from './command.ts';
import { crawleeLogSettings } from './crawlee-config.ts';
import { crawlProgress, formatSummary } from './crawl-report.ts';
import { flag, text } from './options.ts';
import { startProgress } from './progress.ts';

const DEMO_ARCHIVE = './data/demo.sqlite';
/** As measured for the README (the whole command, farm start to farm stop, with the browser). */
const DEMO_DURATION = '40 seconds (39 s measured from a fresh clone on 2 cores)';

/** Each organ once (whatever names its reports print), with its division code and its years. */
function byOrgan(archive: Archive): string[] {
  const rows = archive.db.prepare(`SELECT o.name, o.division_code AS code, r.year, r.template, p.organ AS printed
    FROM reports r JOIN organs o ON o.id = r.organ_id JOIN parses p ON p.id = r.parse_id ORDER BY o.division_code, o.name, r.year`).all() as
    { name: string; code: string | null; year: number; template: string | null; printed: string }[];
  const organs = new Map<string, { code: string | null; years: string[]; printed: Set<string> }>();
  for (const r of rows) {
    const organ = organs.get(r.name) ?? { code: r.code, years: [], printed: new Set<string>() };
    organ.years.push(`${r.year} [${r.template ?? '?'}]`);
    if (r.printed !== r.name) organ.printed.add(r.printed);
    organs.set(r.name, organ);
  }
  return [...organs.entries()].map(([name, o]) => `  ${name} (${o.code ?? 'no division code'})  ${o.years.join('  ')}${o.printed.size ? `  — printed as ${[...o.printed].join('、')}` : ''}`);
}

/** The audit of the year with the most reports: the organs seen, then what the division dataset expected besides. */
function auditLines(archive: Archive): string[] {
  const year = archive.db.prepare('SELECT year FROM reports WHERE year BETWEEN 2019 AND ? GROUP BY year ORDER BY count(*) DESC, year DESC LIMIT 1')
    .pluck().get(lastCompleteYear()) as number | undefined;
  if (year === undefined) return [];
  const { rows } = auditYear(archive, { year });
  const seen = rows.filter((r) => r.published !== 'not-expected' && !(r.published === 'missing' && expectedOnly(archive, r.organId)));
  const expected = rows.filter((r) => r.published === 'missing' && expectedOnly(archive, r.organId));
  const width = Math.max(...seen.map((r) => displayWidth(r.organ)));
  const onTime = (r: AuditRow) => (r.onTime === 'seen-by' ? 'seen by (no printed date)' : r.onTime === '' ? '' : `${r.onTime} ${r.publishedDate}`);
  return [`Audit of ${year} (nianbao audit --year ${year}): ${rows.filter((r) => r.published === 'found').length} of ${rows.filter((r) => r.published !== 'not-expected').length} expected reports found`,
    ...seen.map((r) => `  ${r.organ}${' '.repeat(width - displayWidth(r.organ))}  ${r.published.padEnd(9)} ${onTime(r).padEnd(26)} due ${r.deadline}${r.problems.length ? `  ${r.problems.join('; ')}` : ''}`),
    `  … and ${expected.length} more organs the portals' counties are expected to have (county governments, townships, 街道 of the division dataset): missing`];
}

function expectedOnly(archive: Archive, organId: number): boolean {
  return archive.db.prepare("SELECT origin = 'expected' FROM organs WHERE id = ?").pluck().get(organId) === 1;
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
      const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name, divisionCode: p.divisionCode, notes: `farm family: ${p.family}` }));
      console.log(`Crawling them into ${db} …`);
      const progress = startProgress('demo');
      const summary = await runCrawl({
        archive, portals, kind: 'crawl', onProgress: crawlProgress(progress, archive, portals), log: (line) => progress.log(line),
        settings: { politenessDelaySecs: 0.05, perHostConcurrency: 1, portalConcurrency: 16, requestTimeoutSecs: 10, maxBackoffSecs: 2, useBrowser: !options['no-browser'], ...crawleeLogSettings() },
      }).finally(() => progress.stop());
      const found = [...summary.tallies.values()].flatMap((t) => t.reports);
      const hits = farm.truth.filter((t) => found.some((r) => r.year === t.year && (r.url === t.pageUrl || r.pageUrl === t.pageUrl || t.attachmentUrls.includes(r.url))));
      const templates = archive.db.prepare('SELECT coalesce(template, \'?\') AS t, count(*) AS n FROM reports GROUP BY 1 ORDER BY 1').all() as { t: string; n: number }[];
      const reportCount = templates.reduce((n, t) => n + t.n, 0);
      console.log(`\nTrue reports found: ${hits.length} of the farm's ${farm.truth.length} (look-alikes stored as reports: ${found.filter((r) => farm.lookalikes.includes(r.url)).length})`);
      console.log(`In the archive: ${reportCount} reports (a report is one organ × year) from ${new Set(found.map((r) => r.url)).size} documents (pages and attachments), by organ:`);
      console.log(byOrgan(archive).join('\n'));
      console.log(`By template (reports): ${templates.map(({ t, n }) => `${t} ×${n}`).join(', ')}`);
      console.log(`\nBlocked portals (recognised challenges; nothing from them stored as a report):`);
      for (const b of summary.blockedPortals) console.log(`  ${portals.find((p) => p.url === b.url)?.name ?? b.url}  ${b.url}  ${b.reason}`);
      console.log(`\n${formatSummary(summary)}`);
      console.log(`\n${auditLines(archive).join('\n')}`);
      console.log(`\nThe archive is ${db}. Try: nianbao query "SELECT organ, year, template FROM reports ORDER BY organ, year" --db ${db} --table`);
      return summary.status === 'failed' ? ExitCode.failure : ExitCode.ok;
    } finally {
      archive.close();
      await farm.stop();
    }
  },
});
