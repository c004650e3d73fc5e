// A crawl run over several portals at once (many portals in parallel, each polite on its own):
// records the run, crawls, and stores the summary that the CLI prints.
import pLimit from 'p-limit';
import { acquireCrawlLock, finishRun, markInterruptedRuns, startRun, type Archive, type Portal } from '../../storage/index.ts';
import { crawlPortal, newPacer } from './portal-crawl.ts';
import { newTally, type PortalTally } from './crawl-state.ts';
import { resolveSettings, type CrawlSettings } from './settings.ts';
import { summarisePortal, summariseRun, type RunSummary } from './summary.ts';

/** What a run needs: the archive, the portals, settings overrides, and optional observers. */
export interface CrawlRunInput {
  archive: Archive;
  portals: Portal[];
  kind?: 'crawl' | 'seed';
  settings?: Partial<CrawlSettings>;
  log?: (line: string) => void;
  onProgress?: (portal: Portal, tally: PortalTally, done: boolean) => void;
}

/** Crawls the portals and returns the run summary (also stored on the run). */
export async function runCrawl(input: CrawlRunInput): Promise<RunSummary & { tallies: Map<number, PortalTally> }> {
  const settings = resolveSettings(input.settings);
  const kind = input.kind ?? 'crawl';
  // One crawl per archive: a second one refuses (naming the holder) before it marks anything interrupted.
  const lock = acquireCrawlLock(input.archive, kind);
  try {
    return await runLocked(input, settings, kind);
  } finally {
    lock.release();
  }
}

async function runLocked(input: CrawlRunInput, settings: CrawlSettings, kind: 'crawl' | 'seed'): Promise<RunSummary & { tallies: Map<number, PortalTally> }> {
  const startedAt = new Date().toISOString();
  markInterruptedRuns(input.archive, kind, startedAt);
  const runId = startRun(input.archive, kind);
  const limit = pLimit(settings.portalConcurrency);
  const tallies = new Map<number, PortalTally>();
  const pacer = newPacer(settings);
  await Promise.all(input.portals.map((portal) => limit(async () => {
    try {
      const tally = await crawlPortal({
        archive: input.archive, portal, runId, settings, pacer, log: input.log,
        onProgress: (p, t) => input.onProgress?.(p, t, false),
      });
      tallies.set(portal.id, tally);
      input.onProgress?.(portal, tally, true);
    } catch (error) {
      input.log?.(`${portal.url}: crawl failed: ${(error as Error).message}`);
      tallies.set(portal.id, crashedTally((error as Error).message));
    }
  })));
  const summary = summariseRun(runId, startedAt, input.portals.map((p) => summarisePortal(p, tallies.get(p.id)!)));
  finishRun(input.archive, runId, summary.status, summary);
  return { ...summary, tallies };
}

function crashedTally(message: string): PortalTally {
  return { ...newTally(), failed: [{ url: '', reason: `crash: ${message}` }] };
}
