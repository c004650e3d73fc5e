// Hanweb 大汉 column pages (`/col/col<columnid>/index.html`): the list sits in
// `<script type="text/xml"><datastore>` records (CDATA holding <li><a>…), only the first group
// embedded; later pages come from /module/web/jpage/dataproxy.jsp with columnid/unitid/webid scraped
// from the page — the list's `<nextgroup>` link or the jpage `proxyUrl:` names the path (older sites
// use /module/jslib/jquery/jpage/dataproxy.jsp), values may be percent-encoded (`webname`), and one
// page may hold several lists with their own columnid/unitid. Attachments are `/module/download/downfile.jsp?…&showname=<name>`: the real file name
// only in `showname` (or the link text).
import type { ListData, PortalFamily } from './family.ts';

/** One record link from a datastore. */
export interface HanwebRecord { href: string; text: string; title?: string }

/** What a Hanweb page or dataproxy answer says about one list. */
export interface HanwebList {
  records: HanwebRecord[];
  totalRecords: number | null;
  totalPages: number | null;
  perPage: number | null;
  params: Record<string, string>;
  /** The dataproxy path the page names (`<nextgroup>`, `proxyUrl:`); older sites use /module/jslib/jquery/jpage/. */
  proxyPath?: string;
}

const PARAMS = ['columnid', 'unitid', 'webid', 'appid', 'path', 'sourceContentType', 'permissiontype', 'webname'];
const DEFAULT_PROXY = '/module/web/jpage/dataproxy.jsp';

function tagNumber(xml: string, tag: string): number | null {
  const match = xml.match(new RegExp(`<${tag}>\\s*(\\d+)\\s*</${tag}>`, 'i'));
  return match ? Number(match[1]) : null;
}

/** A parameter value as the page writes it; percent-encoded values (a `webname`) are decoded once. */
function plainValue(raw: string): string {
  if (!/%[0-9a-f]{2}/i.test(raw)) return raw;
  try { return decodeURIComponent(raw); } catch { return raw; }
}

function scrapeParam(html: string, name: string): string | undefined {
  const patterns = [
    new RegExp(`["']?\\b${name}["']?\\s*[:=]\\s*["']([^"'&<>]*)["']`, 'i'),
    new RegExp(`["']?\\b${name}["']?\\s*[:=]\\s*([\\w%/.-]+)`, 'i'),
    new RegExp(`[?&]${name}=([^&"'<>\\s]+)`, 'i'),
  ];
  for (const pattern of patterns) {
    const match = html.match(pattern);
    if (match && match[1] !== '') return plainValue(match[1]);
  }
  return undefined;
}

function scrapeNumber(html: string, name: string): number | null {
  const value = html.match(new RegExp(`${name}["']?\\s*[:=]\\s*["']?(\\d+)`, 'i'))?.[1];
  return value ? Number(value) : null;
}

/** True when the page or answer carries a Hanweb datastore. */
export function isHanwebList(html: string): boolean {
  return /<datastore>/i.test(html) || /dataproxy\.jsp/i.test(html);
}

function recordsOf(xml: string): HanwebRecord[] {
  const records: HanwebRecord[] = [];
  for (const match of xml.matchAll(/<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi)) {
    for (const a of match[1].matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
      const href = a[1].match(/href\s*=\s*["']([^"']+)["']/i)?.[1];
      const title = a[1].match(/title\s*=\s*["']([^"']+)["']/i)?.[1];
      if (href) records.push({ href, text: a[2].replace(/<[^>]+>/g, '').trim(), title });
    }
  }
  return records;
}

