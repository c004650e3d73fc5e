// Makes an archived HTML page safe to show: no script, no plugin, no frame, no refresh, no form
// target, no event handler, and no URL that leaves the archive. Links and images whose URL the
// archive captured point at that capture; every other URL is dropped (kept as a data- attribute
// so a reader can still see it). The CSP and the sandboxed iframe are the second and third walls.
import * as cheerio from 'cheerio';

/** Maps an absolute URL found in the page to a path inside the archive, or null when not archived. */
export type ArchiveResolver = (absoluteUrl: string, kind: 'link' | 'image') => string | null;

const REMOVED_ELEMENTS = 'script, noscript, iframe, frame, frameset, object, embed, applet, base, link, meta, portal, template, audio, video, source, track';
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'background', 'poster', 'data', 'xlink:href', 'ping', 'lowsrc', 'dynsrc',
  'longdesc', 'cite', 'manifest', 'codebase', 'archive', 'usemap', 'imagesrcset', 'profile', 'classid', 'itemtype',
]);

/** CSS with every non-data url() and @import removed (they would fetch from outside). */
export function neutralizeCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(?!['"]?\s*data:)[^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, 'blocked(');
}

function resolveUrl(value: string, baseUrl: string): string | null {
  try {
    const url = new URL(value.trim(), baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function rewriteUrlAttribute(el: cheerio.Cheerio<any>, tag: string, name: string, value: string, baseUrl: string, resolve: ArchiveResolver): void {
  el.removeAttr(name);
  if (name === 'href' && (tag === 'a' || tag === 'area')) {
    if (value.trim().startsWith('#')) { el.attr('href', value.trim()); return; }
    const absolute = resolveUrl(value, baseUrl);
    const archived = absolute ? resolve(absolute.replace(/#.*$/, ''), 'link') : null;
    if (archived) el.attr('href', archived);
    else { el.attr('data-original-href', value); el.attr('title', `not in the archive: ${absolute ?? value}`); }
    return;
  }
  if (name === 'src' && tag === 'img') {
    if (/^\s*data:image\/(png|jpe?g|gif|webp);/i.test(value)) { el.attr('src', value.trim()); return; }
    const absolute = resolveUrl(value, baseUrl);
    const archived = absolute ? resolve(absolute, 'image') : null;
    if (archived) el.attr('src', archived);
    else { el.attr('data-original-src', value); el.attr('alt', el.attr('alt') || '[image not in the archive]'); }
    return;
  }
  el.attr(`data-original-${name.replace(/[^a-z-]/g, '-')}`, value);
}

/** The safe HTML (UTF-8, with a charset meta) for an archived page fetched from `baseUrl`. */
export function sanitizeArchivedHtml(source: string, baseUrl: string, resolve: ArchiveResolver): string {
  const $ = cheerio.load(source);
  $(REMOVED_ELEMENTS).remove();
  $('form').removeAttr('action').removeAttr('method').removeAttr('target');
  $('style').each((_, el) => { $(el).text(neutralizeCss($(el).text())); });
  $('*').each((_, node) => {
    const el = $(node);
    const tag = (node as { tagName?: string }).tagName?.toLowerCase() ?? '';
    for (const [name, value] of Object.entries((node as { attribs?: Record<string, string> }).attribs ?? {})) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || lower === 'target' || lower === 'http-equiv') el.removeAttr(name);
      else if (lower === 'style') el.attr('style', neutralizeCss(value));
      else if (URL_ATTRIBUTES.has(lower) || lower.endsWith(':href')) rewriteUrlAttribute(el, tag, name, value, baseUrl, resolve);
      else if (/^\s*(javascript|vbscript|data):/i.test(value)) el.removeAttr(name);
    }
  });
  $('head').prepend('<meta charset="utf-8"><meta name="referrer" content="no-referrer">');
  return $.html();
}
