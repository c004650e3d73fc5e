// `nianbao crawl`: the nightly job over the registry of portals.
import { getPortal, listPortals, openArchive, type Portal } from '../../storage/index.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { parseArgs } from './args.ts';
import { DB_HELP, DB_OPTION, archivePath } from './archive-path.ts';
import { CRAWL_FLAGS, CRAWL_HELP, CRAWL_VALUED, crawlSettingsFromArgs } from './crawl-options.ts';
import { runCrawl } from '../../crawler/index.ts';
import { exitCodeOf, formatSummary, progressPrinter } from './crawl-report.ts';

const help = `
nianbao crawl [--db PATH] [--portal URL|ID ...] [--json] [options]

The nightly job: crawls every enabled portal of the registry (nianbao portals add|import), many
portals in parallel, each one politely (robots.txt and its Crawl-delay, one request at a time per
host, a pause between requests, back-off on 429/5xx). A portal crawled before has its list pages
revisited with conditional requests (If-None-Match / If-Modified-Since), so only new or changed
reports are fetched; a crawl that was killed resumes where it stopped. Challenge pages (412 $_ts,
521 __jsl_clearance, WZWS) are never stored as reports; the portal is flagged as blocked.

Progress goes to stderr (one line on a terminal, a log line per portal otherwise); the run summary
(new reports, changed, failures by reason, blocked portals) is stored in the archive and printed.

  --portal URL|ID      crawl only these registered portals (repeatable)
  --json               print the run summary as JSON instead of text
${DB_HELP}
${CRAWL_HELP}

Exit codes: 0 all well; 1 problems (failed pages or blocked portals: look at the summary);
4 nothing could be crawled (or no portal registered); 2 bad arguments.

Example (cron, every night at 02:30):
  30 2 * * * cd /srv/nianbao && nianbao crawl --db data/archive.sqlite >> logs/crawl.log 2>&1
`;

function selectPortals(all: Portal[], wanted: string[], lookup: (key: number | string) => Portal | undefined): Portal[] {
  if (wanted.length === 0) return all.filter((p) => p.enabled);
  return wanted.map((key) => {
    const portal = /^\d+$/.test(key) ? lookup(Number(key)) : lookup(key) ?? all.find((p) => p.url === key || p.url === `${key}/`);
    if (!portal) throw new UsageError(`no registered portal ${key} (see nianbao portals list)`);
    return portal;
  });
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', ...CRAWL_FLAGS], [DB_OPTION, 'portal', ...CRAWL_VALUED]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  const settings = crawlSettingsFromArgs(args);
  const archive = openArchive(archivePath(args));
  try {
    const portals = selectPortals(listPortals(archive), args.values.get('portal') ?? [], (key) => getPortal(archive, key));
    if (portals.length === 0) {
      console.error('nianbao crawl: no enabled portals in the registry (add some with nianbao portals add|import)');
      return ExitCode.failure;
    }
    const summary = await runCrawl({
      archive, portals, kind: 'crawl', settings, onProgress: progressPrinter(portals.length),
      log: (line) => console.error(`${new Date().toISOString()} ${line}`),
    });
    const { tallies, ...stored } = summary;
    console.log(args.flags.has('json') ? JSON.stringify(stored) : formatSummary(summary));
    return exitCodeOf(summary);
  } finally {
    archive.close();
  }
}

export const crawlCommand: Command = { name: 'crawl', summary: 'the nightly crawl of every registered portal', help, run };
