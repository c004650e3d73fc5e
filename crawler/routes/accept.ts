// The first step of every route: read the response, decide what it is (content, 304, challenge,
// transient error, failure) and deal with everything that is not content.
import type { HttpCrawlingContext } from 'crawlee';
import { decodeHtmlBytes } from '../../parsers/index.ts';
import { settleEntry, storeCapture, updatePortal, type FrontierEntry } from '../../storage/index.ts';
import { classifyResponse } from '../responses/response-kind.ts';
import { retryAfterSecs } from '../politeness/host-pacer.ts';
import { hostOf } from '../discovery/urls.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';

/** A response that carries content for a handler. */
export interface FetchedBody {
  entry: FrontierEntry;
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  bytes: Buffer;
}

/** A transient failure (429/5xx, network): Crawlee retries it, then failedRequestHandler settles it. */
export class RetryableFetchError extends Error {}

/** The frontier entry a Crawlee request was made from. */
export function entryOf(ctx: { request: { userData: Record<string, unknown> } }): FrontierEntry {
  return ctx.request.userData.entry as FrontierEntry;
}

function isTextual(contentType: string, bytes: Buffer): boolean {
  if (/html|xml|json|javascript|text\//i.test(contentType)) return true;
  return contentType === '' && !bytes.subarray(0, 512).includes(0);
}

/** Returns the body for the handler, or null when the response was dealt with here. */
export function acceptResponse(ctx: HttpCrawlingContext, state: PortalCrawlState): FetchedBody | null {
  const entry = entryOf(ctx);
  const status = ctx.response.statusCode ?? 0;
  const headers = ctx.response.headers as Record<string, string | string[] | undefined>;
  const contentType = String(headers['content-type'] ?? '');
  const bytes = Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.from(String(ctx.body ?? ''), 'latin1');
  const finalUrl = ctx.request.loadedUrl ?? ctx.request.url;
  const sample = isTextual(contentType, bytes) ? decodeHtmlBytes(bytes.subarray(0, 20000)).text : '';
  const verdict = classifyResponse(status, finalUrl, sample, headers);
  state.tally.fetched++;
  // A good answer lets a host's back-off decay towards its usual gap.
  if (verdict.kind === 'content' || verdict.kind === 'not-modified') state.pacer.recover(hostOf(entry.url));
  switch (verdict.kind) {
    case 'content':
      if (bytes.byteLength > state.settings.maxAttachmentBytes) {
        settleEntry(state.archive, entry.id, { status: 'skipped', reason: `too large (${bytes.byteLength} bytes)`, runId: state.runId });
        state.tally.skipped.push({ url: entry.url, reason: 'too large' });
        return null;
      }
      return { entry, url: entry.url, finalUrl, status, headers, contentType, bytes };
    case 'not-modified':
      settleEntry(state.archive, entry.id, { status: 'done', reason: 'not modified', runId: state.runId });
      state.tally.notModified++;
      return null;
    case 'challenge':
      recordChallenge(state, entry, finalUrl, status, headers, verdict.challenge);
      return null;
    case 'retry': {
      state.pacer.backOff(hostOf(entry.url), retryAfterSecs(headers['retry-after']));
      throw new RetryableFetchError(verdict.reason);
    }
    case 'failed':
      storeCapture(state.archive, { url: entry.url, finalUrl, status, headers, error: verdict.reason, label: entry.label, runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl });
      settleEntry(state.archive, entry.id, { status: 'failed', reason: verdict.reason, runId: state.runId });
      state.tally.failed.push({ url: entry.url, reason: verdict.reason });
      return null;
  }
}

function recordChallenge(state: PortalCrawlState, entry: FrontierEntry, finalUrl: string, status: number, headers: FetchedBody['headers'], challenge: string): void {
  const reason = `challenge-${challenge}`;
  // Kept as a failed capture (no body as content), never parsed: a challenge is not a report.
  storeCapture(state.archive, { url: entry.url, finalUrl, status, headers, error: reason, label: 'challenge', runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl });
  settleEntry(state.archive, entry.id, { status: 'queued', reason, runId: state.runId });
  updatePortal(state.archive, state.portal.id, { blockedReason: reason });
  if (!state.blocked) state.log(`${state.portal.url}: ${reason} at ${entry.url}; portal flagged, crawl stopped for this run`);
  state.blocked = true;
  state.tally.blockedReason = reason;
  state.tally.failed.push({ url: entry.url, reason });
}
