// Label `list`: a column or list page (also a Hanweb dataproxy answer or a gkmlpt API page):
// record it, follow its pages, its report links and its links towards other report columns.
import type { HttpCrawlingContext } from 'crawlee';
import { relabelEntry, settleEntry } from '../../storage/index.ts';
import { isJson, isMarkup } from '../responses/content-type.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { acceptResponse, type FetchedBody } from './accept.ts';
import { commitFetch } from './commit.ts';
import { analyseInclude, analyseJsonAnswer, analyseHtml, decodeBody, isIncludeEntry, type PageAnalysis } from './page-analysis.ts';

/** Analyses any listing body; a non-markup body at a list URL gives no links. */
export function analyseListing(state: PortalCrawlState, fetched: FetchedBody): PageAnalysis {
  if (isIncludeEntry(fetched)) return analyseInclude(state, fetched, decodeBody(fetched));
  if (isJson(fetched.contentType, fetched.bytes)) return analyseJsonAnswer(state, fetched, decodeBody(fetched));
  if (!isMarkup(fetched.contentType, fetched.bytes)) return { discoveries: [], title: '', area: 'portal', needsBrowser: false };
  return analyseHtml(state, fetched, decodeBody(fetched));
}

/** Records a listing, or hands it to the browser pass when it is a script-rendered shell. */
export async function handleListing(state: PortalCrawlState, fetched: FetchedBody): Promise<void> {
  const analysis = analyseListing(state, fetched);
  if (analysis.needsBrowser && state.settings.useBrowser) {
    // Keep the shell's validators, so the next night can ask whether it changed before rendering.
    const header = (name: string) => { const v = fetched.headers[name]; return (Array.isArray(v) ? v[0] : v) ?? null; };
    settleEntry(state.archive, fetched.entry.id, { status: 'queued', etag: header('etag'), lastModified: header('last-modified'), runId: state.runId });
    relabelEntry(state.archive, fetched.entry.id, 'browser', { ...fetched.entry.context, area: analysis.area, shellOf: fetched.entry.label });
    return;
  }
  await commitFetch(state, fetched, { discoveries: analysis.discoveries });
}

/** The `list` route. */
export function listHandler(state: PortalCrawlState) {
  return async (ctx: HttpCrawlingContext): Promise<void> => {
    const fetched = acceptResponse(ctx, state);
    if (fetched) await handleListing(state, fetched);
  };
}