/** One list from its part of the page: its datastore and the script that follows it (the jpage call). */
function readSegment(segment: string, fallback: string): HanwebList {
  const nextgroup = segment.match(/<nextgroup>\s*<!\[CDATA\[[\s\S]*?href\s*=\s*["']([^"']+)["']/i)?.[1];
  const params: Record<string, string> = {};
  for (const name of PARAMS) {
    const value = scrapeParam(segment, name) ?? scrapeParam(fallback, name);
    if (value !== undefined) params[name] = value;
  }
  let proxyPath: string | undefined;
  if (nextgroup) {
    const url = new URL(nextgroup.replace(/&amp;/g, '&'), 'http://h/');
    if (/dataproxy/i.test(url.pathname)) proxyPath = url.pathname;
    // The nextgroup link is the list's own request: its values win over anything scraped.
    for (const name of PARAMS) { const v = url.searchParams.get(name); if (v !== null && v !== '') params[name] = plainValue(v); }
  }
  proxyPath = segment.match(/proxyUrl["']?\s*[:=]\s*["']([^"']*dataproxy[^"']*)["']/i)?.[1]?.replace(/\?.*$/, '') ?? proxyPath;
  return {
    records: recordsOf(segment),
    totalRecords: tagNumber(segment, 'totalrecord') ?? scrapeNumber(segment, 'totalrecord') ?? scrapeNumber(fallback, 'totalrecord'),
    totalPages: tagNumber(segment, 'totalpage') ?? scrapeNumber(segment, 'totalpage') ?? scrapeNumber(fallback, 'totalpage'),
    perPage: tagNumber(segment, 'perpage') ?? scrapeNumber(segment, 'perpage') ?? scrapeNumber(fallback, 'perpage'),
    params,
    proxyPath,
  };
}

/** Every list of a column page (a page may hold several, each with its own columnid/unitid). */
export function readHanwebLists(html: string): HanwebList[] {
  const starts = [...html.matchAll(/<datastore>/gi)].map((m) => m.index!);
  if (starts.length <= 1) return [readSegment(html, html)];
  // Each list owns the markup from its datastore to the next one: its records and its jpage call.
  return starts.map((start, i) => readSegment(html.slice(start, starts[i + 1] ?? html.length), ''));
}

/** Reads the records, counts and paging parameters from a column page or a dataproxy answer (its first list). */
export function readHanwebList(html: string): HanwebList {
  return readHanwebLists(html)[0];
}

/** A request for one dataproxy page; GET with `page=N`, as every Hanweb version accepts it. */
export interface DataproxyRequest { url: string; method: 'GET' | 'POST'; payload?: string; page: number }

/** The dataproxy requests for the pages after those embedded (last from totalpage, or totalrecord / perpage). */
export function dataproxyRequests(list: HanwebList, pageUrl: string, method: 'GET' | 'POST' = 'GET'): DataproxyRequest[] {
  const { columnid } = list.params;
  if (!columnid) return [];
  const perPage = list.perPage ?? (list.records.length || 15);
  const lastPage = list.totalPages ?? (list.totalRecords ? Math.ceil(list.totalRecords / perPage) : null);
  if (!lastPage || lastPage < 2) return [];
  // The page embeds its first group (one or more pages of records): ask only for what follows.
  const firstAsked = Math.max(2, Math.floor(list.records.length / perPage) + 1);
  const requests: DataproxyRequest[] = [];
  for (let page = firstAsked; page <= Math.min(lastPage, 500); page++) {
    const query = new URLSearchParams({ ...list.params, page: String(page), perpage: String(perPage), startrecord: String((page - 1) * perPage + 1), endrecord: String(page * perPage) });
    const endpoint = new URL(list.proxyPath ?? DEFAULT_PROXY, pageUrl);
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
  const lists = readHanwebLists(body);
  const links = lists.flatMap((list) => list.records.map((r) => ({ href: r.href, text: r.text, title: r.title })));
  const isProxyAnswer = /dataproxy\.jsp/.test(url);
  const requests = isProxyAnswer ? [] : lists.flatMap((list) => dataproxyRequests(list, finalUrl).map((r) => ({
    url: r.url, linkText: `dataproxy page ${r.page}${lists.length > 1 ? ` of list ${list.params.unitid ?? list.params.columnid}` : ''}`,
  })));
  return { links, requests };
}

/** The Hanweb family. */
export const hanweb: PortalFamily = {
  name: 'hanweb',
  listData: (page) => hanwebListData(page.body, page.url, page.finalUrl),
  columnPath: /\/col\/col\d+|columnid=/i,
  attachmentName: hanwebShowName,
};
