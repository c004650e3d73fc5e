// Page templates in the style of Chinese government sites: the 2017 website-guideline meta tags,
// Word-exported article bodies, plain lists. Every page of a portal shares its site metadata.
import iconv from 'iconv-lite';

export interface Site {
  name: string;
  /** SiteIDCode: the first 6 digits are the administrative-division code. */
  siteId: string;
  /** GB2312 pages carry the charset only in <meta>; the HTTP header says nothing. */
  gbk?: boolean;
}

export interface ListItem {
  href: string;
  text: string;
  date?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A whole page as bytes, in the site's encoding. */
export function page(site: Site, title: string, body: string, extraMeta: Record<string, string> = {}, column = ''): Buffer {
  const charset = site.gbk ? 'gb2312' : 'utf-8';
  const meta = { SiteName: site.name, SiteDomain: '', SiteIDCode: site.siteId, ColumnName: column, ...extraMeta };
  const html = `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
${Object.entries(meta).map(([k, v]) => `<meta name="${k}" content="${escapeHtml(v)}">`).join('\n')}
<title>${escapeHtml(title)}_${escapeHtml(site.name)}</title>
</head><body>
<div class="header"><a href="/">${escapeHtml(site.name)}</a> <a href="/xwzx/">新闻中心</a> <a href="/hdjl/">互动交流</a></div>
${body}
<div class="footer">主办：${escapeHtml(site.name)} 网站标识码：${escapeHtml(site.siteId)}</div>
</body></html>`;
  return site.gbk ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8');
}

export function linkList(items: ListItem[]): string {
  return `<ul class="list">${items.map((i) => `<li><a href="${escapeHtml(i.href)}" target="_blank" title="${escapeHtml(i.text)}">${escapeHtml(i.text)}</a>${i.date ? `<span>${i.date}</span>` : ''}</li>`).join('\n')}</ul>`;
}

/** An article page: title, date line, body in the container the family uses. */
export function articlePage(site: Site, opts: { title: string; date: string; source: string; bodyHtml: string; container?: string; column?: string; attachments?: ListItem[] }): Buffer {
  const container = opts.container ?? 'div class="TRS_Editor"';
  const tag = container.split(' ')[0];
  const attachments = opts.attachments?.length
    ? `<div class="fj"><p>附件：</p>${linkList(opts.attachments)}</div>`
    : '';
  const body = `<div class="article"><h1>${escapeHtml(opts.title)}</h1>
<div class="info">发布时间：${opts.date} 来源：${escapeHtml(opts.source)}</div>
<${container}>${opts.bodyHtml}</${tag}>${attachments}</div>`;
  return page(site, opts.title, body, { ArticleTitle: opts.title, PubDate: `${opts.date} 09:30`, ContentSource: opts.source }, opts.column);
}

export function htmlReply(body: Buffer, lastModified?: string) {
  return { headers: { 'content-type': 'text/html' }, body, lastModified };
}

export function fileReply(body: Buffer, contentType: string, fileName?: string) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (fileName) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
  return { headers, body };
}
