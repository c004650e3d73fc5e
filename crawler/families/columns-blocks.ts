// Sites built of `/columns/<uuid>/` columns whose lists are blocks (石家庄): the list's pager is not in
// the markup; the site's paging.js (`showPagingNav(blockid, page)`) reads JSON from a hidden
// `<input id="pagingProp_<blockid>">` — totalPages, AppUrl, colid, tid — and loads
// `<AppUrl>/columns/<colid>/templates/<tid>/blocks/<blockid>?page=N`. 下一页 is a `javascript:` call.
// This family reads the same JSON and names those block pages.
import type { PortalFamily } from './family.ts';

function unescapeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The block pages a page's hidden pagingProp inputs name (all pages but the one shown). */
export function pagingPropUrls(html: string, pageUrl: string): string[] {
  const urls: string[] = [];
  for (const input of html.matchAll(/<input\b[^>]*\bid\s*=\s*["']pagingProp_([\w-]+)["'][^>]*>/gi)) {
    const block = input[1];
    const raw = input[0].match(/\bvalue\s*=\s*'([^']*)'/i)?.[1] ?? input[0].match(/\bvalue\s*=\s*"([^"]*)"/i)?.[1];
    if (!raw) continue;
    let prop: Record<string, unknown>;
    try { prop = JSON.parse(unescapeAttribute(raw)) as Record<string, unknown>; } catch { continue; }
    const total = Number(prop.totalPages);
    const colid = String(prop.colid ?? '');
    const tid = String(prop.tid ?? '');
    if (!Number.isInteger(total) || total < 2 || total > 500 || !/^[\w-]+$/.test(colid) || !/^[\w-]+$/.test(tid)) continue;
    const appUrl = String(prop.AppUrl ?? '').replace(/\/$/, '');
    const current = Number(new URL(pageUrl).searchParams.get('page') ?? 1);
    for (let page = 1; page <= total; page++) {
      if (page === current) continue;
      try {
        urls.push(new URL(`${appUrl}/columns/${colid}/templates/${tid}/blocks/${block}?page=${page}`, pageUrl).toString());
      } catch {
        // AppUrl was no URL
      }
    }
  }
  return urls;
}

/** The columns-blocks family. */
export const columnsBlocks: PortalFamily = {
  name: 'columns-blocks',
  listPages: (html, pageUrl) => pagingPropUrls(html, pageUrl),
  columnPath: /\/columns\/[0-9a-f]{8}-[0-9a-f]{4}-/i,
};
