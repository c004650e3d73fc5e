// Hanweb 大汉 column pages (`/col/col<columnid>/index.html`): the list sits in
// `<script type="text/xml"><datastore>` records (CDATA holding <li><a>…), only the first group
// embedded; later pages come from /module/web/jpage/dataproxy.jsp with columnid/unitid/webid scraped
// from the page. Attachments are `/module/download/downfile.jsp?…&showname=<name>`: the real file name
// only in `showname` (or the link text).
import type { ListData, PortalFamily } from './family.ts';

/** One record link from a datastore. */
export interface HanwebRecord { href: string; text: string; title?: string }

/** What a Hanweb page or dataproxy answer says about its list. */
export interface HanwebList {
  records: HanwebRecord[];
  totalRecords: number | null;
  totalPages: number | null;
  perPage: number | null;
  params: Record<string, string>;
}

function tagNumber(xml: string, tag: string): number | null {
  const match = xml.match(new RegExp(`<${tag}>\\s*(\\d+)\\s*</${tag}>`, 'i'));
  return match ? Number(match[1]) : null;
}

function scrapeParam(html: string, name: string): string | undefined {
  const patterns = [
    new RegExp(`["']?${name}["']?\\s*[:=]\\s*["']?(\\w+)`, 'i'),
    new RegExp(`[?&]${name}=(\\w+)`, 'i'),
  ];
  for (const pattern of patterns) {
    const match = html.match(pattern);
    if (match) return match[1];
  }
  return undefined;
}

/** True when the page or answer carries a Hanweb datastore. */
export function isHanwebList(html: string): boolean {
  return /<datastore>/i.test(html) || /dataproxy\.jsp/i.test(html);
}

/** Reads the records, counts and paging parameters from a column page or a dataproxy answer. */
export function readHanwebList(html: string): HanwebList {
  const records: HanwebRecord[] = [];
  for (const match of html.matchAll(/<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi)) {
    for (const a of match[1].matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
      const href = a[1].match(/href\s*=\s*["']([^"']+)["']/i)?.[1];
      const title = a[1].match(/title\s*=\s*["']([^"']+)["']/i)?.[1];
      if (href) records.push({ href, text: a[2].replace(/<[^>]+>/g, '').trim(), title });
    }
  }
  const params: Record<string, string> = {};
  for (const name of ['columnid', 'unitid', 'webid', 'appid', 'path', 'sourceContentType', 'permissiontype', 'webname']) {
    const value = scrapeParam(html, name);
    if (value !== undefined) params[name] = value;
  }
  return {
    records,
    totalRecords: tagNumber(html, 'totalrecord') ?? scrapeNumber(html, 'totalrecord'),
    totalPages: tagNumber(html, 'totalpage') ?? scrapeNumber(html, 'totalpage'),
    perPage: tagNumber(html, 'perpage') ?? scrapeNumber(html, 'perpage'),
    params,
  };
}

function scrapeNumber(html: string, name: string): number | null {
  const value = html.match(new RegExp(`${name}["']?\\s*[:=]\\s*["']?(\\d+)`, 'i'))?.[1];
  return value ? Number(value) : null;
}

/** A request for one dataproxy page; GET with `page=N`, as every Hanweb version accepts it. */
export interface DataproxyRequest { url: string; method: 'GET' | 'POST'; payload?: string; page: number }

/** The dataproxy requests for pages 2..last (last from totalpage, or totalrecord / perpage). */
export function dataproxyRequests(list: HanwebList, pageUrl: string, method: 'GET' | 'POST' = 'GET'): DataproxyRequest[] {
  const { columnid } = list.params;
  if (!columnid) return [];
  const perPage = list.perPage ?? (list.records.length || 15);
  const lastPage = list.totalPages ?? (list.totalRecords ? Math.ceil(list.totalRecords / perPage) : null);
  if (!lastPage || lastPage < 2) return [];
  const requests: DataproxyRequest[] = [];
  for (let page = 2; page <= Math.min(lastPage, 500); page++) {
    const query = new URLSearchParams({ ...list.params, page: String(page), perpage: String(perPage), startrecord: String((page - 1) * perPage + 1), endrecord: String(page * perPage) });
    const endpoint = new URL('/module/web/jpage/dataproxy.jsp', pageUrl);
    if (method === 'GET') requests.push({ url: `${endpoint}?${query}`, method, page });
    else requests.push({ url: `${endpoint}?page=${page}`, method, payload: query.toString(), page });
  }
  return requests;
}

/** The real file name of a Hanweb download (`downfile.jsp?filename=<hex>.pdf&showname=<name>.pdf`). */
export function hanwebShowName(url: URL): string | undefined {
  const value = url.searchParams.get('showname');
  return value && /\.\w{2,4}$/.test(value) ? value : undefined;
}

/** A column page's or dataproxy answer's records, and (on a column page) the dataproxy pages after it. */
export function hanwebListData(body: string, url: string, finalUrl: string): ListData | null {
  if (!isHanwebList(body)) return null;
  const list = readHanwebList(body);
  const links = list.records.map((r) => ({ href: r.href, text: r.text, title: r.title }));
  const isProxyAnswer = /dataproxy\.jsp/.test(url);
  const requests = isProxyAnswer ? [] : dataproxyRequests(list, finalUrl).map((r) => ({ url: r.url, linkText: `dataproxy page ${r.page}` }));
  return { links, requests };
}

/** The Hanweb family. */
export const hanweb: PortalFamily = {
  name: 'hanweb',
  listData: (page) => hanwebListData(page.body, page.url, page.finalUrl),
  columnPath: /\/col\/col\d+|columnid=/i,
  attachmentName: hanwebShowName,
};
