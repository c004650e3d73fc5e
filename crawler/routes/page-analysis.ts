// Reads a fetched page (HTML, a Hanweb datastore, a gkmlpt JSON answer) into frontier discoveries,
// and says when a page is a script-rendered shell that needs the browser.
import * as cheerio from 'cheerio';
import { decodeHtmlBytes } from '../../parsers/index.ts';
import { charsetOfContentType } from '../responses/content-type.ts';
import { discoverLinks, type Discovery, type PageContext } from '../discovery/discover.ts';
import { areaOf, type PageArea, type PageLink } from '../discovery/link-score.ts';
import { extractLinks, pageTitle } from '../discovery/page-links.ts';
import { nextPages } from '../discovery/pager.ts';
import { dataproxyRequests, isHanwebList, readHanwebList } from '../families/hanweb.ts';
import { gkmlptApiUrl, gkmlptCategory, gkmlptSiteId, isGkmlptShell, readGkmlptAnswer } from '../families/gkmlpt.ts';
import { looksLikeScriptShell } from '../discovery/needs-browser.ts';
import { normaliseUrl } from '../discovery/urls.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import type { FetchedBody } from './accept.ts';

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
    url: fetched.entry.url, portalUrl: state.portal.url, depth: fetched.entry.depth, hops: ctx.hops ?? 0, isReportPage,
    area: areaOf(title, fetched.entry.url, parentArea),
  };
}

/** Analyses an HTML page (or rendered HTML from the browser). */
export function analyseHtml(state: PortalCrawlState, fetched: FetchedBody, html: string, isReportPage = false): PageAnalysis {
  const $ = cheerio.load(html);
  const title = pageTitle($);
  const page = pageContextOf(state, fetched, title, isReportPage);
  const links = extractLinks($, fetched.finalUrl, true).map((l) => ({ ...l, url: normaliseUrl(l.url) ?? l.url }));
  const pagers = isReportPage ? [] : nextPages(html, links, fetched.entry.url);
  const discoveries = discoverLinks(links, page, pagers);
  // Hanweb and gkmlpt lists are read from their data (datastore, JSON API): no browser needed.
  const fromData = isReportPage ? [] : [
    ...(isHanwebList(html) ? hanwebDiscoveries(html, fetched, page) : []),
    ...(isGkmlptShell(fetched.entry.url, html) ? gkmlptStart(html, fetched, page) : []),
  ];
  discoveries.push(...fromData);
  const content = fromData.length + discoveries.filter((d) => !d.skipReason && (d.label !== 'list' || pagers.includes(d.url))).length;
  const needsBrowser = !isReportPage && page.area === 'reports' && content === 0 && looksLikeScriptShell($, content);
  return { discoveries, title, area: page.area, needsBrowser };
}

function hanwebDiscoveries(html: string, fetched: FetchedBody, page: PageContext): Discovery[] {
  const list = readHanwebList(html);
  const links: PageLink[] = list.records.flatMap((r) => {
    const url = normaliseUrl(r.href, fetched.finalUrl);
    return url ? [{ url, text: r.text, title: r.title }] : [];
  });
  const found = discoverLinks(links, { ...page, area: 'reports' });
  const isProxyAnswer = /dataproxy\.jsp/.test(fetched.entry.url);
  if (!isProxyAnswer) {
    for (const request of dataproxyRequests(list, fetched.finalUrl)) {
      found.push({ url: request.url, label: 'list', linkText: `dataproxy page ${request.page}`, context: { area: page.area, hops: page.hops }, depth: page.depth + 1 });
    }
  }
  return found;
}

function gkmlptStart(html: string, fetched: FetchedBody, page: PageContext): Discovery[] {
  const category = gkmlptCategory(fetched.entry.url);
  const sid = gkmlptSiteId(html);
  if (!category || !sid) return [];
  const url = gkmlptApiUrl(fetched.finalUrl, category, sid, 1);
  return [{ url, label: 'list', linkText: 'gkmlpt api page 1', context: { area: 'reports', hops: page.hops, gkmlpt: { category, sid, page: 1 } }, depth: page.depth + 1 }];
}

/** Analyses a gkmlpt API answer: its articles, and the next API page while more remain. */
export function analyseGkmlptAnswer(state: PortalCrawlState, fetched: FetchedBody, text: string): PageAnalysis {
  const page = pageContextOf(state, fetched, '');
  const context = fetched.entry.context as { gkmlpt?: { category: string; sid: string; page: number } };
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    return { discoveries: [], title: '', area: page.area, needsBrowser: false };
  }
  const answer = readGkmlptAnswer(json);
  const links = answer.articles.flatMap((a) => {
    const url = normaliseUrl(a.url, fetched.finalUrl);
    return url ? [{ url, text: a.title }] : [];
  });
  const discoveries = discoverLinks(links, { ...page, area: 'reports' });
  const meta = context.gkmlpt;
  if (meta && answer.articles.length > 0 && answer.total !== null) {
    const perPage = answer.articles.length;
    const seenSoFar = meta.page * perPage;
    if (seenSoFar < answer.total && meta.page < 500) {
      const next = { ...meta, page: meta.page + 1 };
      discoveries.push({ url: gkmlptApiUrl(fetched.finalUrl, meta.category, meta.sid, next.page), label: 'list', linkText: `gkmlpt api page ${next.page}`, context: { area: 'reports', hops: page.hops, gkmlpt: next }, depth: page.depth + 1 });
    }
  }
  return { discoveries, title: '', area: 'reports', needsBrowser: false };
}

/** Decodes a fetched body as markup, honouring the header charset, then <meta>, then UTF-8/GB18030. */
export function decodeBody(fetched: FetchedBody): string {
  return decodeHtmlBytes(fetched.bytes, charsetOfContentType(fetched.contentType)).text;
}
