// Crawls one portal: robots.txt first, then rounds of HTTP passes (and a browser pass for pages
// that need one) over the SQLite frontier until nothing is queued, the budget is spent or a
// challenge blocks the site. A portal whose last crawl finished gets its list pages revisited with
// conditional requests; one left unfinished (kill -9) simply resumes.
import { addToFrontier, relabelAll, frontierCounts, queuedEntries, requeueFailed, requeueForRevisit, updatePortal, type Archive, type Portal } from '../../storage/index.ts';
import { newTally, type PortalCrawlState, type PortalTally } from './crawl-state.ts';
import { HostPacer } from '../politeness/host-pacer.ts';
import { runHttpPass } from './http-pass.ts';
import { runBrowserPass } from './browser-pass.ts';
import { robotsFor } from '../politeness/robots-cache.ts';
import type { CrawlSettings } from './settings.ts';
import { normaliseUrl } from '../discovery/urls.ts';

/** What crawlPortal needs. */
export interface PortalCrawlInput {
  archive: Archive;
  portal: Portal;
  runId: number;
  settings: CrawlSettings;
  /** Shared by the portals of a run, so a file server several portals use is paced once. */
  pacer?: HostPacer;
  log?: (line: string) => void;
  /** Called after every pass with the tally so far (progress display). */
  onProgress?: (portal: Portal, tally: PortalTally) => void;
}

const REVISITED_LABELS = ['home', 'list'];
const MAX_ROUNDS = 20;

function startFrontier(state: PortalCrawlState): void {
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
}

/** A pacer with the settings' delay and back-off cap. */
export function newPacer(settings: CrawlSettings): HostPacer {
  return new HostPacer(settings.politenessDelaySecs * 1000, settings.maxBackoffSecs * 1000);
}

/** Crawls one portal and returns its tally. */
export async function crawlPortal(input: PortalCrawlInput): Promise<PortalTally> {
  const { settings } = input;
  const state: PortalCrawlState = {
    archive: input.archive, portal: input.portal, runId: input.runId, settings,
    pacer: input.pacer ?? newPacer(settings),
    robots: new Map(), tally: newTally(), blocked: false, budgetLeft: settings.maxPagesPerPortal,
    log: input.log ?? (() => {}), enqueue: async () => {},
  };
  startFrontier(state);
  await robotsFor(state, state.portal.url);
  for (let round = 0; round < MAX_ROUNDS && !state.blocked && state.budgetLeft > 0; round++) {
    const queued = queuedEntries(state.archive, state.portal.id);
    const forHttp = queued.filter((e) => e.label !== 'browser');
    const forBrowser = queued.filter((e) => e.label === 'browser');
    if (forHttp.length === 0 && (forBrowser.length === 0 || !settings.useBrowser)) break;
    const fetchedBefore = state.tally.fetched;
    if (forHttp.length > 0) await runHttpPass(state, forHttp);
    if (!state.blocked && settings.useBrowser) {
      const rendered = queuedEntries(state.archive, state.portal.id).filter((e) => e.label === 'browser');
      if (rendered.length > 0) await runBrowserPass(state, rendered);
    }
    input.onProgress?.(state.portal, state.tally);
    if (state.tally.fetched === fetchedBefore) break;
  }
  finishPortal(state);
  return state.tally;
}

function finishPortal(state: PortalCrawlState): void {
  const counts = frontierCounts(state.archive, state.portal.id);
  state.tally.deferred = counts.queued;
  if (state.blocked) return;
  const patch = counts.queued === 0 ? { lastCrawlAt: new Date().toISOString(), blockedReason: null } : { blockedReason: null };
  state.portal = updatePortal(state.archive, state.portal.id, patch);
}
