// Finds the other pages of a list. The generic rules live here: a 下一页 link, numbered pager links,
// query-string siblings (`cur_page=`, `page=`, `pageNo=` …). What a family does its own way (TRS
// `createPageHTML`, a pager hidden in `window.atob('…')`) comes from its module in families/.
import { familyListPages } from '../families/index.ts';
import type { PageLink } from './link-score.ts';

const NEXT_TEXT = /^(下一页|下页|后一页|后页|next|›|»|>|>>)$/i;
const PAGE_TEXT = /^(\d{1,4}|首页|尾页|末页|上一页|上页|第\d+页)$/;
const PAGE_PARAM = /[?&](cur_page|curpage|page|pageno|pagenum|pageindex|p|pn|currpage|currentpage)=\d+/i;

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
  }
  found.delete(here.toString());
  // A column's directory URL is its first page: index.html / index.shtml / index.htm name it again.
  if (here.pathname.endsWith('/')) for (const name of ['index.html', 'index.shtml', 'index.htm']) found.delete(new URL(name, here).toString());
  return [...found];
}

function sameParamsBesidesPage(a: URL, b: URL): boolean {
  const strip = (u: URL) => [...u.searchParams.entries()].filter(([k]) => !/page|^p$|^pn$/i.test(k)).sort().join('&');
  return a.pathname === b.pathname && (b.search === '' || strip(a) === strip(b));
}

/** `<dir>/index.html|shtml|htm` as the directory URL `<dir>/` (the same first page of a column). */
export function asDirectory(u: string): string {
  const url = new URL(u);
  if (!/\/index\.s?html?$/.test(url.pathname) || url.search) return u;
  url.pathname = url.pathname.replace(/index\.s?html?$/, '');
  return url.toString();
}

/** Every other page of the list this page belongs to: the families' pagers, then the generic one.
 *  `seenAs`: other names of pages already fetched (the page that linked here): a later page's 首页
 *  link to `<dir>/index.shtml` is the column's directory URL fetched before, not a new page. */
export function nextPages(html: string, links: PageLink[], pageUrl: string, seenAs: readonly string[] = []): string[] {
  const known = new Set([pageUrl, ...seenAs].map(asDirectory));
  return [...new Set([...familyListPages(html, pageUrl, links), ...pagerLinks(links, pageUrl)])].filter((u) => u !== pageUrl && !known.has(asDirectory(u)));
}
