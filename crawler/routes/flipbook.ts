// Label `flipbook`: one page of a report published as a book of pages (a flipbook's
// `files/basic-html/pageN.html`; the family that publishes it says how its pages are named, counted
// and joined). Each page is stored as fetched; when the last one is in, the pages are joined in order
// and parsed as one report.
import type { HttpCrawlingContext } from 'crawlee';
import { frontierEntry, getCaptureBody, latestCapture, storeCapture, inTransaction, recordParse } from '../../storage/index.ts';
import { decodeHtmlBytes } from '../../parsers/index.ts';
import type { Discovery } from '../discovery/discover.ts';
import { pagedReportOf, type BookPlace, type PagedReport } from '../families/index.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { acceptResponse, type FetchedBody } from './accept.ts';
import { commitFetch } from './commit.ts';
import { decodeBody } from './page-analysis.ts';

/** The frontier entries for every page of a book, given one page's HTML. */
export function flipbookDiscoveries(url: string, html: string, depth: number, context: Record<string, unknown>): Discovery[] {
  const book = pagedReportOf(url);
  if (!book) return [];
  const { rules, place } = book;
  const count = Math.min(rules.pageCount(html, place.page), 500);
  const pages: Discovery[] = [];
  for (let page = 1; page <= count; page++) {
    if (page === place.page) continue;
    pages.push({ url: rules.pageUrl(place.base, page), label: 'flipbook', linkText: `page ${page}`, depth, context: { ...context, pageCount: count } });
  }
  return pages;
}

function pageHtml(state: PortalCrawlState, url: string): string | null {
  const capture = latestCapture(state.archive, url);
  const bytes = capture ? getCaptureBody(state.archive, capture.id) : undefined;
  return bytes ? decodeHtmlBytes(bytes, capture?.contentType?.match(/charset=([\w-]+)/i)?.[1]).text : null;
}

/** Joins and parses the book once every page is stored. */
async function assembleWhenComplete(state: PortalCrawlState, fetched: FetchedBody, count: number, book: { rules: PagedReport; place: BookPlace }): Promise<void> {
  const { rules, place: where } = book;
  const pages: { page: number; html: string }[] = [];
  for (let page = 1; page <= count; page++) {
    const url = rules.pageUrl(where.base, page);
    if (frontierEntry(state.archive, state.portal.id, url)?.status !== 'done') return;
    const html = pageHtml(state, url);
    if (html === null) return;
    pages.push({ page, html });
  }
  const title = typeof fetched.entry.context.title === 'string' ? fetched.entry.context.title : null;
  const bytes = Buffer.from(rules.assemble(pages, title), 'utf8');
  const parse = state.parser ? await state.parser.parse(bytes, { fileName: 'flipbook.html', contentType: 'text/html; charset=utf-8' }, { urgent: true }) : null;
  inTransaction(state.archive, () => {
    const stored = storeCapture(state.archive, {
      url: where.base, status: 200, bytes, contentType: 'text/html; charset=utf-8', label: 'flipbook-assembled',
      headers: { 'x-nianbao-assembled-from': `${count} flipbook pages` }, runId: state.runId, portalId: state.portal.id,
      referrerUrl: fetched.entry.parentUrl,
    });
    if (!parse) return;
    const recorded = recordParse(state.archive, stored.id, parse);
    if (parse.template !== null && !state.tally.reports.some((r) => r.url === where.base)) {
      state.tally.reports.push({ organ: parse.organ, year: parse.year, template: parse.template, title: parse.title, url: where.base, label: 'report',
        pageUrl: typeof fetched.entry.context.viewer === 'string' ? fetched.entry.context.viewer : fetched.entry.parentUrl, captureId: stored.id, isNew: stored.isNew && recorded.isNew });
    }
  });
}

/** The `flipbook` route. */
export function flipbookHandler(state: PortalCrawlState) {
  return async (ctx: HttpCrawlingContext): Promise<void> => {
    const fetched = acceptResponse(ctx, state);
    if (!fetched) return;
    const html = decodeBody(fetched);
    const discoveries = flipbookDiscoveries(fetched.entry.url, html, fetched.entry.depth + 1, fetched.entry.context);
    await commitFetch(state, fetched, { discoveries });
    // Entries of this label are always pages of a book (the report route queues only those).
    const book = pagedReportOf(fetched.entry.url);
    if (!book) return;
    const count = Number(fetched.entry.context.pageCount ?? 0) || book.rules.pageCount(html, book.place.page);
    await assembleWhenComplete(state, fetched, count, book);
  };
}
