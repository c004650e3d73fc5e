// Label `attachment`: a document file (PDF, DOC/DOCX/WPS, spreadsheet, image) linked from a report
// page or listed as a report. Stored as fetched, parsed with its real file name as a hint.
import type { HttpCrawlingContext } from 'crawlee';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { acceptResponse } from './accept.ts';
import { commitFetch, parsedFromFetch, recordInBackground } from './commit.ts';
import { parseFetched } from './report.ts';

function fileNameHint(context: Record<string, unknown>, url: string): string | undefined {
  const name = typeof context.fileName === 'string' ? context.fileName : undefined;
  const extension = new URL(url).pathname.match(/\.(\w{2,4})$/)?.[0] ?? '';
  if (!name) return undefined;
  return /\.\w{2,4}$/.test(name) ? name : `${name}${extension}`;
}

/** The `attachment` route. */
export function attachmentHandler(state: PortalCrawlState) {
  return async (ctx: HttpCrawlingContext): Promise<void> => {
    const fetched = acceptResponse(ctx, state);
    if (!fetched) return;
    // Stored at once; parsed in the background (a PDF or an OCR takes seconds), so this portal's
    // next fetches do not wait for it. The portal closes only once its parses are recorded.
    const captured = await commitFetch(state, fetched, { discoveries: [], pageUrl: fetched.entry.parentUrl });
    if (!state.parser) return;
    recordInBackground(state, parsedFromFetch(fetched, captured, fetched.entry.parentUrl), parseFetched(state, fetched, fileNameHint(fetched.entry.context, fetched.entry.url)));
  };
}
