// The crawler's public face, and the only door other folders use: crawl portals into the archive
// (runCrawl), one portal at a time (crawlPortal), the settings, and the pure pieces other code and
// tests may use. Light on purpose: Crawlee takes about two seconds to load, so runCrawl and
// crawlPortal load the engine (engine/) only when a crawl runs; the command line can import this
// file for settings and URLs without paying for it.
import type { CrawlRunInput } from './engine/run-crawl.ts';
import type { PortalCrawlInput } from './engine/portal-crawl.ts';
import type { PortalTally } from './engine/crawl-state.ts';
import type { RunSummary } from './engine/summary.ts';

export type { CrawlRunInput } from './engine/run-crawl.ts';
export type { PortalCrawlInput } from './engine/portal-crawl.ts';
export type { PortalTally, FoundReport, UrlNote } from './engine/crawl-state.ts';
export type { RunSummary, PortalSummary } from './engine/summary.ts';
export { DEFAULT_SETTINGS, IMPOLITE_SETTINGS, USER_AGENT, userAgentFor, isValidContact, resolveSettings, SettingsError, CRAWLEE_LOG_LEVELS } from './engine/settings.ts';
export type { CrawlSettings, CrawleeLogLevel } from './engine/settings.ts';
export { classifyTitle, yearOf, organOf } from './discovery/report-title.ts';
export { scoreLink, areaOf, FOLLOW_THRESHOLD } from './discovery/link-score.ts';
export { recogniseChallenge } from './responses/challenge.ts';
export { parseRobots } from './politeness/robots.ts';
export { nextPages, pagerLinks } from './discovery/pager.ts';
export { discoverLinks } from './discovery/discover.ts';
export { normaliseUrl, isAttachmentUrl, isInScope } from './discovery/urls.ts';
export { normaliseAllowHost, scopeOf } from './discovery/scope.ts';
export { FAMILIES } from './families/index.ts';
export type { PortalFamily } from './families/index.ts';

/** Crawls the portals of a run into the archive and returns the run summary (also stored on the run). */
export async function runCrawl(input: CrawlRunInput): Promise<RunSummary & { tallies: Map<number, PortalTally> }> {
  return (await import('./engine/run-crawl.ts')).runCrawl(input);
}

/** Crawls one portal and returns its tally. */
export async function crawlPortal(input: PortalCrawlInput): Promise<PortalTally> {
  return (await import('./engine/portal-crawl.ts')).crawlPortal(input);
}
