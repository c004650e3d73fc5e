// Label `report`: a page whose link text read as an annual report. Parse it (the parse decides
// whether it really is one) and fetch its attachments; a page that turns out to be a list of
// reports is followed like a list.
import type { HttpCrawlingContext } from 'crawlee';
import type { ParseResult } from '../../parsers/index.ts';
import { charsetOfContentType, isMarkup } from '../responses/content-type.ts';
import { fileNameOf } from '../discovery/urls.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { acceptResponse, type FetchedBody } from './accept.ts';
import { commitFetch, parsedFromFetch, recordInBackground } from './commit.ts';
import { analyseHtml, decodeBody } from './page-analysis.ts';
import { pagedReportStart } from '../families/index.ts';
import { flipbookDiscoveries } from './flipbook.ts';
import type { Discovery } from '../discovery/discover.ts';
import { ocrWhen } from '../engine/settings.ts';

/**
 * Parses a fetched report page or file with the hints HTTP gave, in the run's parse workers (the
 * event loop keeps fetching meanwhile). A parser bug on some odd file must not lose the capture:
 * it is stored unparsed (reparse can try again) and noted.
 */
export async function parseFetched(state: PortalCrawlState, fetched: FetchedBody, fileName?: string): Promise<ParseResult | undefined> {
  if (!state.parser) return undefined;
  try {
    // A report page's parse decides what to follow next, so its handler waits for it: urgent.
    return await state.parser.parse(fetched.bytes, {
      fileName: fileName ?? fileNameOf(fetched.finalUrl), contentType: fetched.contentType, headerCharset: charsetOfContentType(fetched.contentType),
      ocr: ocrWhen(state.settings),
    }, { urgent: fetched.entry.label !== 'attachment' });
  } catch (error) {
    state.tally.failed.push({ url: fetched.entry.url, reason: `parse error: ${(error as Error).message.slice(0, 100)}` });
    return undefined;
  }
}

/**
 * A report page's links are followed as a report page's (its attachments) unless it lists reports
 * itself: only then does the crawl wait for the parse to tell a report from a list. Otherwise the
 * page is committed at once and its parse recorded when it finishes, off the fetch path.
 */
async function handleReportPage(state: PortalCrawlState, fetched: FetchedBody): Promise<void> {
  if (!isMarkup(fetched.contentType, fetched.bytes)) {
    const parsing = parseFetched(state, fetched);
    recordInBackground(state, parsedFromFetch(fetched, await commitFetch(state, fetched, { discoveries: [] }), null), parsing);
    return;
  }
  const html = decodeBody(fetched);
  const book = pagedReportStart(fetched.entry.url, html, fetched.finalUrl);
  if (book) {
    // The viewer (or a page of a flipbook) stands for the whole book: fetch its pages and join them.
    const context = { ...fetched.entry.context, title: fetched.entry.linkText, viewer: fetched.entry.url };
    const first: Discovery = { url: book, label: 'flipbook', linkText: 'page 1', depth: fetched.entry.depth + 1, context: context };
    await commitFetch(state, fetched, { discoveries: [first, ...flipbookDiscoveries(book, html, fetched.entry.depth + 1, context)].filter((d) => d.url !== fetched.entry.url) });
    return;
  }
  const parsing = parseFetched(state, fetched);
  let analysis = analyseHtml(state, fetched, html, true);
  const reportLinks = analysis.discoveries.filter((d) => d.label === 'report' && !d.skipReason).length;
  if (reportLinks === 0) {
    recordInBackground(state, parsedFromFetch(fetched, await commitFetch(state, fetched, { discoveries: analysis.discoveries }), null), parsing);
    return;
  }
  const parse = await parsing;
  if (!parse?.template) analysis = analyseHtml(state, fetched, html, false);
  await commitFetch(state, fetched, { parse, discoveries: analysis.discoveries });
}

/** The `report` route. */
export function reportHandler(state: PortalCrawlState) {
  return async (ctx: HttpCrawlingContext): Promise<void> => {
    const fetched = acceptResponse(ctx, state);
    if (fetched) await handleReportPage(state, fetched);
  };
}
