// Flipbooks: a PDF published as `/book/<name>/files/basic-html/page1..N.html`, one report over N
// pages, sometimes on a bare IP host. The crawler fetches every page (label `flipbook`), then parses
// them together as one document.
import type { PortalFamily } from './family.ts';

const PAGE = /^(.*\/files\/basic-html\/)page(\d+)\.html$/i;

/** The book's base (`…/files/basic-html/`) and page number of a flipbook page URL, or null. */
export function flipbookPage(url: string): { base: string; page: number } | null {
  const match = new URL(url).href.replace(/[?#].*$/, '').match(PAGE);
  return match ? { base: match[1], page: Number(match[2]) } : null;
}

/** The first page of the flipbook a viewer page points to (`files/basic-html/page1.html`, or `files/…` configs). */
export function flipbookStart(html: string, pageUrl: string): string | null {
  const direct = html.match(/["'(]([^"'()]*files\/basic-html\/page1\.html)["')]/i)?.[1];
  if (direct) return new URL(direct, pageUrl).toString();
  if (/\/book\//i.test(pageUrl) && /files\/(mobile|large|thumb|assets)\//i.test(html)) return new URL('files/basic-html/page1.html', pageUrl).toString();
  return null;
}

/** The highest page number a flipbook page links to (its pager), at least `page`. */
export function flipbookPageCount(html: string, page: number): number {
  let max = page;
  for (const match of html.matchAll(/page(\d+)\.html/gi)) max = Math.max(max, Number(match[1]));
  const total = html.match(/(?:共|total\D{0,10})(\d{1,4})\s*页/i)?.[1];
  return total ? Math.max(max, Number(total)) : max;
}

/** One HTML document from the pages' bodies in page order, for the parser. */
export function assembleFlipbook(pages: { page: number; html: string }[], title: string | null): string {
  const bodies = [...pages].sort((a, b) => a.page - b.page).map((p) => {
    const body = p.html.match(/<body[^>]*>([\s\S]*?)<\/body>/i)?.[1] ?? p.html;
    return `<div class="flipbook-page" data-page="${p.page}">${body.replace(/<script[\s\S]*?<\/script>/gi, '')}</div>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title ?? ''}</title></head><body>${bodies.join('\n')}</body></html>`;
}

/** The flipbook family: a report published as a book of pages. */
export const flipbook: PortalFamily = {
  name: 'flipbook',
  pagedReport: {
    firstPage: (url, html, finalUrl) => (flipbookPage(url) ? url : flipbookStart(html, finalUrl)),
    pageOf: flipbookPage,
    pageUrl: (base, page) => `${base}page${page}.html`,
    pageCount: flipbookPageCount,
    assemble: assembleFlipbook,
  },
};
