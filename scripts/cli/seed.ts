// `nianbao seed <portal-url>`: crawls one portal now, parses what it found, prints a summary or
// (--json) every report with its page and attachments and every page fetched, skipped or failed.
import { frontierEntries, openArchive, upsertPortal, type Archive } from '../../storage/index.ts';
import { normaliseUrl, runCrawl, type PortalTally } from '../../crawler/index.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { parseArgs } from './args.ts';
import { DB_HELP, DB_OPTION, archivePath } from './archive-path.ts';
import { CRAWL_FLAGS, CRAWL_HELP, CRAWL_VALUED, crawlSettingsFromArgs } from './crawl-options.ts';
import { exitCodeOf, formatSummary } from './crawl-report.ts';

const help = `
nianbao seed <portal-url> [--json] [--db PATH] [options]

Crawls one portal now: finds its 政府信息公开年报 column(s), township and department sub-sites
included, walks every list page, opens every report page, downloads every attachment, stores it
all in the archive and parses it. The portal is added to the registry for nightly crawls.

  --json               one JSON object: every report found (organ, year, template, title, the URL
                       of its page and of its attachments) and the pages fetched, skipped and
                       failed, each with its reason
${DB_HELP}
${CRAWL_HELP}

Exit code 0 when all went well, 1 when pages failed or the portal is blocked by a challenge,
4 when nothing could be fetched, 2 for bad arguments.

Example:
  nianbao seed http://www.example.gov.cn/ --json --db data/archive.sqlite
`;

interface ReportOut { organ: string | null; year: number | null; template: string | null; title: string | null; pageUrl: string | null; attachmentUrls: string[] }

function reportsOf(tally: PortalTally): ReportOut[] {
  const groups = new Map<string, ReportOut>();
  for (const r of tally.reports) {
    const key = `${r.organ ?? r.url}|${r.year}`;
    const group = groups.get(key) ?? { organ: r.organ, year: r.year, template: r.template, title: r.title, pageUrl: null, attachmentUrls: [] };
    if (r.label === 'report') group.pageUrl ??= r.url;
    else {
      group.pageUrl ??= r.pageUrl;
      if (!group.attachmentUrls.includes(r.url)) group.attachmentUrls.push(r.url);
    }
    groups.set(key, group);
  }
  return [...groups.values()];
}

function pagesOf(archive: Archive, portalId: number, runId: number) {
  const entries = frontierEntries(archive, portalId);
  const pick = (status: string) => entries.filter((e) => e.status === status && (status !== 'done' || e.runId === runId))
    .map((e) => ({ url: e.url, label: e.label, ...(e.reason ? { reason: e.reason } : {}) }));
  return { fetched: pick('done'), skipped: pick('skipped'), failed: pick('failed'), leftQueued: pick('queued') };
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', ...CRAWL_FLAGS], [DB_OPTION, ...CRAWL_VALUED]);
  if (args.positionals.length !== 1) throw new UsageError('give exactly one portal URL');
  const url = normaliseUrl(args.positionals[0]);
  if (!url) throw new UsageError(`not an http(s) URL: ${args.positionals[0]}`);
  const settings = crawlSettingsFromArgs(args);
  const archive = openArchive(archivePath(args));
  try {
    const portal = upsertPortal(archive, url);
    const summary = await runCrawl({ archive, portals: [portal], kind: 'seed', settings, log: (line) => console.error(line) });
    const tally = summary.tallies.get(portal.id)!;
    if (args.flags.has('json')) {
      const { tallies, ...stored } = summary;
      console.log(JSON.stringify({ portal: url, runId: summary.runId, status: summary.status, summary: stored.portals[0], reports: reportsOf(tally), pages: pagesOf(archive, portal.id, summary.runId) }));
    } else {
      console.log(formatSummary(summary));
      for (const r of reportsOf(tally)) console.log(`  ${r.year ?? '?'} ${r.organ ?? '?'} [${r.template}] ${r.pageUrl ?? ''}${r.attachmentUrls.length ? ` + ${r.attachmentUrls.length} attachment(s)` : ''}`);
    }
    return exitCodeOf(summary);
  } finally {
    archive.close();
  }
}

export const seedCommand: Command = { name: 'seed', summary: 'crawl one portal now and print what it found', help, run };
