// Crawl settings with named defaults and units in their names, validated once at the boundary.

/** The honest User-Agent every request carries, so that a webmaster knows who is calling and why. */
export const USER_AGENT = 'nianbao/0.1.0 (research crawler of government disclosure reports; no contact given)';

/**
 * The User-Agent naming the operator's contact (an e-mail address or a URL), as polite crawlers
 * do: a webmaster who sees it in the logs can write instead of blocking.
 */
export function userAgentFor(contact: string | undefined): string {
  if (!contact) return USER_AGENT;
  return `nianbao/0.1.0 (research crawler of government disclosure reports; +${contact})`;
}

/** Whether a contact is usable in a header: an e-mail address or an http(s) URL, printable ASCII. */
export function isValidContact(contact: string): boolean {
  if (!/^[\x21-\x7e]{3,200}$/.test(contact) || /[();]/.test(contact)) return false;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact) || /^https?:\/\/[^/\s]+/.test(contact);
}

/** How a crawl behaves; every field has a polite default (see DEFAULT_SETTINGS). */
export interface CrawlSettings {
  /** Requests in flight at once against one host. */
  perHostConcurrency: number;
  /** Pause between two request starts on the same host. */
  politenessDelaySecs: number;
  /** Honour robots.txt Crawl-delay when it asks for more than politenessDelaySecs. */
  honourCrawlDelay: boolean;
  /** Portals crawled at the same time. */
  portalConcurrency: number;
  /** Pages (and files) fetched per portal per run, at most. */
  maxPagesPerPortal: number;
  /** Largest body kept; bigger files are skipped with a reason. */
  maxAttachmentBytes: number;
  /** Seconds before a request is given up. */
  requestTimeoutSecs: number;
  /** Retries of a request that failed with a network error, 429 or 5xx. */
  maxRetries: number;
  /** Longest back-off after 429/5xx. */
  maxBackoffSecs: number;
  /** Use Chromium for pages whose links appear only after scripts run. */
  useBrowser: boolean;
  /**
   * Parse report pages and attachments as they arrive (true), or only store the captures and leave
   * parsing to `nianbao reparse` (capture first, parse later: the fetch path then carries no CPU work).
   */
  parseWhileCrawling: boolean;
  /** Worker threads parsing while crawling (`--jobs`); null: one per core. */
  parseJobs: number | null;
  /**
   * Leave scans (documents only OCR can read, minutes of CPU each) for a later
   * `nianbao reparse --failed ocr_deferred` instead of reading them during the crawl (`--ocr-later`).
   */
  ocrLater: boolean;
  userAgent: string;
  /** Hosts every portal of this run may also fetch from, besides its own domain and its registry allow-list. */
  allowHosts: string[];
  /** Largest robots.txt read; the rest is ignored (RFC 9309 asks for at least 500 KiB). */
  maxRobotsBytes: number;
  /** Links one page may add to the frontier; a page with more is a trap (the rest is dropped). */
  maxLinksPerPage: number;
  /** URLs of one path that differ only in query values (a calendar's `?date=…`), per portal and run. */
  maxUrlsPerPattern: number;
  /** Crawlee's own log level (from crawlee.json or CRAWLEE_LOG_LEVEL through the command line). */
  crawleeLogLevel: CrawleeLogLevel;
}

/** The levels Crawlee's log takes. */
export const CRAWLEE_LOG_LEVELS = ['OFF', 'ERROR', 'SOFT_FAIL', 'WARNING', 'INFO', 'DEBUG', 'PERF'] as const;
export type CrawleeLogLevel = (typeof CRAWLEE_LOG_LEVELS)[number];

/** Polite defaults for real portals. */
export const DEFAULT_SETTINGS: CrawlSettings = {
  perHostConcurrency: 1,
  politenessDelaySecs: 2,
  honourCrawlDelay: true,
  portalConcurrency: 8,
  maxPagesPerPortal: 3000,
  maxAttachmentBytes: 50 * 1024 * 1024,
  requestTimeoutSecs: 30,
  maxRetries: 2,
  maxBackoffSecs: 120,
  useBrowser: true,
  parseWhileCrawling: true,
  parseJobs: null,
  ocrLater: false,
  userAgent: USER_AGENT,
  allowHosts: [],
  maxRobotsBytes: 512 * 1024,
  maxLinksPerPage: 1000,
  maxUrlsPerPattern: 200,
  crawleeLogLevel: 'ERROR',
};

/** Settings for loopback tests and benchmarks: no delays, more parallelism. */
export const IMPOLITE_SETTINGS: Partial<CrawlSettings> = {
  perHostConcurrency: 4,
  politenessDelaySecs: 0,
  honourCrawlDelay: false,
  portalConcurrency: 16,
  maxBackoffSecs: 1,
};

/** Thrown for a setting that makes no sense; the CLI turns it into a usage error. */
export class SettingsError extends Error {}

/** Merges overrides into the defaults and checks every number. */
export function resolveSettings(overrides: Partial<CrawlSettings> = {}): CrawlSettings {
  const settings = { ...DEFAULT_SETTINGS, ...stripUndefined(overrides) };
  const positive: (keyof CrawlSettings)[] = ['perHostConcurrency', 'portalConcurrency', 'maxPagesPerPortal', 'maxAttachmentBytes', 'requestTimeoutSecs', 'maxRobotsBytes', 'maxLinksPerPage', 'maxUrlsPerPattern'];
  for (const key of positive) {
    const value = settings[key] as number;
    if (!Number.isFinite(value) || value <= 0) throw new SettingsError(`${key} must be a positive number, got ${value}`);
  }
  if (settings.parseJobs !== null && (!Number.isInteger(settings.parseJobs) || settings.parseJobs < 1)) {
    throw new SettingsError(`parseJobs must be a whole number of 1 or more, got ${settings.parseJobs}`);
  }
  for (const key of ['politenessDelaySecs', 'maxRetries', 'maxBackoffSecs'] as const) {
    if (!Number.isFinite(settings[key]) || settings[key] < 0) throw new SettingsError(`${key} must be 0 or more, got ${settings[key]}`);
  }
  return settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** When the run's parses read a scan: during the crawl, or left for reparse (`--ocr-later`). */
export function ocrWhen(settings: Pick<CrawlSettings, 'ocrLater'>): 'now' | 'later' {
  return settings.ocrLater ? 'later' : 'now';
}
