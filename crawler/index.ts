// The crawler's public face: crawl portals into the archive (runCrawl), one portal at a time
// (crawlPortal), the settings, and the pure pieces other code and tests may use.
export { runCrawl } from './run-crawl.ts';
export type { CrawlRunInput } from './run-crawl.ts';
export { crawlPortal } from './portal-crawl.ts';
export type { PortalCrawlInput } from './portal-crawl.ts';
export type { PortalTally, FoundReport, UrlNote } from './crawl-state.ts';
export type { RunSummary, PortalSummary } from './summary.ts';
export { DEFAULT_SETTINGS, IMPOLITE_SETTINGS, USER_AGENT, resolveSettings, SettingsError } from './settings.ts';
export type { CrawlSettings } from './settings.ts';
export { classifyTitle, yearOf, organOf } from './report-title.ts';
export { scoreLink, areaOf, FOLLOW_THRESHOLD } from './link-score.ts';
export { recogniseChallenge } from './challenge.ts';
export { parseRobots } from './robots.ts';
export { nextPages, trsPageUrls, pagerLinks, atobUrls } from './pagination.ts';
export { discoverLinks } from './discover.ts';
export { normaliseUrl, isAttachmentUrl, isInScope } from './urls.ts';
