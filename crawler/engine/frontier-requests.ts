// The request source of the run's one crawler: Crawlee asks it for the next request and it answers
// from the SQLite frontier of the portals open at the moment, taking them in turn, at most
// `perPortal` requests of one portal in flight. It reads queued rows a few at a time as routes
// commit new ones, checks robots.txt and the page budget as it hands a row out, and tells the
// engine when a portal has nothing left in flight or queued (the engine then renders its
// script-driven pages or closes it and opens the next portal).
import { Request, RequestState, type IRequestManager, type RequestQueueOperationInfo } from '@crawlee/http';
import { queuedEntriesAfter, settleEntry, type FrontierEntry } from '../../storage/index.ts';
import { robotsFor } from '../politeness/robots-cache.ts';
import { outOfScopeReason } from '../discovery/scope.ts';
import { guardsOf } from './guards.ts';
import type { PortalCrawlState } from './crawl-state.ts';

/** Rows read from the frontier at a time, per portal. */
const READ_AHEAD = 16;

/** What the request source knows of one open portal. */
export interface PortalSlot {
  state: PortalCrawlState;
  /** Requests read from the frontier (or given back for a retry), not yet handed out. */
  buffer: Request[];
  /** The highest frontier id read so far. */
  cursor: number;
  /** Rows may be queued past the cursor (a route committed some, or a browser pass ran). */
  dirty: boolean;
  inFlight: number;
  /** `http` while its queued rows are fetched; `busy` while the engine opens, renders or closes it. */
  phase: 'http' | 'busy';
}

