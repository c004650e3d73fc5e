// The crawler's public face: crawl portals into the archive (runCrawl), one portal at a time
// (crawlPortal), the settings, and the pure pieces other code and tests may use.
export { runCrawl } from './engine/run-crawl.ts';
export type { CrawlRunInput } from './engine/run-crawl.ts';
export { crawlPortal } from './engine/portal-crawl.ts';
export type { PortalCrawlInput } from './engine/portal-crawl.ts';
export type { PortalTally, FoundReport, UrlNote } from './engine/crawl-state.ts';
export type { RunSummary, PortalSummary } from './engine/summary.ts';
export { DEFAULT_SETTINGS, IMPOLITE_SETTINGS, USER_AGENT, resolveSettings, SettingsError } from './engine/settings.ts';
export type { CrawlSettings } from './engine/settings.ts';
export { classifyTitle, yearOf, organOf } from './discovery/report-title.ts';
export { scoreLink, areaOf, FOLLOW_THRESHOLD } from './discovery/link-score.ts';
export { recogniseChallenge } from './responses/challenge.ts';
export { parseRobots } from './politeness/robots.ts';
export { nextPages, trsPageUrls, pagerLinks, atobUrls } from './discovery/pager.ts';
export { discoverLinks } from './discovery/discover.ts';
export { normaliseUrl, isAttachmentUrl, isInScope } from './discovery/urls.ts';
