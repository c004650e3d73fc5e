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
import { looksLikeScriptShell } from '../discovery/needs-browser.ts';
import { normaliseUrl } from '../discovery/urls.ts';
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
    url: fetched.entry.url, portalUrl: state.portal.url, scope: guardsOf(state).scope, depth: fetched.entry.depth, hops: ctx.hops ?? 0, isReportPage,
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
  // Some families keep their lists in data (a Hanweb datastore, a gkmlpt API): no browser needed.
  const fromData = isReportPage ? [] : familyListData(familyPageOf(fetched, html)).flatMap((data) => listDiscoveries(data, fetched, page));
  discoveries.push(...fromData);
  const content = fromData.length + discoveries.filter((d) => !d.skipReason && (d.label !== 'list' || pagers.includes(d.url))).length;
  const needsBrowser = !isReportPage && page.area === 'reports' && content === 0 && looksLikeScriptShell($, content);
  return { discoveries, title, area: page.area, needsBrowser };
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

/** Decodes a fetched body as markup, honouring the header charset, then <meta>, then UTF-8/GB18030. */
export function decodeBody(fetched: FetchedBody): string {
  return decodeHtmlBytes(fetched.bytes, charsetOfContentType(fetched.contentType)).text;
}
