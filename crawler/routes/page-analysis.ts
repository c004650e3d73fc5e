// Reads a fetched page (HTML, or a list the families read from its data: a Hanweb datastore, a
// gkmlpt JSON answer) into frontier discoveries, and says when a page is a script-rendered shell
// that needs the browser.
import * as cheerio from 'cheerio';
import { decodeHtmlBytes } from '../../parsers/index.ts';
import { charsetOfContentType } from '../responses/content-type.ts';
import { discoverLinks, type Discovery, type PageContext } from '../discovery/discover.ts';
import { areaOf, type PageArea, type PageLink } from '../discovery/link-score.ts';
import { extractLinks, pageTitle } from '../discovery/page-links.ts';
import { nextPages } from '../discovery/pager.ts';
import { familyJsonListData, familyListData, type FamilyPage, type ListData } from '../families/index.ts';
import { hasUnfollowablePager, looksLikeScriptShell } from '../discovery/needs-browser.ts';
import { normaliseUrl } from '../discovery/urls.ts';
import { includeCandidates, scriptWrites } from '../discovery/script-writes.ts';
import { jsonLinks } from '../discovery/json-links.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import type { FetchedBody } from './accept.ts';
import { guardsOf } from '../engine/guards.ts';

/** What a page gave: entries to record, and whether only a browser can show its links. */
export interface PageAnalysis {
  discoveries: Discovery[];
  title: string;
  area: PageArea;
  needsBrowser: boolean;
}

/** The page's context from its frontier entry. */
export function pageContextOf(state: PortalCrawlState, fetched: FetchedBody, title: string, isReportPage = false): PageContext {
  const ctx = fetched.entry.context as { area?: PageArea; hops?: number };
  const parentArea = ctx.area ?? 'portal';
  return {
    url: fetched.entry.url, portalUrl: state.portal.url, scope: guardsOf(state).scope, depth: fetched.entry.depth, hops: ctx.hops ?? 0, isReportPage, parentUrl: fetched.entry.parentUrl,
    area: areaOf(title, fetched.entry.url, parentArea),
  };
}

/** The inline scripts of a page that may write markup (not data blocks, templates or JSON). */
function inlineScripts($: cheerio.CheerioAPI): string[] {
  return $('script:not([src])').toArray().filter((el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    return type === '' || /javascript|ecmascript/.test(type);
  }).map((el) => $(el).text()).filter((code) => code.length < 200_000 && /document\.write|location/.test(code));
}

/** Context of a script include queued for its written navigation: the page it belongs to. */
interface IncludeContext { include?: boolean; baseUrl?: string }

/** Analyses an HTML page (or rendered HTML from the browser). */
export function analyseHtml(state: PortalCrawlState, fetched: FetchedBody, html: string, isReportPage = false): PageAnalysis {
  const $ = cheerio.load(html);
  const title = pageTitle($);
  const page = pageContextOf(state, fetched, title, isReportPage);
  const links = extractLinks($, fetched.finalUrl, true).map((l) => ({ ...l, url: normaliseUrl(l.url) ?? l.url }));
  // Navigation and pagers that only the page's scripts write, and where a redirect stub sends the browser.
  const written = isReportPage ? { html: '', locations: [] } : scriptWrites(inlineScripts($));
  if (written.html) links.push(...extractLinks(cheerio.load(written.html), fetched.finalUrl, true).map((l) => ({ ...l, url: normaliseUrl(l.url) ?? l.url })));
  const pagers = isReportPage ? [] : nextPages(html + written.html, links, fetched.entry.url, fetched.entry.parentUrl ? [fetched.entry.parentUrl] : []);
  const discoveries = discoverLinks(links, page, pagers);
  for (const location of written.locations) {
    const url = normaliseUrl(location, fetched.finalUrl);
    // The stub stands for the page it sends the browser to: that page inherits the stub's standing.
    if (url && url !== fetched.entry.url) discoveries.push({ url, label: 'list', linkText: fetched.entry.linkText ?? title, context: { area: page.area, hops: page.hops }, depth: page.depth + 1 });
  }
  // Some families keep their lists in data (a Hanweb datastore, a gkmlpt API): no browser needed.
  const fromData = isReportPage ? [] : familyListData(familyPageOf(fetched, html)).flatMap((data) => listDiscoveries(data, fetched, page));
  discoveries.push(...fromData);
  const followed = discoveries.filter((d) => !d.skipReason);
  // Navigation written by script includes (header JS): read them when the page itself leads nowhere.
  if (!isReportPage && followed.length === 0) {
    const srcs = $('script[src]').toArray().map((el) => $(el).attr('src') ?? '');
    for (const url of includeCandidates(srcs, fetched.finalUrl)) {
      const context = { area: page.area, hops: page.hops, include: true, baseUrl: fetched.finalUrl };
      discoveries.push({ url, label: 'list', linkText: `script include of ${fetched.entry.url}`, context, depth: page.depth });
    }
  }
  const content = fromData.length + discoveries.filter((d) => !d.skipReason && (d.label !== 'list' || pagers.includes(d.url))).length;
  // A script-rendered shell, or a report list whose pager only a browser can follow (下一页 → javascript:;).
  // (Pages of the list fetched before under another name count: HTTP does follow this pager.)
  const listPagesFound = (isReportPage ? 0 : nextPages(html + written.html, links, fetched.entry.url).length) + fromData.filter((d) => d.label === 'list').length;
  const needsBrowser = !isReportPage && page.area === 'reports' && !isRendered(fetched)
    && ((content === 0 && looksLikeScriptShell($, content)) || hasUnfollowablePager($, listPagesFound));
  return { discoveries, title, area: page.area, needsBrowser };
}

