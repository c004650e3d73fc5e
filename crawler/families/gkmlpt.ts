// Guangdong gkmlpt: `/gkmlpt/index#<category>` is an empty Vue shell; the data come as JSON from
// `/gkmlpt/api/all/<category>?page=N&sid=<site id>`. Some sites answer everything on page 1. The
// category is named only in the fragment, so the frontier keeps fragments of /gkmlpt/ URLs.
import type { FamilyPage, ListData, ListRequest, PortalFamily } from './family.ts';

/** True for a gkmlpt shell page. */
export function isGkmlptShell(url: string, html: string): boolean {
  return /\/gkmlpt\/(index|\w*#)/.test(url) || (/gkmlpt/.test(url) && /SID|sid/.test(html) && /<div id=["']app["']/.test(html));
}

/** The site id the shell carries (`SID: '755'`, `sid=755`, `"sid":"755"`). */
export function gkmlptSiteId(html: string): string | null {
  return html.match(/\bsid["']?\s*[:=]\s*["']?(\w+)/i)?.[1] ?? null;
}

/** The API URL for a category's page. */
export function gkmlptApiUrl(pageUrl: string, category: string, sid: string, page: number): string {
  return new URL(`/gkmlpt/api/all/${encodeURIComponent(category)}?page=${page}&sid=${encodeURIComponent(sid)}`, pageUrl).toString();
}

/** The category in the shell URL's fragment (`#2517`), or null when none is named. */
export function gkmlptCategory(url: string): string | null {
  const hash = new URL(url).hash.replace(/^#/, '');
  return hash ? decodeURIComponent(hash) : null;
}

/** One article of an API answer. */
export interface GkmlptArticle { url: string; title: string }

/** Reads an API answer: its articles and how many there are in all. */
export function readGkmlptAnswer(json: unknown): { articles: GkmlptArticle[]; total: number | null } {
  const data = (json ?? {}) as { articles?: unknown[]; total?: unknown };
  const articles = (Array.isArray(data.articles) ? data.articles : [])
    .map((a) => a as { url?: unknown; title?: unknown })
    .filter((a) => typeof a.url === 'string')
    .map((a) => ({ url: String(a.url), title: String(a.title ?? '') }));
  return { articles, total: typeof data.total === 'number' ? data.total : null };
}

/** Where a gkmlpt API page is in its category: what the next page's URL is built from. */
interface ApiPlace { category: string; sid: string; page: number; perPage?: number }

/** A shell page asks for the first API page of its category (nothing when it names none). */
export function gkmlptShellData(page: FamilyPage): ListData | null {
  if (!isGkmlptShell(page.url, page.body)) return null;
  const category = gkmlptCategory(page.url);
  const sid = gkmlptSiteId(page.body);
  if (!category || !sid) return { links: [], requests: [] };
  const gkmlpt: ApiPlace = { category, sid, page: 1 };
  return { links: [], requests: [{ url: gkmlptApiUrl(page.finalUrl, category, sid, 1), linkText: 'gkmlpt api page 1', inReportColumn: true, context: { gkmlpt } }] };
}

/** An API answer gives its articles, and the next API page while more remain. */
export function gkmlptAnswerData(page: FamilyPage, json: unknown): ListData {
  const answer = readGkmlptAnswer(json);
  const links = answer.articles.map((a) => ({ href: a.url, text: a.title }));
  const place = page.context.gkmlpt as ApiPlace | undefined;
  const requests: ListRequest[] = [];
  if (place && answer.articles.length > 0 && answer.total !== null) {
    // The page size is the first page's: a short last page must not shrink it (that asked for a page
    // that does not exist).
    const perPage = Math.max(place.perPage ?? 0, answer.articles.length);
    const seenSoFar = place.page * perPage;
    if (seenSoFar < answer.total && place.page < 500) {
      const next = { ...place, page: place.page + 1, perPage };
      requests.push({ url: gkmlptApiUrl(page.finalUrl, place.category, place.sid, next.page), linkText: `gkmlpt api page ${next.page}`, inReportColumn: true, context: { gkmlpt: next } });
    }
  }
  return { links, requests };
}

/** True for gkmlpt's mobile twins (`mpost_<id>.html`), which repeat the `post_<id>.html` page. */
export function isGkmlptMobileTwin(url: URL): boolean {
  return /\/mpost_\d+\.html?$/i.test(url.pathname);
}

/** The gkmlpt family. */
export const gkmlpt: PortalFamily = {
  name: 'gkmlpt',
  listData: gkmlptShellData,
  jsonListData: gkmlptAnswerData,
  // The shell names its category in the fragment; content pages and API answers do not (their `#<category>` repeats the list they came from).
  keepsFragment: (url) => /\/gkmlpt\//.test(url.pathname) && !/\/gkmlpt\/(content|api)\//.test(url.pathname),
  isTwinPage: isGkmlptMobileTwin,
};
