// Turns the links of one page into frontier entries: report pages, attachments, navigation
// towards report columns, and the other pages of the same list, each with the reason it was taken
// (or skipped). Pure: the crawler records the result.
import { classifyTitle } from './report-title.ts';
import { FOLLOW_THRESHOLD, areaOf, scoreLink, type PageArea, type PageLink } from './link-score.ts';
import { fileNameOf, isAttachmentUrl, isMobileTwin } from './urls.ts';
import { isInScope, outOfScopeReason, type PortalScope } from './scope.ts';

/** Where the page sits and how it was reached. */
export interface PageContext {
  url: string;
  portalUrl: string;
  area: PageArea;
  /** Weak navigation hops since the last strong signal (a report column, a report link). */
  hops: number;
  depth: number;
  /** True on report pages: their document links are the report's attachments. */
  isReportPage?: boolean;
  /** The portal's scope with the registry's allowed hosts (default: the portal URL's own). */
  scope?: PortalScope;
}

/** A frontier entry proposed for a link. */
export interface Discovery {
  url: string;
  label: 'list' | 'report' | 'attachment' | 'flipbook';
  linkText: string;
  context: { area?: PageArea; hops?: number; fileName?: string; year?: number | null; organ?: string | null; [more: string]: unknown };
  depth: number;
  /** Set for links recorded but not fetched, with the reason. */
  skipReason?: string;
}

/** How far the crawl follows weakly scored navigation before giving up on a branch. */
export const MAX_WEAK_HOPS = 2;

function linkLabel(link: PageLink): string {
  const text = link.text.trim();
  const title = link.title?.trim() ?? '';
  return title.length > text.length && !/^\s*$/.test(title) ? title : text;
}

function reportLike(text: string, area: PageArea): ReturnType<typeof classifyTitle> {
  const verdict = classifyTitle(text);
  if (verdict.kind !== 'other' || area !== 'reports') return verdict;
  // Inside a report column a short "2023年度报告" or an organ's "…2023年…报告" is a report too.
  if (verdict.year && /(年度?报告|年报|公开.*报告)/.test(text) && !/(通知|格式|半年|指南)/.test(text)) return { kind: 'report', year: verdict.year, organ: null };
  return verdict;
}

/** Classifies every link of a page; `pagerUrls` are the page's own list pages (same column). */
export function discoverLinks(links: PageLink[], page: PageContext, pagerUrls: string[] = []): Discovery[] {
  const out = new Map<string, Discovery>();
  const depth = page.depth + 1;
  const put = (d: Discovery) => { if (!out.has(d.url) || (out.get(d.url)!.skipReason && !d.skipReason)) out.set(d.url, d); };
  const scope = page.scope ?? page.portalUrl;
  for (const url of pagerUrls) {
    if (isInScope(url, scope, 'page')) put({ url, label: 'list', linkText: '', context: { area: page.area, hops: page.hops }, depth });
  }
  for (const link of links) {
    if (link.url === page.url) continue;
    const text = linkLabel(link);
    const attachment = isAttachmentUrl(link.url);
    const verdict = reportLike(text || fileNameOf(link.url) || '', page.area);
    // A report may sit on another host of the portal's domain (a file server) or on a host the
    // registry allows (a flipbook on a bare IP): follow report links and attachments there, never
    // navigation. One that would have been followed anywhere else is recorded as refused.
    const crossHostOk = attachment || verdict.kind === 'report';
    const outside = outOfScopeReason(link.url, scope, crossHostOk ? 'attachment' : 'page');
    if (outside) {
      if (verdict.kind === 'report' || (attachment && (page.isReportPage || page.area === 'reports'))) put({ url: link.url, label: attachment ? 'attachment' : 'report', linkText: text, context: { area: page.area, hops: page.hops }, depth, skipReason: `out_of_scope: ${outside}` });
      continue;
    }
    if (isMobileTwin(link.url)) {
      put({ url: link.url, label: 'report', linkText: text, context: { area: page.area, hops: page.hops }, depth, skipReason: 'mobile twin of a desktop page' });
      continue;
    }
    if (attachment) {
      const wanted = page.isReportPage || verdict.kind === 'report' || (page.area === 'reports' && verdict.year !== null && verdict.kind !== 'lookalike');
      if (wanted) put({ url: link.url, label: 'attachment', linkText: text, context: { area: page.area, hops: 0, fileName: text || fileNameOf(link.url), year: verdict.year, organ: verdict.organ }, depth });
      else if (verdict.kind === 'lookalike') put({ url: link.url, label: 'attachment', linkText: text, context: { area: page.area, hops: page.hops }, depth, skipReason: `look-alike: ${verdict.reason}` });
      continue;
    }
    if (verdict.kind === 'report') {
      put({ url: link.url, label: 'report', linkText: text, context: { area: 'reports', hops: 0, year: verdict.year, organ: verdict.organ }, depth });
      continue;
    }
    if (verdict.kind === 'lookalike') {
      put({ url: link.url, label: 'report', linkText: text, context: { area: page.area, hops: page.hops }, depth, skipReason: `look-alike: ${verdict.reason}` });
      continue;
    }
    if (page.isReportPage) continue;
    const score = scoreLink(link, page.area);
    if (score < FOLLOW_THRESHOLD) continue;
    const strong = score >= 8;
    const hops = strong ? 0 : page.hops + 1;
    if (hops > MAX_WEAK_HOPS) continue;
    put({ url: link.url, label: 'list', linkText: text, context: { area: areaOf(text, link.url, page.area), hops }, depth });
  }
  return [...out.values()];
}