/** True for HTML the browser pass rendered (it is never sent to the browser again). */
function isRendered(fetched: FetchedBody): boolean {
  return fetched.headers['x-nianbao-rendered'] === 'chromium';
}

/** Analyses a script include by what it writes, its links resolved against the page that includes it. */
export function analyseInclude(state: PortalCrawlState, fetched: FetchedBody, code: string): PageAnalysis {
  const context = fetched.entry.context as IncludeContext;
  const written = scriptWrites([code.replace(/^\uFEFF/, '')]);
  const asPage: FetchedBody = { ...fetched, finalUrl: context.baseUrl ?? fetched.finalUrl };
  return analyseHtml(state, asPage, `<html><head><title></title></head><body>${written.html}</body></html>`);
}

/** True for an entry queued as a page's script include. */
export function isIncludeEntry(fetched: FetchedBody): boolean {
  return Boolean((fetched.entry.context as IncludeContext).include);
}

function familyPageOf(fetched: FetchedBody, body: string): FamilyPage {
  return { url: fetched.entry.url, finalUrl: fetched.finalUrl, body, context: fetched.entry.context };
}

/** A family's list as frontier entries: its links read as a report column's, then the list pages it asks for. */
function listDiscoveries(data: ListData, fetched: FetchedBody, page: PageContext): Discovery[] {
  const links: PageLink[] = data.links.flatMap((l) => {
    const url = normaliseUrl(l.href, fetched.finalUrl);
    return url ? [{ url, text: l.text, title: l.title }] : [];
  });
  const found = discoverLinks(links, { ...page, area: 'reports' });
  for (const request of data.requests) {
    const context = { area: request.inReportColumn ? 'reports' : page.area, hops: page.hops, ...request.context };
    found.push({ url: request.url, label: 'list', linkText: request.linkText, context, depth: page.depth + 1 });
  }
  return found;
}

/** Analyses a JSON answer (a gkmlpt API page) through the families that read such answers. */
export function analyseJsonAnswer(state: PortalCrawlState, fetched: FetchedBody, text: string): PageAnalysis {
  const page = pageContextOf(state, fetched, '');
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    return { discoveries: [], title: '', area: page.area, needsBrowser: false };
  }
  const discoveries = familyJsonListData(familyPageOf(fetched, text), json).flatMap((data) => listDiscoveries(data, fetched, page));
  return { discoveries, title: '', area: 'reports', needsBrowser: false };
}

/** The report links in JSON answers a rendered page fetched for itself (a list's search API), read as a report column's. */
export function analyseJsonLinks(state: PortalCrawlState, fetched: FetchedBody, texts: readonly string[]): Discovery[] {
  const page = pageContextOf(state, fetched, '');
  const links: ListData['links'] = [];
  for (const text of texts) {
    try { links.push(...jsonLinks(JSON.parse(text))); } catch { /* not JSON after all */ }
  }
  return listDiscoveries({ links, requests: [] }, fetched, page);
}

/** Decodes a fetched body as markup, honouring the header charset, then <meta>, then UTF-8/GB18030. */
export function decodeBody(fetched: FetchedBody): string {
  return decodeHtmlBytes(fetched.bytes, charsetOfContentType(fetched.contentType)).text;
}
