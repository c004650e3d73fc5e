// `nianbao seed <portal-url>`: crawls one portal now, parses what it found, prints a summary or
// (--json) every report with its page and attachments and every page fetched, skipped or failed.
import { frontierEntries, reportsOfPortal, upsertPortal, type Archive } from '../../storage/index.ts';
import { normaliseUrl, runCrawl, type PortalTally } from '../../crawler/index.ts';
import { defineCommand, UsageError } from './command.ts';
import { DB_OPTIONS, archivePath, openOrCreateArchive } from './archive-path.ts';
import { CRAWL_OPTIONS, contactOf, crawlSettingsFromOptions, requireContactFor } from './crawl-options.ts';
import { crawleeLogSettings } from './crawlee-config.ts';
import { crawlProgress, exitCodeOf, formatSummary } from './crawl-report.ts';
import { flag } from './options.ts';
import { startProgress } from './progress.ts';

/** Every report of the portal in the archive (found now or on an earlier run), marked when this run found it new. */
function reportsOf(archive: Archive, portalId: number, tally: PortalTally) {
  const newUrls = new Set(tally.reports.filter((r) => r.isNew).map((r) => r.url));
  return reportsOfPortal(archive, portalId).map((r) => ({
    organ: r.organ, year: r.year, template: r.template, title: r.title, pageUrl: r.pageUrl, attachmentUrls: r.attachmentUrls,
    newThisRun: [r.pageUrl, ...r.attachmentUrls].some((u) => u !== null && newUrls.has(u)),
  }));
}

function pagesOf(archive: Archive, portalId: number, runId: number) {
  const entries = frontierEntries(archive, portalId);
  const pick = (status: string) => entries.filter((e) => e.status === status && (status !== 'done' || e.runId === runId))
    .map((e) => ({ url: e.url, label: e.label, ...(e.reason ? { reason: e.reason } : {}) }));
  return { fetched: pick('done'), skipped: pick('skipped'), failed: pick('failed'), leftQueued: pick('queued') };
}

/** The `seed` command. */
export const seedCommand = defineCommand({
  name: 'seed',
  summary: 'crawl one portal now and print what it found',
  description: `
Crawls one portal now: finds its 政府信息公开年报 column(s), township and department sub-sites
included, walks every list page, opens every report page, downloads every attachment, stores it
all in the archive (created if missing) and parses it. The portal is added to the registry for
nightly crawls. Progress goes to stderr: pages fetched of pages found so far, with an ETA.`,
  positionals: { label: '<portal-url>', min: 1, max: 1 },
  options: {
    json: flag('one JSON object: every report of the portal in the archive, found now or before (organ,\nyear, template, title, the URL of its page and of its attachments, newThisRun) and the pages\nfetched, skipped and failed, each with its reason'),
    ...DB_OPTIONS,
    ...CRAWL_OPTIONS,
  },
  exitCodes: `Exit code 0 when all went well, 1 when pages failed or the portal is blocked by a challenge,
2 for bad arguments, 4 when nothing could be fetched.`,
  examples: ['nianbao seed http://www.example.gov.cn/ --contact ops@example.org --json --db data/archive.sqlite'],
  async run({ options, positionals }) {
    const url = normaliseUrl(positionals[0]);
    if (!url) throw new UsageError(`not an http(s) URL: ${positionals[0]}`);
    requireContactFor([url], contactOf(options));
    const settings = { ...crawlSettingsFromOptions(options), ...crawleeLogSettings() };
    const archive = openOrCreateArchive(archivePath(options.db));
    try {
      const portal = upsertPortal(archive, url);
      const progress = startProgress('seed');
      const summary = await runCrawl({
        archive, portals: [portal], kind: 'seed', settings, log: (line) => progress.log(line),
        onProgress: crawlProgress(progress, archive, [portal]),
      }).finally(() => progress.stop());
      const tally = summary.tallies.get(portal.id)!;
      if (options.json) {
        const { tallies, ...stored } = summary;
        console.log(JSON.stringify({ portal: url, runId: summary.runId, status: summary.status, summary: stored.portals[0], reports: reportsOf(archive, portal.id, tally), pages: pagesOf(archive, portal.id, summary.runId) }));
      } else {
        console.log(formatSummary(summary));
        for (const r of reportsOf(archive, portal.id, tally)) console.log(`  ${r.year} ${r.organ} [${r.template}] ${r.pageUrl ?? ''}${r.attachmentUrls.length ? ` + ${r.attachmentUrls.length} attachment(s)` : ''}${r.newThisRun ? '  (new)' : ''}`);
      }
      return exitCodeOf(summary);
    } finally {
      archive.close();
    }
  },
});
