// The last step of every route: one write (a savepoint in the run's batched transaction) stores the
// capture, its parse, the links it revealed and the entry's new status, so a kill -9 never leaves
// half of a page recorded.
import { OCR_DEFERRED, type ParseResult } from '../../parsers/index.ts';
import { addToFrontier, recordParse, settleEntry, storeCapture, type FrontierEntry } from '../../storage/index.ts';
import type { Discovery } from '../discovery/discover.ts';
import type { FoundReport, PortalCrawlState } from '../engine/crawl-state.ts';
import type { FetchedBody } from './accept.ts';
import { guardsOf } from '../engine/guards.ts';

/** What a handler worked out about a fetched body. */
export interface PageFindings {
  parse?: ParseResult;
  discoveries: Discovery[];
  /** The report page an attachment was linked from. */
  pageUrl?: string | null;
}

/** What a commit stored: the capture and the new entries to fetch. */
export interface Committed { captureId: number; isNew: boolean; queued: FrontierEntry[] }

/** Records the fetch and its findings. */
export async function commitFetch(state: PortalCrawlState, fetched: FetchedBody, findings: PageFindings): Promise<Committed> {
  const { entry } = fetched;
  const { kept: discoveries, traps } = guardsOf(state).traps.filter(entry.url, findings.discoveries);
  for (const trap of traps) {
    state.tally.traps.push(trap);
    state.log(`${state.portal.url}: trap (${trap.kind}) at ${trap.url}: ${trap.detail}`);
  }
  const { added, captureId, isNew } = await state.write(() => {
    const stored = storeCapture(state.archive, {
      url: entry.url, finalUrl: fetched.finalUrl, status: fetched.status, headers: fetched.headers, bytes: fetched.bytes,
      label: entry.label, runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl, linkText: entry.linkText,
    });
    if (stored.isNew) {
      if (entry.lastSha256 && entry.lastSha256 !== stored.sha256) state.tally.changedCaptures++;
      else state.tally.newCaptures++;
    }
    if (findings.parse) recordFound(state, { url: entry.url, label: entry.label, pageUrl: findings.pageUrl ?? null, captureId: stored.id, isNew: stored.isNew }, findings.parse);
    const newEntries = addToFrontier(state.archive, state.portal.id, discoveries.map((d) => ({
      url: d.url, label: d.label, depth: d.depth, parentUrl: entry.url, linkText: d.linkText, context: d.context,
      status: d.skipReason ? 'skipped' as const : 'queued' as const, reason: d.skipReason ?? null,
    })));
    settleEntry(state.archive, entry.id, {
      status: 'done', etag: header(fetched.headers, 'etag'), lastModified: header(fetched.headers, 'last-modified'),
      sha256: stored.sha256, runId: state.runId,
    });
    return { added: newEntries, captureId: stored.id, isNew: stored.isNew };
  });
  for (const e of added) {
    if (e.status !== 'skipped') continue;
    if (e.reason?.startsWith('out_of_scope')) state.tally.refused.push({ url: e.url, reason: e.reason });
    else state.tally.skipped.push({ url: e.url, reason: e.reason ?? 'skipped' });
  }
  const queued = added.filter((e) => e.status === 'queued');
  if (queued.length > 0) await state.enqueue(queued);
  return { captureId, isNew, queued };
}

/** Where a parse came from: its capture, the URL and what the crawler took it for, the page linking it. */
export interface ParsedFrom {
  url: string;
  label: string | null;
  pageUrl: string | null;
  captureId: number;
  /** The capture was new in this run (its report counts as new only if its parse is new too). */
  isNew: boolean;
}

/** A committed fetch as the origin of its parse. */
export function parsedFromFetch(fetched: FetchedBody, captured: Committed, pageUrl: string | null): ParsedFrom {
  return { url: fetched.entry.url, label: fetched.entry.label, pageUrl, captureId: captured.captureId, isNew: captured.isNew };
}

/**
 * Records a parse when it finishes, after its capture was committed (an attachment, a report page
 * whose links did not depend on it, a capture a killed crawl left unparsed): this portal's next
 * fetches do not wait for PDFs or OCR, and the portal closes only once its pending parses are recorded.
 */
export function recordInBackground(state: PortalCrawlState, from: ParsedFrom, parsing: Promise<ParseResult | undefined>): void {
  const done: Promise<void> = parsing
    .then((parse) => (parse ? state.write(() => recordFound(state, from, parse)) : undefined))
    .catch((error: Error) => { state.tally.failed.push({ url: from.url, reason: `parse error: ${error.message.slice(0, 100)}` }); })
    .finally(() => state.pendingParses.delete(done));
  state.pendingParses.add(done);
}

/** Stores a parse and, when it is a report, notes it in the portal's tally. */
function recordFound(state: PortalCrawlState, from: ParsedFrom, parse: ParseResult): void {
  const recorded = recordParse(state.archive, from.captureId, parse);
  if (parse.reason?.startsWith(`${OCR_DEFERRED}:`)) state.tally.ocrDeferred++;
  if (parse.template === null) return;
  const report: FoundReport = {
    organ: parse.organ, year: parse.year, template: parse.template, title: parse.title, url: from.url,
    label: from.label === 'attachment' ? 'attachment' : 'report', pageUrl: from.pageUrl, captureId: from.captureId, isNew: from.isNew && recorded.isNew,
  };
  state.tally.reports.push(report);
}

function header(headers: FetchedBody['headers'], name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? value[0] ?? null : value ?? null;
}
