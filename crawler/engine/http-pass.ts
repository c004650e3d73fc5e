// The run's one Crawlee HttpCrawler, built once and shared by every portal: its requests come from
// the SQLite frontier through FrontierRequests, each request is routed to its portal's handlers,
// and politeness is paced per host. One crawler means one HTTP client, one session pool and one
// autoscaled pool for the run, started once (not once per portal pass), with its concurrency set
// explicitly. Bodies are kept as raw bytes; status codes are classified by the routes.
import { HttpCrawler, createHttpRouter, type HttpCrawlingContext, type Request, type RequestProvider } from '@crawlee/http';
import { crawleeConfiguration, crawleeLog } from './crawlee-log.ts';
import { storeCapture } from '../../storage/index.ts';
import type { PortalCrawlState } from './crawl-state.ts';
import type { CrawlSettings } from './settings.ts';
import { homeHandler } from '../routes/home.ts';
import { listHandler } from '../routes/list.ts';
import { reportHandler } from '../routes/report.ts';
import { attachmentHandler } from '../routes/attachment.ts';
import { flipbookHandler } from '../routes/flipbook.ts';
import { hostOf } from '../discovery/urls.ts';
import { settleEntry } from '../../storage/index.ts';
import { entryOfRequest, type FrontierRequests } from './frontier-requests.ts';

export { requestFor } from './frontier-requests.ts';
import { BoundedHttpClient, FinalFetchRefusal } from '../responses/http-client.ts';
import { fetchPolicyOf } from './guards.ts';

const ALL_ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i);

/**
 * Requests in flight for the whole run, at most: each holds a socket, a got request and its body,
 * so a run over 100 portals at once stays within a flat memory bound (a plain fetch of a URL list
 * is no faster beyond this on one machine).
 */
export const MAX_REQUESTS_IN_FLIGHT = 64;

/** The route handlers of one portal, keyed by page label. */
export function routerFor(state: PortalCrawlState) {
  const router = createHttpRouter();
  router.addHandler('home', homeHandler(state));
  router.addHandler('list', listHandler(state));
  router.addHandler('report', reportHandler(state));
  router.addHandler('attachment', attachmentHandler(state));
  router.addHandler('flipbook', flipbookHandler(state));
  router.addDefaultHandler(listHandler(state));
  return router;
}

/** What the shared crawler needs to find a request's portal. */
export interface SharedCrawlerInput {
  settings: CrawlSettings;
  requests: FrontierRequests;
  /** The state of an open portal, by portal id. */
  stateOf: (portalId: number) => PortalCrawlState | undefined;
  /** The route handlers of an open portal, by portal id. */
  routerOf: (portalId: number) => ((ctx: HttpCrawlingContext) => Promise<void>) | undefined;
  log: (line: string) => void;
  /** Receives the function that closes the run's HTTP client (its kept-alive connections). */
  onClose?: (close: () => void) => void;
}

