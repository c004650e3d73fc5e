// Query-string lists: `iList.jsp?node_id=…&cat_id=…&cur_page=N`, `year_details.aspx?dept=…&id=…`,
// `?page=N`, `?pageNo=N`, a per-organ drop-down. The generic pager (discovery/pager.ts) follows their
// numbered links and `page=` siblings; this family adds what is its own: the `node_id`/`cat_id`
// column URLs, and a pager whose URLs are hidden base64-encoded in `window.atob('…')` calls.
import type { PortalFamily } from './family.ts';

/** URLs or query strings hidden in `atob('…')` calls (a base64 pager). */
export function atobUrls(html: string, pageUrl: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(/atob\(\s*["']([A-Za-z0-9+/=]{4,400})["']\s*\)/g)) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    if (!/^[\x20-\x7e]+$/.test(decoded)) continue;
    try {
      if (/^(https?:\/\/|\/|\?|\.\.?\/|[\w-]+\.s?html?)/.test(decoded)) urls.push(new URL(decoded, pageUrl).toString());
    } catch {
      // not a URL after all
    }
  }
  return urls;
}

/** The query-string family. */
export const queryString: PortalFamily = {
  name: 'query-string',
  listPages: (html, pageUrl) => atobUrls(html, pageUrl),
  columnPath: /node_id=|cat_id=/i,
};
