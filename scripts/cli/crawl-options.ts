// The options seed, crawl and demo share: politeness, budget, browser, the operator's contact;
// each checked where it is declared, so a bad value is a usage error naming the option the user
// typed (`--delay must be 0 or more`), not a crash mid-crawl or an internal setting's name.
import { DEFAULT_SETTINGS, IMPOLITE_SETTINGS, SettingsError, isValidContact, normaliseAllowHost, resolveSettings, userAgentFor, type CrawlSettings } from '../../crawler/index.ts';
import { UsageError } from './command.ts';
import { checked, flag, number, repeated, type OptionValues } from './options.ts';

const d = DEFAULT_SETTINGS;

function contactOption(textValue: string, flagName: string): string {
  if (!isValidContact(textValue)) throw new UsageError(`${flagName} wants an e-mail address or an http(s) URL (printable ASCII, no spaces), got '${textValue}'`);
  return textValue;
}

/** The shared crawl options, spread into each crawling command's declaration. */
export const CRAWL_OPTIONS = {
  contact: checked('EMAIL|URL', 'who runs this crawl, named in the User-Agent so webmasters can reach you\n(default $NIANBAO_CONTACT; required for portals that are not on loopback)', contactOption),
  'max-pages': number('N', `page budget per portal per run (default ${d.maxPagesPerPortal}; the rest waits for the next run)`, { integer: true, min: 1 }),
  delay: number('SECS', `pause between two requests to the same host (default ${d.politenessDelaySecs}; robots.txt\nCrawl-delay is honoured when longer)`, { min: 0 }),
  'per-host': number('N', `requests in flight per host (default ${d.perHostConcurrency})`, { integer: true, min: 1 }),
  'portals-at-once': number('N', `portals crawled in parallel (default ${d.portalConcurrency})`, { integer: true, min: 1 }),
  timeout: number('SECS', `per-request timeout (default ${d.requestTimeoutSecs})`, { above: 0 }),
  'no-browser': flag('never start Chromium (script-rendered lists stay unread)'),
  'no-parse': flag('only store what was fetched; parse later with nianbao reparse'),
  jobs: number('N', 'worker threads parsing while crawling, off the fetch path (default: one per core)', { integer: true, min: 1 }),
  'ocr-later': flag('do not OCR scans (PDFs without a text layer, images) during the crawl: store them with the\nreason ocr_deferred and read them afterwards with nianbao reparse --failed ocr_deferred'),
  impolite: flag('no delays, 4 requests per host, Crawl-delay ignored: for local test farms only'),
  'allow-host': repeated('HOST', 'also fetch pages and files from HOST (host, host:port or *.domain) for this run\n(repeatable; a portal\'s own list is kept by portals add --allow-host)'),
};

/** Checks --allow-host values (the same rule as the registry's allow_hosts). */
export function allowHostsOf(values: string[], flagName = '--allow-host'): string[] {
  return values.map((value) => {
    const host = normaliseAllowHost(value);
    if (!host) throw new UsageError(`${flagName} wants a host, host:port or *.domain, got '${value}'`);
    return host;
  });
}

type CrawlOptionValues = OptionValues<typeof CRAWL_OPTIONS>;

/** The contact to name: --contact, else $NIANBAO_CONTACT (checked like the option). */
export function contactOf(options: CrawlOptionValues, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options.contact) return options.contact;
  return env.NIANBAO_CONTACT ? contactOption(env.NIANBAO_CONTACT, 'NIANBAO_CONTACT') : undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Refuses to crawl a real portal anonymously: polite crawlers say who they are. */
export function requireContactFor(urls: string[], contact: string | undefined): void {
  if (contact) return;
  const outside = urls.find((u) => !LOOPBACK.test(new URL(u).hostname));
  if (outside) throw new UsageError(`crawling ${new URL(outside).host} needs --contact EMAIL|URL (or NIANBAO_CONTACT): it goes into the User-Agent so the webmaster can reach you`);
}

/** Crawl settings from the command line; `base` are the command's own defaults. */
export function crawlSettingsFromOptions(options: CrawlOptionValues, base: Partial<CrawlSettings> = {}): CrawlSettings {
  const overrides: Partial<CrawlSettings> = { ...base, ...(options.impolite ? IMPOLITE_SETTINGS : {}) };
  const set = <K extends keyof CrawlSettings>(key: K, value: CrawlSettings[K] | undefined) => { if (value !== undefined) overrides[key] = value; };
  set('maxPagesPerPortal', options['max-pages']);
  set('politenessDelaySecs', options.delay);
  set('perHostConcurrency', options['per-host']);
  set('portalConcurrency', options['portals-at-once']);
  set('requestTimeoutSecs', options.timeout);
  if (options['no-browser']) overrides.useBrowser = false;
  if (options['no-parse']) overrides.parseWhileCrawling = false;
  set('parseJobs', options.jobs);
  if (options['ocr-later']) overrides.ocrLater = true;
  if (options['allow-host']?.length) overrides.allowHosts = allowHostsOf(options['allow-host']);
  overrides.userAgent = userAgentFor(contactOf(options));
  try {
    return resolveSettings(overrides);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}
