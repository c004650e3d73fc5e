// What the portals of the real-markup farm share: their saved article page as the chrome of the
// pages they write, report pages from the real documents, and the truth they register.
import { SEEDS, corpusTextReport, seedReport, type RenderedReport } from '../../farm/documents.ts';
import { corpusText, inChrome, writtenHtml } from '../written.ts';
import type { Charset, RealBuild } from '../types.ts';

export { SEEDS, seedReport, corpusTextReport };
export type { RenderedReport };

/** A portal's chrome: the saved article, the element holding its body, its charset. */
export interface Chrome {
  folder: string;
  file: string;
  selector: string;
  charset?: Charset;
  /** The encoding written pages are served in (湘潭: read from a UTF-16LE save, served as GBK). */
  served?: Charset;
}

/** A page written in the portal's own chrome. */
export function chromePage(chrome: Chrome, title: string, html: string, pattern: string): string {
  return inChrome(corpusText(chrome.folder, chrome.file, chrome.charset), { title, selector: chrome.selector, html, pattern, column: title });
}

/** A report page (written in the chrome, the report's text from a real document) registered as true. */
export function addReport(b: RealBuild, chrome: Chrome, path: string, report: RenderedReport, extraHtml = ''): void {
  const html = `<div class="TRS_Editor"><h1>${report.title}</h1>${report.bodyHtml}${extraHtml}</div>`;
  b.pages.set(path, writtenHtml(chromePage(chrome, report.title, html, 'report article in the portal\'s article template, text of a real report'), chrome.served ?? chrome.charset));
  b.report(report.organ, report.year, path);
}

/** A look-alike article (meeting news about the report, a notice), registered as a look-alike. */
export function addLookalike(b: RealBuild, chrome: Chrome, path: string, title: string, text: string): void {
  b.pages.set(path, writtenHtml(chromePage(chrome, title, `<h1>${title}</h1><p>${text}</p>`, 'news article in the portal\'s article template'), chrome.served ?? chrome.charset));
  b.lookalike(path);
}

/** A plain `<ul>` of dated links as list templates print them. */
export function listItems(items: { href: string; title: string; date?: string }[]): string {
  return `<ul class="list">${items.map((i) => `<li><a href="${i.href}" target="_blank" title="${i.title}">${i.title}</a><span>${i.date ?? '2024-01-20'}</span></li>`).join('\n')}</ul>`;
}
