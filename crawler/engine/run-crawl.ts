// A crawl run over several portals at once (each polite on its own): records the run, crawls with
// the run's one crawler (crawl-engine.ts), and stores the summary that the CLI prints.
import { acquireCrawlLock, finishRun, markInterruptedRuns, startRun, type Archive, type Portal } from '../../storage/index.ts';
import { CrawlEngine } from './crawl-engine.ts';
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
  const engine = new CrawlEngine({ archive: input.archive, runId, settings, log: input.log, onProgress: input.onProgress });
  const tallies = await engine.crawl(input.portals);
  const summary = summariseRun(runId, startedAt, input.portals.map((p) => summarisePortal(p, tallies.get(p.id) ?? crashedTally('not crawled'))));
  finishRun(input.archive, runId, summary.status, summary);
  return { ...summary, tallies };
}

function crashedTally(message: string): PortalTally {
  return { ...newTally(), failed: [{ url: '', reason: `crash: ${message}` }] };
}
