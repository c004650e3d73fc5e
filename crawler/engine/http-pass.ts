// One pass of Crawlee's HttpCrawler over a portal's queued frontier entries, with a fresh in-memory
// request queue each time (the durable frontier is SQLite; Crawlee's own storage is never trusted
// across a kill -9). Bodies are kept as raw bytes; status codes are classified by the routes.
import { HttpCrawler, createHttpRouter, type HttpCrawlingContext } from 'crawlee';
import { crawleeConfiguration, crawleeLog } from './crawlee-log.ts';
import { settleEntry, storeCapture, type FrontierEntry } from '../../storage/index.ts';
import type { PortalCrawlState } from './crawl-state.ts';
import { homeHandler } from '../routes/home.ts';
import { listHandler } from '../routes/list.ts';
import { reportHandler } from '../routes/report.ts';
import { attachmentHandler } from '../routes/attachment.ts';
import { flipbookHandler } from '../routes/flipbook.ts';
import { entryOf } from '../routes/accept.ts';
import { hostOf } from '../discovery/urls.ts';
import { robotsFor } from '../politeness/robots-cache.ts';
import { BoundedHttpClient, FinalFetchRefusal } from '../responses/http-client.ts';
import { outOfScopeReason } from '../discovery/scope.ts';
import { fetchPolicyOf, guardsOf } from './guards.ts';

const ALL_ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i);

function routerFor(state: PortalCrawlState) {
  const router = createHttpRouter();
  router.addHandler('home', homeHandler(state));
  router.addHandler('list', listHandler(state));
  router.addHandler('report', reportHandler(state));
  router.addHandler('attachment', attachmentHandler(state));
  router.addHandler('flipbook', flipbookHandler(state));
  router.addDefaultHandler(listHandler(state));
  return router;
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

/** Sends entries to the crawler unless robots.txt forbids them or the page budget is spent. */
async function admit(state: PortalCrawlState, entries: FrontierEntry[]): Promise<ReturnType<typeof requestFor>[]> {
  const requests = [];
  for (const entry of entries) {
    if (entry.label === 'browser') continue;
    // Entries queued before the scope was checked (an older frontier) are refused here too.
    const outside = outOfScopeReason(entry.url, guardsOf(state).scope, entry.label === 'attachment' || entry.label === 'report' ? 'attachment' : 'page');
    if (outside) {
      settleEntry(state.archive, entry.id, { status: 'skipped', reason: `out_of_scope: ${outside}`, runId: state.runId });
      state.tally.refused.push({ url: entry.url, reason: `out_of_scope: ${outside}` });
      continue;
    }
    const robots = await robotsFor(state, entry.url);
    if (!robots.isAllowed(entry.url)) {
      settleEntry(state.archive, entry.id, { status: 'skipped', reason: 'forbidden by robots.txt', runId: state.runId });
      state.tally.skipped.push({ url: entry.url, reason: 'forbidden by robots.txt' });
      continue;
    }
    if (state.budgetLeft <= 0) continue;
    state.budgetLeft--;
    requests.push(requestFor(entry));
  }
  return requests;
}

/** Fetches the entries (and whatever they reveal) until the queue is empty, blocked or out of budget. */
export async function runHttpPass(state: PortalCrawlState, entries: FrontierEntry[]): Promise<void> {
  const { settings } = state;
  const config = crawleeConfiguration(settings);
  let crawler: HttpCrawler<HttpCrawlingContext> | null = null;
  state.enqueue = async (found) => {
    const requests = await admit(state, found);
    if (requests.length && crawler) await crawler.addRequests(requests);
  };
  const httpClient = new BoundedHttpClient(fetchPolicyOf(state));
  crawler = new HttpCrawler({
    requestHandler: routerFor(state),
    // Bodies capped on the wire and inflated, the body inside the timeout, every redirect hop in scope.
    httpClient,
    // Failures are recorded in the frontier and the run summary; Crawlee's own log (ERROR by
    // default, crawlee.json or CRAWLEE_LOG_LEVEL for more) says what only Crawlee knows.
    log: crawleeLog(settings, state.log),
    maxConcurrency: settings.perHostConcurrency,
    maxRequestRetries: settings.maxRetries,
    navigationTimeoutSecs: settings.requestTimeoutSecs,
    requestHandlerTimeoutSecs: settings.requestTimeoutSecs + 120,
    additionalMimeTypes: ['*/*'],
    forceResponseEncoding: 'latin1',
    ignoreHttpErrorStatusCodes: ALL_ERROR_STATUSES,
    useSessionPool: true,
    sessionPoolOptions: { blockedStatusCodes: [] },
    persistCookiesPerSession: false,
    retryOnBlocked: false,
    preNavigationHooks: [async ({ request }, gotOptions) => {
      if (state.blocked) {
        request.noRetry = true;
        throw new Error('portal blocked');
      }
      await state.pacer.waitTurn(hostOf(request.url));
      gotOptions.headers = { ...gotOptions.headers, 'user-agent': settings.userAgent };
      (gotOptions as Record<string, unknown>).useHeaderGenerator = false;
      gotOptions.maxRedirects = 8;
    }],
    postNavigationHooks: [async ({ request }) => state.pacer.markDone(hostOf(request.url))],
    failedRequestHandler: async (ctx, error) => recordFailure(state, ctx.request, error),
  }, config);
  const first = await admit(state, entries);
  if (first.length === 0) { httpClient.close(); return; }
  const abortWhenBlocked = setInterval(() => { if (state.blocked) void crawler?.autoscaledPool?.abort(); }, 200);
  try {
    await crawler.run(first);
  } finally {
    clearInterval(abortWhenBlocked);
    httpClient.close();
    state.enqueue = async () => {};
  }
}

function recordFailure(state: PortalCrawlState, request: { userData: Record<string, unknown>; url: string }, error: Error): void {
  const entry = entryOf({ request });
  if (state.blocked) return; // left queued for another night
  if (error instanceof FinalFetchRefusal && (error.code === 'out_of_scope' || error.code === 'private_address')) {
    // Never fetched, so nothing is stored: the frontier and the summary say why.
    const refusal = `${error.code}: ${error.detail}`;
    settleEntry(state.archive, entry.id, { status: 'skipped', reason: refusal, runId: state.runId });
    state.tally.refused.push({ url: entry.url, reason: refusal });
    return;
  }
  const reason = failureReason(error);
  storeCapture(state.archive, { url: entry.url, error: reason, label: entry.label, runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl });
  settleEntry(state.archive, entry.id, { status: 'failed', reason, runId: state.runId });
  state.tally.failed.push({ url: entry.url, reason });
}

/** A short reason for a failed fetch: the HTTP status class, a redirect loop, a timeout, a network error. */
export function failureReason(error: Error): string {
  const message = error.message ?? String(error);
  if (error instanceof FinalFetchRefusal) return error.code;
  if (/^http-\d+/.test(message)) return message;
  if (/^timeout: /.test(message)) return 'timeout';
  if (/redirect/i.test(message)) return 'redirect loop';
  if (/timed? ?out|timeout/i.test(message)) return 'timeout';
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|socket hang up/i.test(message)) return `network: ${message.match(/E[A-Z]+|socket hang up/)?.[0]}`;
  return `error: ${message.slice(0, 160)}`;
}