/** Builds the run's crawler; `run()` it once, it ends when FrontierRequests says the run is finished. */
export function sharedHttpCrawler(input: SharedCrawlerInput): HttpCrawler<HttpCrawlingContext> {
  const { settings, requests } = input;
  const concurrency = Math.min(MAX_REQUESTS_IN_FLIGHT, settings.perHostConcurrency * settings.portalConcurrency);
  const stateFor = (request: Request) => {
    const state = input.stateOf(entryOfRequest(request).portalId);
    if (!state) throw new Error(`no open portal for ${request.url}`);
    return state;
  };
  // One bounded HTTP client for the run (bodies capped on the wire and inflated, the body inside the
  // timeout, every redirect hop in scope), with the policy of the request's portal.
  const policies = new WeakMap<PortalCrawlState, ReturnType<typeof fetchPolicyOf>>();
  const httpClient = new BoundedHttpClient((request) => {
    const state = input.stateOf(Number((request as { nianbaoPortalId?: unknown }).nianbaoPortalId));
    if (!state) throw new FinalFetchRefusal('out_of_scope', `no open portal for ${String(request.url)}`, String(request.url));
    let policy = policies.get(state);
    if (!policy) policies.set(state, (policy = fetchPolicyOf(state)));
    return policy;
  });
  input.onClose?.(() => httpClient.close());
  return new HttpCrawler({
    httpClient,
    // Crawlee 3.18's option checks do not know its own `requestManager` option; a request queue
    // is any object with fetchNextRequest and addRequest, and BasicCrawler uses it as the manager.
    requestQueue: requests as unknown as RequestProvider,
    requestHandler: async (ctx) => {
      const route = input.routerOf(entryOfRequest(ctx.request).portalId);
      if (!route) throw new Error(`no open portal for ${ctx.request.url}`);
      await route(ctx);
    },
    // Failures are recorded in the frontier and the run summary; Crawlee's own log (ERROR by
    // default, crawlee.json or CRAWLEE_LOG_LEVEL for more) says what only Crawlee knows.
    log: crawleeLog(settings, input.log),
    // Per-portal limits are FrontierRequests' (perHostConcurrency in flight per portal); the pool
    // runs at the run's full width from the first request instead of growing from 1.
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    autoscaledPoolOptions: { maybeRunIntervalSecs: 0.05, autoscaleIntervalSecs: 3600 },
    maxRequestRetries: settings.maxRetries,
    navigationTimeoutSecs: settings.requestTimeoutSecs,
    requestHandlerTimeoutSecs: settings.requestTimeoutSecs + 120,
    additionalMimeTypes: ['*/*'],
    forceResponseEncoding: 'latin1',
    ignoreHttpErrorStatusCodes: ALL_ERROR_STATUSES,
    // No sessions: cookies are not kept and no proxy rotates, so a session pool would only cost
    // a session object (and its argument checks) per request.
    useSessionPool: false,
    persistCookiesPerSession: false,
    retryOnBlocked: false,
    statusMessageLoggingInterval: 3600,
    preNavigationHooks: [async ({ request }, gotOptions) => {
      const state = stateFor(request);
      if (state.blocked) {
        request.noRetry = true;
        throw new Error('portal blocked');
      }
      await state.pacer.waitTurn(hostOf(request.url));
      gotOptions.headers = { ...gotOptions.headers, 'user-agent': settings.userAgent };
      (gotOptions as Record<string, unknown>).useHeaderGenerator = false;
      gotOptions.maxRedirects = 8;
      // Passed through to the HTTP client, which picks the portal's fetch policy by it.
      (gotOptions as Record<string, unknown>).nianbaoPortalId = state.portal.id;
    }],
    postNavigationHooks: [async ({ request }) => stateFor(request).pacer.markDone(hostOf(request.url))],
    failedRequestHandler: async ({ request }, error) => {
      try {
        const state = input.stateOf(entryOfRequest(request).portalId);
        if (state) await recordFailure(state, request, error);
      } finally {
        requests.failedSettled(request);
      }
    },
  }, crawleeConfiguration(settings));
}

async function recordFailure(state: PortalCrawlState, request: Request, error: Error): Promise<void> {
  const entry = entryOfRequest(request);
  if (state.blocked) return; // left queued for another night
  if (error instanceof FinalFetchRefusal && (error.code === 'out_of_scope' || error.code === 'private_address')) {
    // Never fetched, so nothing is stored: the frontier and the summary say why.
    const refusal = `${error.code}: ${error.detail}`;
    settleEntry(state.archive, entry.id, { status: 'skipped', reason: refusal, runId: state.runId });
    state.tally.refused.push({ url: entry.url, reason: refusal });
    return;
  }
  const reason = failureReason(error);
  await state.write(() => {
    storeCapture(state.archive, { url: entry.url, error: reason, label: entry.label, runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl });
    settleEntry(state.archive, entry.id, { status: 'failed', reason, runId: state.runId });
  });
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