/** The Crawlee request for a frontier entry; revisits carry the validators of the last fetch. */
export function requestFor(entry: FrontierEntry) {
  const headers: Record<string, string> = {};
  if (entry.etag) headers['if-none-match'] = entry.etag;
  if (entry.lastModified) headers['if-modified-since'] = entry.lastModified;
  if (entry.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  return {
    url: entry.url, uniqueKey: `frontier-${entry.id}`, label: entry.label, method: entry.method,
    payload: entry.payload ?? undefined, headers, userData: { entry },
  };
}

/** The frontier entry a Crawlee request was made from. */
export function entryOfRequest(request: { userData: Record<string, unknown> }): FrontierEntry {
  return request.userData.entry as FrontierEntry;
}

/** Crawlee's request manager over the open portals' frontiers. */
export class FrontierRequests implements IRequestManager {
  private readonly slots = new Map<number, PortalSlot>();
  private turn = 0;
  private handed = 0;
  private handledTotal = 0;
  /** Set by the engine once every portal of the run is closed. */
  finished = false;

  constructor(
    private readonly perPortal: number,
    /** Called once a portal has nothing in flight and nothing left to hand out. */
    private readonly onDrained: (slot: PortalSlot) => void,
    /** Called when requests may have become ready (wakes Crawlee's pool at once). */
    private readonly onReady: () => void,
  ) {}

  /** Starts handing out a portal's queued rows. */
  open(state: PortalCrawlState): PortalSlot {
    const slot: PortalSlot = { state, buffer: [], cursor: 0, dirty: true, inFlight: 0, phase: 'http' };
    this.slots.set(state.portal.id, slot);
    state.enqueue = async () => this.markDirty(slot);
    this.checkDrained(slot);
    this.onReady();
    return slot;
  }

  /** Forgets a closed portal. */
  close(slot: PortalSlot): void {
    this.slots.delete(slot.state.portal.id);
  }

  /** The slot of the portal a request belongs to. */
  slotOf(request: { userData: Record<string, unknown> }): PortalSlot | undefined {
    return this.slots.get(entryOfRequest(request).portalId);
  }

  /** New rows may be queued for this portal (a commit, a browser pass). */
  markDirty(slot: PortalSlot): void {
    slot.dirty = true;
    if (slot.phase === 'http') this.onReady();
  }

  /** Back to fetching after the engine's busy phase (a browser pass that found more). */
  resume(slot: PortalSlot): void {
    slot.phase = 'http';
    slot.dirty = true;
    this.checkDrained(slot);
    this.onReady();
  }

  private canHandOut(slot: PortalSlot): boolean {
    return slot.phase === 'http' && !slot.state.blocked && slot.state.budgetLeft > 0 && slot.inFlight < this.perPortal;
  }

  /** Reads the next queued rows of a portal into its buffer when it may have some. */
  private refill(slot: PortalSlot): void {
    if (slot.buffer.length > 0 || !slot.dirty) return;
    const { archive, portal } = slot.state;
    const rows = queuedEntriesAfter(archive, portal.id, slot.cursor, READ_AHEAD);
    slot.dirty = rows.length === READ_AHEAD;
    for (const row of rows) {
      slot.cursor = Math.max(slot.cursor, row.id);
      slot.buffer.push(new Request(requestFor(row)));
    }
  }

  private readySlot(): PortalSlot | undefined {
    const open = [...this.slots.values()];
    for (let i = 0; i < open.length; i++) {
      const slot = open[(this.turn + i) % open.length];
      if (!this.canHandOut(slot)) continue;
      this.refill(slot);
      if (slot.buffer.length > 0) {
        this.turn = (this.turn + i + 1) % open.length;
        return slot;
      }
    }
    return undefined;
  }

  async fetchNextRequest<T extends Record<string, unknown>>(): Promise<Request<T> | null> {
    for (;;) {
      const slot = this.readySlot();
      if (!slot) return null;
      const request = slot.buffer.shift()!;
      const state = slot.state;
      const entry = entryOfRequest(request);
      slot.inFlight++;
      // Entries queued before the scope was checked (an older frontier) are refused here too.
      const outside = outOfScopeReason(entry.url, guardsOf(state).scope, entry.label === 'attachment' || entry.label === 'report' ? 'attachment' : 'page');
      if (outside) {
        settleEntry(state.archive, entry.id, { status: 'skipped', reason: `out_of_scope: ${outside}`, runId: state.runId });
        state.tally.refused.push({ url: entry.url, reason: `out_of_scope: ${outside}` });
        this.settled(slot);
        continue;
      }
      const robots = await robotsFor(state, entry.url);
      if (!robots.isAllowed(entry.url)) {
        settleEntry(state.archive, entry.id, { status: 'skipped', reason: 'forbidden by robots.txt', runId: state.runId });
        state.tally.skipped.push({ url: entry.url, reason: 'forbidden by robots.txt' });
        this.settled(slot);
        continue;
      }
      if (state.budgetLeft <= 0 || state.blocked) {
        this.settled(slot);
        continue;
      }
      // A retried request was counted against the budget when it was first handed out.
      if (request.retryCount === 0) state.budgetLeft--;
      this.handed++;
      return request as unknown as Request<T>;
    }
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo | null> {
    this.handledTotal++;
    // On the failure path Crawlee marks the request handled before calling failedRequestHandler,
    // which records the failure: the slot is settled after that (failedSettled).
    if (request.state !== RequestState.ERROR_HANDLER) {
      const slot = this.slotOf(request);
      if (slot) this.settled(slot);
    }
    return null;
  }

  /** Called at the end of failedRequestHandler, once the failure is recorded. */
  failedSettled(request: Request): void {
    const slot = this.slotOf(request);
    if (slot) this.settled(slot);
  }

  async reclaimRequest(request: Request): Promise<RequestQueueOperationInfo | null> {
    const slot = this.slotOf(request);
    if (!slot) return null;
    slot.buffer.unshift(request);
    slot.inFlight--;
    this.onReady();
    return null;
  }

  private settled(slot: PortalSlot): void {
    slot.inFlight--;
    this.checkDrained(slot);
    this.onReady();
  }

  /** Tells the engine when a portal in its fetching phase has nothing in flight and nothing to hand out. */
  private checkDrained(slot: PortalSlot): void {
    if (slot.phase !== 'http' || slot.inFlight > 0) return;
    const state = slot.state;
    if (!state.blocked && state.budgetLeft > 0) {
      this.refill(slot);
      if (slot.buffer.length > 0) return;
    }
    slot.phase = 'busy';
    slot.buffer.length = 0;
    // Later, so that Crawlee finishes its bookkeeping of the last request first.
    setImmediate(() => this.onDrained(slot));
  }

  async isFinished(): Promise<boolean> {
    return this.finished;
  }

  async isEmpty(): Promise<boolean> {
    return this.readySlot() === undefined;
  }

  async handledCount(): Promise<number> {
    return this.handledTotal;
  }

  getTotalCount(): number {
    return this.handed;
  }

  getPendingCount(): number {
    let n = 0;
    for (const slot of this.slots.values()) n += slot.buffer.length + slot.inFlight;
    return n;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (;;) {
      const request = await this.fetchNextRequest();
      if (!request) return;
      yield request;
    }
  }

  async addRequest(): Promise<RequestQueueOperationInfo> {
    throw new Error('the crawl reads its requests from the frontier: add rows there (addToFrontier)');
  }

  async addRequestsBatched(): Promise<never> {
    throw new Error('the crawl reads its requests from the frontier: add rows there (addToFrontier)');
  }
}
