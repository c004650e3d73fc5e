// Guangdong gkmlpt: `/gkmlpt/index#<category>` is an empty Vue shell; the data come as JSON from
// `/gkmlpt/api/all/<category>?page=N&sid=<site id>`. Some sites answer everything on page 1.

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
