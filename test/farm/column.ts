// Builders shared by the portal families: report articles with their attachments, recorded in
// the farm's truth as they are laid out, and paged lists.
import type { RenderedReport } from './documents.ts';
import { articlePage, fileReply, htmlReply, type ListItem, type Site } from './pages.ts';
import type { BuildContext, Reply } from './types.ts';

export type Pages = Map<string, Reply>;

export interface Attachment {
  path: string;
  bytes: Buffer;
  contentType: string;
  /** The real file name, shown as the link text (the URL says nothing). */
  name: string;
  format: string;
}

export const NIGHT_TWO = 'Tue, 16 Jan 2024 08:00:00 GMT';

/** Puts a report article (and its attachments) at `path` and records it in the truth. */
export function addReportArticle(
  pages: Pages, ctx: BuildContext, site: Site, path: string, report: RenderedReport,
  opts: { date: string; container?: string; attachments?: Attachment[]; bodyHtml?: string; lastModified?: string; wapTwin?: boolean },
): string {
  const attachments = opts.attachments ?? [];
  const links: ListItem[] = attachments.map((a) => ({ href: relativeTo(path, a.path), text: a.name }));
  const body = articlePage(site, {
    title: report.title, date: opts.date, source: report.organ, bodyHtml: opts.bodyHtml ?? report.bodyHtml,
    container: opts.container, attachments: links,
  });
  pages.set(path, htmlReply(body, opts.lastModified));
  if (opts.wapTwin) pages.set(path.replace(/\.html$/, '_wap.html'), htmlReply(body, opts.lastModified));
  for (const a of attachments) pages.set(a.path, fileReply(a.bytes, a.contentType));
  ctx.addReport({
    organ: report.organ, year: report.year, template: report.template, pageUrl: ctx.baseUrl + path,
    attachmentUrls: attachments.map((a) => ctx.baseUrl + a.path), formats: ['html', ...attachments.map((a) => a.format)],
  });
  return path;
}

/** A plain article that is not a report (a look-alike), recorded as such. */
export function addLookalike(pages: Pages, ctx: BuildContext, site: Site, path: string, title: string, text: string, date = '2023-12-20'): string {
  pages.set(path, htmlReply(articlePage(site, { title, date, source: site.name, bodyHtml: `<p>${text}</p>` })));
  ctx.addLookalike(ctx.baseUrl + path);
  return path;
}

/** The href from the page at `from` to `to`, as TRS writes them ("./202201/t…html"). */
export function relativeTo(from: string, to: string): string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  return to.startsWith(dir) ? `./${to.slice(dir.length)}` : to;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const MIME = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  wps: 'application/vnd.ms-works',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
};
