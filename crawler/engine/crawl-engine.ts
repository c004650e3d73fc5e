// One crawl run's machinery: one Crawlee HttpCrawler fed from the SQLite frontier, one batched
// writer, one parse pool, one pacer, and at most `portalConcurrency` portals open at once (a run
// over thousands of portals holds only those in memory). A portal opens (robots.txt, its frontier
// prepared), is fetched until drained, gets a browser pass when pages need one, and closes; the
// next waiting portal opens in its place. The crawler ends when the last portal has closed.
import { AsyncResource } from 'node:async_hooks';
import type { HttpCrawlingContext } from '@crawlee/http';
import { ParsePool, type DocumentParser } from '../../parsers/index.ts';
import type { Archive, Portal } from '../../storage/index.ts';
import type { PortalCrawlState, PortalTally } from './crawl-state.ts';
import type { CrawlSettings } from './settings.ts';
import type { HostPacer } from '../politeness/host-pacer.ts';
import { FrontierRequests, type PortalSlot } from './frontier-requests.ts';
import { routerFor, sharedHttpCrawler } from './http-pass.ts';
import { browserRound, closePortal, newPacer, newPortalState, openPortal } from './portal-crawl.ts';
import { WriteBatcher } from './write-batch.ts';
import { heapBudget } from './heap-budget.ts';

/** What an engine needs. */
export interface CrawlEngineInput {
  archive: Archive;
  runId: number;
  settings: CrawlSettings;
  pacer?: HostPacer;
  log?: (line: string) => void;
  /** Called as portals progress, and once more when one is done (`done`). */
  onProgress?: (portal: Portal, tally: PortalTally, done: boolean) => void;
}

interface OpenPortal { state: PortalCrawlState; route: (ctx: HttpCrawlingContext) => Promise<void>; slot?: PortalSlot; rounds: number; progressAt: number }

/** Handled requests between two progress calls of one portal. */
const PROGRESS_EVERY = 20;

/** Crawls portals with one shared crawler; see the file header. */
export class CrawlEngine {
  private readonly open = new Map<number, OpenPortal>();
  private readonly tallies = new Map<number, PortalTally>();
  private readonly waiting: Portal[] = [];
  private readonly writer: WriteBatcher;
  private readonly pacer: HostPacer;
  private readonly log: (line: string) => void;
  private parser: DocumentParser | null = null;
  private requests!: FrontierRequests;
  private wake: () => void = () => {};

  constructor(private readonly input: CrawlEngineInput) {
    this.writer = new WriteBatcher(input.archive);
    this.pacer = input.pacer ?? newPacer(input.settings);
    this.log = input.log ?? (() => {});
  }

  /** Crawls the portals; resolves with each portal's tally once all are closed. */
  async crawl(portals: Portal[]): Promise<Map<number, PortalTally>> {
    const { settings } = this.input;
    if (portals.length === 0) return this.tallies;
    if (settings.parseWhileCrawling) {
      this.parser = new ParsePool(settings.parseJobs ?? undefined);
      this.parser.warmUp?.();
    }
    // Both callbacks are called from inside request handlers; bound to this context, the work they
    // start (a browser pass, the next portal, the pool's next task) does not inherit the handler's
    // timeout context, which Crawlee cancels once the handler is done (a task started in it fails
    // with "Promise handler has been canceled due to a timeout").
    this.requests = new FrontierRequests(settings.perHostConcurrency,
      AsyncResource.bind((slot: PortalSlot) => void this.drained(slot)), AsyncResource.bind(() => this.wake()));
    let closeClient = () => {};
    const keepHeapInBudget = heapBudget();
    const crawler = sharedHttpCrawler({
      settings, requests: this.requests, log: this.log, onClose: (close) => { closeClient = close; },
      stateOf: (id) => this.open.get(id)?.state,
      routerOf: (id) => {
        keepHeapInBudget();
        const open = this.open.get(id);
        if (open) this.progress(open);
        return open?.route;
      },
    });
    this.wake = () => crawler.autoscaledPool?.notify();
    this.waiting.push(...portals);
    this.openMore();
    try {
      await crawler.run();
    } finally {
      closeClient();
      await this.parser?.close();
      this.writer.flush();
    }
    return this.tallies;
  }

  private openMore(): void {
    while (this.open.size < this.input.settings.portalConcurrency && this.waiting.length > 0) {
      const portal = this.waiting.shift()!;
      const state = newPortalState({
        archive: this.input.archive, portal, runId: this.input.runId, settings: this.input.settings, pacer: this.pacer,
        log: this.log, parser: this.parser, write: (work) => this.writer.write(work),
      });
      const entry: OpenPortal = { state, route: routerFor(state) as unknown as OpenPortal['route'], rounds: 0, progressAt: 0 };
      this.open.set(portal.id, entry);
      openPortal(state)
        .then(() => { entry.slot = this.requests.open(state); })
        .catch((error) => this.crashed(entry, error as Error));
    }
    if (this.open.size === 0 && this.waiting.length === 0) {
      this.requests.finished = true;
      this.wake();
    }
  }

  private progress(open: OpenPortal): void {
    if (open.state.tally.fetched - open.progressAt < PROGRESS_EVERY) return;
    open.progressAt = open.state.tally.fetched;
    this.input.onProgress?.(open.state.portal, open.state.tally, false);
  }

  /** A portal's fetching drained: a browser round when it needs one, else close it. */
  private async drained(slot: PortalSlot): Promise<void> {
    const open = this.open.get(slot.state.portal.id);
    if (!open) return;
    try {
      const more = await browserRound(open.state, open.rounds++);
      this.input.onProgress?.(open.state.portal, open.state.tally, false);
      if (more) {
        this.requests.resume(slot);
        return;
      }
      const tally = await closePortal(open.state);
      this.finish(open, tally);
    } catch (error) {
      this.crashed(open, error as Error);
    }
  }

  private finish(open: OpenPortal, tally: PortalTally): void {
    if (open.slot) this.requests.close(open.slot);
    this.open.delete(open.state.portal.id);
    this.tallies.set(open.state.portal.id, tally);
    this.input.onProgress?.(open.state.portal, tally, true);
    this.openMore();
  }

  private crashed(open: OpenPortal, error: Error): void {
    this.log(`${open.state.portal.url}: crawl failed: ${error.message}`);
    open.state.tally.failed.push({ url: '', reason: `crash: ${error.message}` });
    this.finish(open, open.state.tally);
  }
}
