// The options seed, crawl and demo share: politeness, budget, browser; read once, checked by
// resolveSettings (a bad value is a usage error, not a crash mid-crawl).
import { IMPOLITE_SETTINGS, SettingsError, resolveSettings, type CrawlSettings } from '../../crawler/index.ts';
import { optionValue, type ParsedArgs } from './args.ts';
import { UsageError } from './command.ts';

/** Flags without a value. */
export const CRAWL_FLAGS = ['no-browser', 'impolite', 'no-parse'];
/** Options with a value. */
export const CRAWL_VALUED = ['max-pages', 'delay', 'per-host', 'portals-at-once', 'timeout'];

/** Help lines for the shared options. */
export const CRAWL_HELP = `  --max-pages N        page budget per portal per run (default 3000; the rest waits for the next run)
  --delay SECS         pause between two requests to the same host (default 2; robots.txt Crawl-delay
                       is honoured when longer)
  --per-host N         requests in flight per host (default 1)
  --portals-at-once N  portals crawled in parallel (default 8)
  --timeout SECS       per-request timeout (default 30)
  --no-browser         never start Chromium (script-rendered lists stay unread)
  --no-parse           only store what was fetched; parse later with nianbao reparse
  --impolite           no delays, 4 requests per host, Crawl-delay ignored: for local test farms only`;

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const raw = optionValue(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} needs a number, got '${raw}'`);
  return value;
}

/** Crawl settings from the command line; `base` are the command's own defaults. */
export function crawlSettingsFromArgs(args: ParsedArgs, base: Partial<CrawlSettings> = {}): CrawlSettings {
  const overrides: Partial<CrawlSettings> = { ...base, ...(args.flags.has('impolite') ? IMPOLITE_SETTINGS : {}) };
  const set = (key: keyof CrawlSettings, value: number | undefined) => { if (value !== undefined) (overrides as Record<string, unknown>)[key] = value; };
  set('maxPagesPerPortal', numberOption(args, 'max-pages'));
  set('politenessDelaySecs', numberOption(args, 'delay'));
  set('perHostConcurrency', numberOption(args, 'per-host'));
  set('portalConcurrency', numberOption(args, 'portals-at-once'));
  set('requestTimeoutSecs', numberOption(args, 'timeout'));
  if (args.flags.has('no-browser')) overrides.useBrowser = false;
  if (args.flags.has('no-parse')) overrides.parseWhileCrawling = false;
  try {
    return resolveSettings(overrides);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}
