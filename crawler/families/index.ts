// The registry of portal families and the only door to them: discovery/ and routes/ ask these
// functions, never a family by name. To add a family, see the header of family.ts.
import type { BookPlace, FamilyPage, ListData, PagedReport, PortalFamily } from './family.ts';
import { trs } from './trs.ts';
import { hanweb } from './hanweb.ts';
import { gkmlpt } from './gkmlpt.ts';
import { flipbook } from './flipbook.ts';
import { queryString } from './query-string.ts';
import { opaqueIds } from './opaque-ids.ts';
import { columnsBlocks } from './columns-blocks.ts';

export type { BookPlace, FamilyPage, ListData, ListedLink, ListRequest, PagedReport, PortalFamily } from './family.ts';

/** Every family the crawler knows, in the order their findings are taken. */
export const FAMILIES: readonly PortalFamily[] = [trs, hanweb, gkmlpt, flipbook, queryString, opaqueIds, columnsBlocks];

/** The other pages of a list that the families' own pagers name. */
export function familyListPages(html: string, pageUrl: string, links: readonly { url: string; text: string }[]): string[] {
  return FAMILIES.flatMap((f) => f.listPages?.(html, pageUrl, links) ?? []);
}

/** The lists the families read from a page's data, in registry order. */
export function familyListData(page: FamilyPage): ListData[] {
  return FAMILIES.flatMap((f) => f.listData?.(page) ?? []);
}

/** The lists the families read from a JSON answer, in registry order. */
export function familyJsonListData(page: FamilyPage, json: unknown): ListData[] {
  return FAMILIES.flatMap((f) => f.jsonListData?.(page, json) ?? []);
}

/** True when some family's column pages look like this path (and query). */
export function isFamilyColumnPath(pathAndQuery: string): boolean {
  return FAMILIES.some((f) => f.columnPath?.test(pathAndQuery));
}

/** True when a family names its pages in the URL's fragment, which the frontier must then keep. */
export function keepsFragment(url: URL): boolean {
  return FAMILIES.some((f) => f.keepsFragment?.(url));
}

/** The file name a family's download URL carries in its query, if any. */
export function familyAttachmentName(url: URL): string | undefined {
  for (const family of FAMILIES) {
    const name = family.attachmentName?.(url);
    if (name) return name;
  }
  return undefined;
}

/** True when a family says this page repeats another one (a mobile twin). */
export function isFamilyTwinPage(url: URL): boolean {
  return FAMILIES.some((f) => f.isTwinPage?.(url));
}

/** The first page of the paged report (a flipbook) this page is part of or opens, or null. */
export function pagedReportStart(url: string, html: string, finalUrl: string): string | null {
  for (const family of FAMILIES) {
    const first = family.pagedReport?.firstPage(url, html, finalUrl);
    if (first) return first;
  }
  return null;
}

/** The rules of the paged report a page URL belongs to, and where the page sits in it; null for no book page. */
export function pagedReportOf(url: string): { rules: PagedReport; place: BookPlace } | null {
  for (const family of FAMILIES) {
    const place = family.pagedReport?.pageOf(url);
    if (place) return { rules: family.pagedReport!, place };
  }
  return null;
}
