// `nianbao demo`: the first thing to run. Starts the portal farm (simulated county portals on
// loopback), registers its portals, crawls them into a local archive, prints what it found, and
// stops the farm.
import { rmSync } from 'node:fs';
import { openArchive, upsertPortal } from '../../storage/index.ts';
import { runCrawl, type FoundReport } from '../../crawler/index.ts';
import { startFarm } from '../../test/farm/index.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { optionValue, parseArgs } from './args.ts';
import { formatSummary, progressPrinter } from './crawl-report.ts';

const DEMO_ARCHIVE = './data/demo.sqlite';

const help = `
nianbao demo [--db PATH] [--no-browser]

Starts the portal farm — simulated county portals on loopback addresses 127.0.0.2, 127.0.0.3 …,
one per content-management family (TRS, Hanweb, gkmlpt, opaque ids, query-string lists, a list
only JavaScript renders, a flipbook, reports only as attachments, legacy reports) plus challenge
pages and a trap site — registers them, crawls them into ${DEMO_ARCHIVE} (replaced on every run;
or --db PATH), and prints what it found: reports by organ, year and template, the portals blocked
by challenges, and how many of the farm's true reports were found. Then it stops the farm.
Politeness is kept (robots.txt, Crawl-delay, one request at a time per host) with a short delay,
since every portal is local. Takes about half a minute.

  --db PATH     the archive to crawl into (default ${DEMO_ARCHIVE}, replaced on every run)
  --no-browser  do not start Chromium (the script-rendered list stays unread)

Example:
  nianbao demo
  nianbao query "SELECT organ, year, template FROM reports" --db ${DEMO_ARCHIVE} --table
`;

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

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['no-browser'], ['db']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  const db = optionValue(args, 'db') ?? DEMO_ARCHIVE;
  if (db === DEMO_ARCHIVE) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const farm = await startFarm();
  const archive = openArchive(db);
  try {
    console.log(`Portal farm: ${farm.portals.length} portals on ${farm.portals[0].host} … ${farm.portals.at(-1)!.host} (port ${new URL(farm.portals[0].homeUrl).port})`);
    const portals = farm.portals.map((p) => upsertPortal(archive, p.homeUrl, { name: p.name, notes: `farm family: ${p.family}` }));
    console.log(`Crawling them into ${db} …`);
    const summary = await runCrawl({
      archive, portals, kind: 'crawl', onProgress: progressPrinter(portals.length),
      settings: { politenessDelaySecs: 0.05, perHostConcurrency: 1, portalConcurrency: 16, requestTimeoutSecs: 10, maxBackoffSecs: 2, useBrowser: !args.flags.has('no-browser') },
    });
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
}

export const demoCommand: Command = { name: 'demo', summary: 'start the portal farm, crawl it into data/demo.sqlite, show what was found', help, run };
