// Label `home`: the portal's home page, where discovery starts. Read like any listing; it also
// records the site's name from the 2017 guideline's SiteName meta when the registry has none.
import type { HttpCrawlingContext } from 'crawlee';
import { updatePortal } from '../../storage/index.ts';
import type { PortalCrawlState } from '../engine/crawl-state.ts';
import { acceptResponse } from './accept.ts';
import { handleListing } from './list.ts';
import { decodeBody } from './page-analysis.ts';

function siteName(html: string): string | null {
  return html.match(/<meta\s+name=["']SiteName["']\s+content=["']([^"']+)["']/i)?.[1]?.trim() ?? null;
}

/** The `home` route. */
export function homeHandler(state: PortalCrawlState) {
  return async (ctx: HttpCrawlingContext): Promise<void> => {
    const fetched = acceptResponse(ctx, state);
    if (!fetched) return;
    if (!state.portal.name) {
      const name = siteName(decodeBody(fetched).slice(0, 8000));
      if (name) state.portal = updatePortal(state.archive, state.portal.id, { name });
    }
    await handleListing(state, fetched);
  };
}
