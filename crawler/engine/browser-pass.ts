// Pages that only a browser can read (a list rendered by scripts): Crawlee's PlaywrightCrawler with
// Debian's Chromium, used only for the entries the HTTP pass relabelled `browser`. The rendered
// DOM is recorded like any list page; the links it revealed go back to the HTTP pass.
import { NonRetryableError, PlaywrightCrawler, type Request } from 'crawlee';
import { crawleeConfiguration, crawleeLog } from './crawlee-log.ts';
import { chromium, type Page, type Route } from 'playwright-core';
import { settleEntry, storeCapture, updatePortal, type FrontierEntry } from '../../storage/index.ts';
import type { PortalCrawlState } from './crawl-state.ts';
import { commitFetch } from '../routes/commit.ts';
import { analyseHtml, analyseJsonLinks } from '../routes/page-analysis.ts';
import { clickThroughPager, keepJsonAnswers } from './browser-pager.ts';
import { entryOf, type FetchedBody } from '../routes/accept.ts';
import { requestFor } from './http-pass.ts';
import { hostOf } from '../discovery/urls.ts';
import { outOfScopeReason } from '../discovery/scope.ts';
import { guardsOf } from './guards.ts';
import { watchPageBytes } from './browser-bytes.ts';
import { browserAddressCheck } from './browser-addresses.ts';

/** Where Debian puts Chromium; playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const BLOCKED_RESOURCES = new Set(['image', 'font', 'stylesheet', 'media']);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Polls the link count until it is unchanged for a second (at most ~6 s). */
async function waitForStableLinks(page: Page): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  for (let i = 0; i < 24; i++) {
    const count = await page.locator('a[href]').count();
    if (count !== last) { last = count; stableSince = Date.now(); }
    else if (Date.now() - stableSince >= 1000) return;
    await page.waitForTimeout(250);
  }
}

/** Renders the entries in Chromium and records the links that appear. */
export async function runBrowserPass(state: PortalCrawlState, entries: FrontierEntry[]): Promise<void> {
  const wanted = entries.filter(() => state.budgetLeft-- > 0);
  if (wanted.length === 0) return;
  state.tally.usedBrowser = true;
  state.portal = updatePortal(state.archive, state.portal.id, { needsBrowser: true });
  const config = crawleeConfiguration(state.settings);
  const maxBytes = state.settings.maxAttachmentBytes;
  const refusals = new Map<string, string>();
  const addressRefusal = browserAddressCheck(guardsOf(state).addresses);
  const crawler = new PlaywrightCrawler({
    launchContext: { launcher: chromium, userAgent: state.settings.userAgent, launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true } },
    log: crawleeLog(state.settings, state.log),
    maxConcurrency: 1,
    maxRequestRetries: state.settings.maxRetries,
    navigationTimeoutSecs: state.settings.requestTimeoutSecs,
    browserPoolOptions: { useFingerprints: false },
    preNavigationHooks: [async ({ request, page }) => {
      await state.pacer.waitTurn(hostOf(request.url));
      (page as Page & { nianbaoJson?: () => Promise<string[]> }).nianbaoJson = keepJsonAnswers(page, hostOf(request.url));
      await watchPageBytes(page, maxBytes, (reason) => {
        refusals.set(request.uniqueKey, reason);
        request.noRetry = true;
      });
      // Only the document and its scripts and data matter; images, fonts and styles are not fetched.
      // A navigation (the page, a redirect, a frame) leaving the portal's scope is aborted like an HTTP
      // one, and so is any request to a private address (browser-addresses.ts).
      const scope = guardsOf(state).scope;
      await page.route('**/*', async (route: Route) => {
        const wanted = route.request();
        const leaves = wanted.resourceType() === 'document' && outOfScopeReason(wanted.url(), scope, 'page') !== null;
        if (BLOCKED_RESOURCES.has(wanted.resourceType()) || leaves) return route.abort();
        const refusal = await addressRefusal(wanted.url());
        if (!refusal) return route.continue();
        state.tally.refused.push({ url: wanted.url(), reason: `private_address: ${refusal} (asked for by ${request.url} in the browser)` });
        return route.abort('blockedbyclient');
      });
    }],
    postNavigationHooks: [async ({ request }) => state.pacer.markDone(hostOf(request.url))],
    requestHandler: async ({ page, request, response }) => {
      // Links added by scripts appear after the page's own requests settle, sometimes on a timer:
      // wait until the number of links has stopped changing for a while.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
      await waitForStableLinks(page);
      const html = await page.content();
      if (Buffer.byteLength(html) > maxBytes) {
        refusals.set(request.uniqueKey, `too_large: the rendered page is over the cap of ${maxBytes} bytes`);
        throw new NonRetryableError('rendered page too large');
      }
      const entry = entryOf({ request });
      const fetched: FetchedBody = {
        entry: { ...entry, label: 'list' }, url: entry.url, finalUrl: page.url(), status: response?.status() ?? 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'x-nianbao-rendered': 'chromium' },
        contentType: 'text/html; charset=utf-8', bytes: Buffer.from(html, 'utf8'),
      };
      state.tally.fetched++;
      const analysis = analyseHtml(state, fetched, html);
      const discoveries = [...analysis.discoveries];
      // A pager only scripts follow: click 下一页 while the list changes, read every state it shows,
      // and the JSON answers the page fetched for itself on the way.
      const host = hostOf(request.url);
      const states = await clickThroughPager(page, { before: () => state.pacer.waitTurn(host), after: () => state.pacer.markDone(host) });
      for (const rendered of states) discoveries.push(...analyseHtml(state, fetched, rendered).discoveries);
      const json = await ((page as Page & { nianbaoJson?: () => Promise<string[]> }).nianbaoJson?.() ?? Promise.resolve([]));
      discoveries.push(...analyseJsonLinks(state, fetched, json));
      await commitFetch(state, fetched, { discoveries });
    },
    failedRequestHandler: async ({ request }, error) => {
      const refusal = refusals.get(request.uniqueKey);
      if (refusal) await recordRefusal(state, request, refusal);
      else state.tally.failed.push({ url: request.url, reason: `browser: ${error.message.slice(0, 120)}` });
    },
  }, config);
  state.enqueue = async () => {};
  // No validators: a 304 to a browser with an empty cache aborts the navigation.
  await crawler.run(wanted.map((entry) => ({ ...requestFor(entry), headers: {} })));
}

/** A page refused for its size: a failed capture and a settled entry, as the HTTP pass records one. */
async function recordRefusal(state: PortalCrawlState, request: Request, reason: string): Promise<void> {
  const entry = entryOf({ request });
  await state.write(() => {
    storeCapture(state.archive, { url: entry.url, error: reason, label: entry.label, runId: state.runId, portalId: state.portal.id, referrerUrl: entry.parentUrl });
    settleEntry(state.archive, entry.id, { status: 'failed', reason, runId: state.runId });
  });
  state.tally.failed.push({ url: entry.url, reason });
}
