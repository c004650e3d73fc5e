// `nianbao crawl`: the nightly job over the registry of portals.
import { getPortal, listPortals, type Portal } from '../../storage/index.ts';
import { runCrawl } from '../../crawler/index.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { CRAWL_OPTIONS, contactOf, crawlSettingsFromOptions, requireContactFor } from './crawl-options.ts';
import { crawleeLogSettings } from './crawlee-config.ts';
import { crawlProgress, exitCodeOf, formatSummary } from './crawl-report.ts';
import { flag, repeated } from './options.ts';
import { startProgress } from './progress.ts';

function selectPortals(all: Portal[], wanted: string[], lookup: (key: number | string) => Portal | undefined): Portal[] {
  if (wanted.length === 0) return all.filter((p) => p.enabled);
  return wanted.map((key) => {
    const portal = /^\d+$/.test(key) ? lookup(Number(key)) : lookup(key) ?? all.find((p) => p.url === key || p.url === `${key}/`);
    if (!portal) throw new UsageError(`no registered portal ${key} (see nianbao portals list)`);
    return portal;
  });
}

/** The `crawl` command. */
export const crawlCommand = defineCommand({
  name: 'crawl',
  summary: 'the nightly crawl of every registered portal',
  description: `
The nightly job: crawls every enabled portal of the registry (nianbao portals add|import), many
portals in parallel, each one politely (robots.txt and its Crawl-delay, one request at a time per
host, a pause between requests, back-off on 429/5xx). A portal crawled before has its list pages
revisited with conditional requests (If-None-Match / If-Modified-Since), so only new or changed
reports are fetched; a crawl that was killed resumes where it stopped. Challenge pages (412 $_ts,
521 __jsl_clearance, WZWS) are never stored as reports; the portal is flagged as blocked.

Progress goes to stderr (a bar with portals done and an ETA on a terminal, a log line per portal
otherwise); the run summary (new reports, changed, failures by reason, blocked portals) is stored
in the archive and printed. The archive must exist (register portals first).`,
  options: {
    portal: repeated('URL|ID', 'crawl only these registered portals (repeatable)'),
    json: flag('print the run summary as JSON instead of text'),
    ...DB_OPTIONS,
    ...CRAWL_OPTIONS,
  },
  exitCodes: `Exit codes: 0 all well; 1 problems (failed pages, blocked portals or traps: look at the summary);
2 bad arguments; 3 no archive at the path; 4 nothing could be crawled (or no portal registered, or
another crawl holds the archive: the message names its pid, host and start time).`,
  examples: [
    'nianbao crawl --db data/archive.sqlite --contact ops@example.org',
    '30 2 * * * cd /srv/nianbao && nianbao crawl --db data/archive.sqlite >> logs/crawl.log 2>&1   # cron, 02:30',
  ],
  async run({ options }) {
    const settings = { ...crawlSettingsFromOptions(options), ...crawleeLogSettings() };
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    try {
      const portals = selectPortals(listPortals(archive), options.portal, (key) => getPortal(archive, key));
      if (portals.length === 0) {
        console.error('nianbao crawl: no enabled portals in the registry (add some with nianbao portals add|import)');
        return ExitCode.failure;
      }
      requireContactFor(portals.map((p) => p.url), contactOf(options));
      const progress = startProgress('crawl');
      const summary = await runCrawl({
        archive, portals, kind: 'crawl', settings, onProgress: crawlProgress(progress, archive, portals),
        log: (line) => progress.log(`${new Date().toISOString()} ${line}`),
      }).finally(() => progress.stop());
      const { tallies, ...stored } = summary;
      console.log(options.json ? JSON.stringify(stored) : formatSummary(summary));
      return exitCodeOf(summary);
    } finally {
      archive.close();
    }
  },
});
