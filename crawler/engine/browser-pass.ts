// Pages that only a browser can read (a list rendered by scripts): Crawlee's PlaywrightCrawler with
// Debian's Chromium, used only for the entries the HTTP pass relabelled `browser`. The rendered
// DOM is recorded like any list page; the links it revealed go back to the HTTP pass.
import { PlaywrightCrawler } from 'crawlee';
import { crawleeConfiguration, crawleeLog } from './crawlee-log.ts';
import { chromium, type Page, type Route } from 'playwright-core';
import { updatePortal, type FrontierEntry } from '../../storage/index.ts';
import type { PortalCrawlState } from './crawl-state.ts';
import { commitFetch } from '../routes/commit.ts';
import { analyseHtml } from '../routes/page-analysis.ts';
import { entryOf, type FetchedBody } from '../routes/accept.ts';
import { requestFor } from './http-pass.ts';
import { hostOf } from '../discovery/urls.ts';
import { outOfScopeReason } from '../discovery/scope.ts';
import { guardsOf } from './guards.ts';

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
  const crawler = new PlaywrightCrawler({
    launchContext: { launcher: chromium, userAgent: state.settings.userAgent, launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true } },
    log: crawleeLog(state.settings, state.log),
    maxConcurrency: 1,
    maxRequestRetries: state.settings.maxRetries,
    navigationTimeoutSecs: state.settings.requestTimeoutSecs,
    browserPoolOptions: { useFingerprints: false },
    preNavigationHooks: [async ({ request, page }) => {
      await state.pacer.waitTurn(hostOf(request.url));
      // Only the document and its scripts and data matter; images, fonts and styles are not fetched.
      // A navigation (the page, a redirect, a frame) leaving the portal's scope is aborted like an HTTP one.
      const scope = guardsOf(state).scope;
      await page.route('**/*', (route: Route) => {
        const wanted = route.request();
        const leaves = wanted.resourceType() === 'document' && outOfScopeReason(wanted.url(), scope, 'page') !== null;
        return BLOCKED_RESOURCES.has(wanted.resourceType()) || leaves ? route.abort() : route.continue();
      });
    }],
    postNavigationHooks: [async ({ request }) => state.pacer.markDone(hostOf(request.url))],
    requestHandler: async ({ page, request, response }) => {
      // Links added by scripts appear after the page's own requests settle, sometimes on a timer:
      // wait until the number of links has stopped changing for a while.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
      await waitForStableLinks(page);
      const html = await page.content();
      const entry = entryOf({ request });
      const fetched: FetchedBody = {
        entry: { ...entry, label: 'list' }, url: entry.url, finalUrl: page.url(), status: response?.status() ?? 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'x-nianbao-rendered': 'chromium' },
        contentType: 'text/html; charset=utf-8', bytes: Buffer.from(html, 'utf8'),
      };
      state.tally.fetched++;
      const analysis = analyseHtml(state, fetched, html);
      await commitFetch(state, fetched, { discoveries: analysis.discoveries });
    },
    failedRequestHandler: async ({ request }, error) => {
      state.tally.failed.push({ url: request.url, reason: `browser: ${error.message.slice(0, 120)}` });
    },
  }, config);
  state.enqueue = async () => {};
  // No validators: a 304 to a browser with an empty cache aborts the navigation.
  await crawler.run(wanted.map((entry) => ({ ...requestFor(entry), headers: {} })));
}
