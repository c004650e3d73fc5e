// `nianbao serve`: the archive in a web browser — search, report pages, the archived originals,
// coverage, charts, crawl runs, exports — over a read-only connection, on 127.0.0.1 by default.
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { checked, text } from './options.ts';


function portOf(textValue: string, flagName: string): number {
  if (!/^\d{1,5}$/.test(textValue) || Number(textValue) > 65535) throw new UsageError(`${flagName} wants a number 0-65535, not '${textValue}'`);
  return Number(textValue);
}

/** The `serve` command. */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'browse the archive in a web browser (read-only, 127.0.0.1)',
  description: `
Opens the archive read-only and serves it to a web browser until interrupted (Ctrl-C):
  /              full-text search: facets with counts (region by name, year, template, organ
                 level, check status), every column sortable, pages; snippets show the sentence
  /report/ID     a report laid out like the official form, figures with raw strings and
                 provenance, checks as holds / fails / not checked, its captures, other years
  /capture/ID    an archived page as captured (sanitised, sandboxed: no script runs, nothing is
                 fetched from outside); a PDF as its parsed text, the file only as a download
  /coverage      organ × year matrix: found, parsed, checks failing, missing
  /charts        applications and how they were answered, 行政复议/诉讼, for the whole archive,
                 an organ or a region (Observable Plot, drawn on the server)
  /runs          crawl runs as tables, and blocked portals
  /queries       the named queries; /field/KEY one figure across reports
  /sql           a read-only SQL box (writes, ATTACH and several statements are refused)
  /about         dataset metadata: sources, licence, when crawled (/about.json)
  /export        CSV and Parquet exports (buttons)
Every table view is also CSV and JSON at the same URL with .csv / .json added
(/search.csv?q=…, /coverage.json, /runs.csv, /field/apps.new.total.csv, /queries/NAME.json);
?_sort=COLUMN or ?_sort_desc=COLUMN sorts, ?page=N and ?_size=N (up to 1000) page.

Nothing in the browser can change the archive (read-only connection) or make the browser fetch
anything outside this server (Content-Security-Policy on every response). Archived PDFs are shown
as their parsed text and only downloaded, never opened in the browser's viewer (which would run
their JavaScript); archived HTML goes through sanitize-html, then a sandboxed frame. Requests whose
Host header names another site are refused (DNS rebinding); exports and the SQL box are buttons
(POST with a token made at start-up), so no link on another page can start them.`,
  options: {
    host: text('HOST', 'the address to listen on (anything but loopback exposes the archive)', '127.0.0.1'),
    port: checked('N', 'the port (default 8080; 0 picks a free one)', portOf),
    'allow-host': text('NAMES', 'comma-separated host names browsers may use besides localhost, 127.0.0.1, [::1] and --host (any other Host header is refused: DNS rebinding)'),
    ...DB_OPTIONS,
  },
  exitCodes: `Exit code 0 after Ctrl-C, 2 for bad arguments, 3 when the archive cannot be opened,
4 when the address cannot be listened on.`,
  examples: ['nianbao serve --db data/demo.sqlite          # then open http://127.0.0.1:8080'],
  async run({ options }) {
    const host = options.host;
    const port = options.port ?? 8080;
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    // The web server (and cheerio behind it) loads only when serving, not for every command.
    const { startServer } = await import('../serve/server.ts');
    let running;
    try {
      const allowedHosts = (options['allow-host'] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
      running = await startServer(archive, { host, port, allowedHosts, onError: (error, url) => console.error(`nianbao serve: ${url}: ${(error as Error).stack ?? error}`) });
    } catch (error) {
      archive.close();
      console.error(`nianbao serve: cannot listen on ${host}:${port}: ${(error as Error).message}`);
      return ExitCode.failure;
    }
    if (!/^(127\.|::1$|localhost$)/.test(host)) console.error(`nianbao serve: warning: listening on ${host}, not loopback — anyone who can reach it can read the archive`);
    console.log(`nianbao serve: ${archive.path} (read-only) at ${running.url}/  — Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.close();
    archive.close();
    return ExitCode.ok;
  },
});
