// The life of one portal in a run: robots.txt first, then its frontier fetched by the run's shared
// crawler, then (when pages need one) a browser pass whose links go back to the crawler, until
// nothing is queued, the budget is spent or a challenge blocks the site. A portal whose last crawl
// finished gets its list pages revisited with conditional requests; one left unfinished (kill -9)
// simply resumes.
import { addToFrontier, relabelAll, frontierCounts, queuedEntries, requeueFailed, requeueForRevisit, updatePortal, type Archive, type Portal } from '../../storage/index.ts';
import type { DocumentParser } from '../../parsers/index.ts';
import { newTally, type PortalCrawlState, type PortalTally } from './crawl-state.ts';
import { HostPacer } from '../politeness/host-pacer.ts';
import { robotsFor } from '../politeness/robots-cache.ts';
import type { CrawlSettings } from './settings.ts';
import { normaliseUrl } from '../discovery/urls.ts';
import { resumeUnfinishedParses } from './unfinished-parses.ts';

/** What crawlPortal needs. */
export interface PortalCrawlInput {
  archive: Archive;
  portal: Portal;
  runId: number;
  settings: CrawlSettings;
  /** Shared by the portals of a run, so a file server several portals use is paced once. */
  pacer?: HostPacer;
  log?: (line: string) => void;
  /** Called as the crawl goes (progress display). */
  onProgress?: (portal: Portal, tally: PortalTally) => void;
}

const REVISITED_LABELS = ['home', 'list'];
/** Browser passes per portal and run, at most. */
export const MAX_BROWSER_ROUNDS = 20;

/** A pacer with the settings' delay and back-off cap. */
export function newPacer(settings: CrawlSettings): HostPacer {
  return new HostPacer(settings.politenessDelaySecs * 1000, settings.maxBackoffSecs * 1000);
}

/** What one portal's crawl starts from (the shared parts come from the run). */
export function newPortalState(input: {
  archive: Archive; portal: Portal; runId: number; settings: CrawlSettings; pacer: HostPacer; log: (line: string) => void;
  parser: DocumentParser | null; write: <T>(work: () => T) => Promise<T>;
}): PortalCrawlState {
  return {
    archive: input.archive, portal: input.portal, runId: input.runId, settings: input.settings, pacer: input.pacer,
    robots: new Map(), tally: newTally(), blocked: false, budgetLeft: input.settings.maxPagesPerPortal,
    log: input.log, enqueue: async () => {}, parser: input.parser, write: input.write, pendingParses: new Set(),
  };
}

/** Prepares the frontier for this run (revisit or resume) and loads the portal's robots.txt. */
export async function openPortal(state: PortalCrawlState): Promise<void> {
  const { archive, portal } = state;
  const counts = frontierCounts(archive, portal.id);
  const finishedBefore = portal.lastCrawlAt !== null && counts.queued === 0;
  if (finishedBefore) {
    // A script-rendered list is checked with a conditional HTTP request first; only a changed
    // shell goes back to the browser.
    relabelAll(archive, portal.id, 'browser', 'list');
    requeueForRevisit(archive, portal.id, REVISITED_LABELS);
    requeueFailed(archive, portal.id, 6);
  }
  const home = normaliseUrl(portal.url) ?? portal.url;
  addToFrontier(archive, portal.id, [{ url: home, label: 'home', depth: 0, context: { area: 'portal', hops: 0 } }]);
  await robotsFor(state, state.portal.url);
  resumeUnfinishedParses(state);
}

/**
 * After the HTTP fetching of a portal drained: renders its script-driven pages when it has some
 * (true: the pass ran and fetching should resume for what it revealed), or false when the portal is done.
 */
export async function browserRound(state: PortalCrawlState, round: number): Promise<boolean> {
  if (state.blocked || !state.settings.useBrowser || state.budgetLeft <= 0 || round >= MAX_BROWSER_ROUNDS) return false;
  const rendered = queuedEntries(state.archive, state.portal.id).filter((e) => e.label === 'browser');
  if (rendered.length === 0) return false;
  const fetchedBefore = state.tally.fetched;
  const enqueue = state.enqueue;
  try {
    // Playwright is loaded only by a run that renders a page (it costs start-up time and memory).
    const { runBrowserPass } = await import('./browser-pass.ts');
    await runBrowserPass(state, rendered);
  } finally {
    state.enqueue = enqueue;
  }
  return state.tally.fetched > fetchedBefore;
}

/** Waits for the portal's parses still running, then records how its crawl ended. */
export async function closePortal(state: PortalCrawlState): Promise<PortalTally> {
  while (state.pendingParses.size > 0) await Promise.all([...state.pendingParses]);
  const counts = frontierCounts(state.archive, state.portal.id);
  state.tally.deferred = counts.queued;
  if (!state.blocked) {
    const patch = counts.queued === 0 ? { lastCrawlAt: new Date().toISOString(), blockedReason: null } : { blockedReason: null };
    state.portal = updatePortal(state.archive, state.portal.id, patch);
  }
  return state.tally;
}

/** Crawls one portal (a run of one) and returns its tally. */
export async function crawlPortal(input: PortalCrawlInput): Promise<PortalTally> {
  const { CrawlEngine } = await import('./crawl-engine.ts');
  const engine = new CrawlEngine({
    archive: input.archive, runId: input.runId, settings: { ...input.settings, portalConcurrency: 1 },
    pacer: input.pacer, log: input.log, onProgress: (portal, tally) => input.onProgress?.(portal, tally),
  });
  const tallies = await engine.crawl([input.portal]);
  return tallies.get(input.portal.id)!;
}
