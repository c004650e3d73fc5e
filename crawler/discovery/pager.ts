// Finds the other pages of a list, for every family in portals.md: TRS `createPageHTML` (0-based
// `index_N`), a 下一页 link, query-string pagers (`cur_page=`, `page=`, `pageNo=`), pagers hidden in
// `window.atob('…')`. Hanweb and gkmlpt have their own modules (hanweb.ts, gkmlpt.ts).
import type { PageLink } from './link-score.ts';

const NEXT_TEXT = /^(下一页|下页|后一页|后页|next|›|»|>|>>)$/i;
const PAGE_TEXT = /^(\d{1,4}|首页|尾页|末页|上一页|上页|第\d+页)$/;
const PAGE_PARAM = /[?&](cur_page|curpage|page|pageno|pagenum|pageindex|p|pn|currpage|currentpage)=\d+/i;

function scriptVariable(html: string, name: string): number | null {
  const match = html.match(new RegExp(`(?:var|let|const)\\s+${name}\\s*=\\s*["']?(\\d+)`));
  return match ? Number(match[1]) : null;
}

function argValue(arg: string, html: string): string | number | null {
  const trimmed = arg.trim();
  const quoted = trimmed.match(/^["'](.*)["']$/);
  if (quoted) return quoted[1];
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^[A-Za-z_$][\w$]*$/.test(trimmed)) return scriptVariable(html, trimmed);
  return null;
}

/**
 * The pages named by TRS's `createPageHTML(countPage, current, "index", "html")` (also the
 * six-argument form with a div id first). Page 0 is `index.html`, page k is `index_k.html`.
 */
export function trsPageUrls(html: string, pageUrl: string): string[] {
  const call = html.match(/createPageHTML\s*\(([^)]*)\)/);
  if (!call) return [];
  const values = call[1].split(',').map((a) => argValue(a, html));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  // Six-argument form: ('page_div', count, current, 'index', 'html', total): skip the div id.
  const [prefix, extension] = strings.length >= 3 ? strings.slice(1) : strings;
  const [count, current] = numbers;
  if (!count || !prefix || !extension || count > 5000) return [];
  const urls: string[] = [];
  for (let page = 0; page < count; page++) {
    // The page itself may be the column's directory URL; do not fetch it twice as index.html.
    if (page === current) continue;
    urls.push(new URL(page === 0 ? `${prefix}.${extension}` : `${prefix}_${page}.${extension}`, pageUrl).toString());
  }
  return urls;
}

/** Links that move through the same list: 下一页 and numbered pager links, `?page=N`-style siblings. */
export function pagerLinks(links: PageLink[], pageUrl: string): string[] {
  const here = new URL(pageUrl);
  const found = new Set<string>();
  for (const link of links) {
    const text = link.text.replace(/[\s\u3000\u00a0[\]【】]+/g, '');
    let target: URL;
    try {
      target = new URL(link.url);
    } catch {
      continue;
    }
    if (target.host !== here.host) continue;
    const sameDir = target.pathname.replace(/[^/]*$/, '') === here.pathname.replace(/[^/]*$/, '');
    if (NEXT_TEXT.test(text) || (PAGE_TEXT.test(text) && (sameDir || PAGE_PARAM.test(target.search)))) found.add(target.toString());
    else if (sameDir && PAGE_PARAM.test(target.search) && sameParamsBesidesPage(target, here)) found.add(target.toString());
    else if (sameDir && /(index|list)_\d+\.s?html?$/.test(target.pathname)) found.add(target.toString());
  }
  found.delete(here.toString());
  if (here.pathname.endsWith('/')) found.delete(new URL('index.html', here).toString());
  return [...found];
}

function sameParamsBesidesPage(a: URL, b: URL): boolean {
  const strip = (u: URL) => [...u.searchParams.entries()].filter(([k]) => !/page|^p$|^pn$/i.test(k)).sort().join('&');
  return a.pathname === b.pathname && (b.search === '' || strip(a) === strip(b));
}

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

/** Every other page of the list this page belongs to. */
export function nextPages(html: string, links: PageLink[], pageUrl: string): string[] {
  return [...new Set([...trsPageUrls(html, pageUrl), ...pagerLinks(links, pageUrl), ...atobUrls(html, pageUrl)])].filter((u) => u !== pageUrl);
}
