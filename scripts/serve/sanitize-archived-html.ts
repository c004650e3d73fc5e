// Makes an archived HTML page safe to show, in two passes. First wall: sanitize-html (a maintained
// allow-list sanitiser) keeps only text, table and image markup with harmless attributes — no
// script, style element, SVG, MathML, form, frame, plugin, base, meta or event handler survives, so
// parser-differential tricks (math/mglyph/style, SVG <set to=…>) have nothing to hide in. Second
// pass: links and images whose URL the archive captured point at that capture; every other URL is
// dropped (kept as a data- attribute so a reader can still see it). The CSP and the sandboxed iframe
// are the walls behind these.
import * as cheerio from 'cheerio';
import sanitizeHtml from 'sanitize-html';

/** Maps an absolute URL found in the page to a path inside the archive, or null when not archived. */
export type ArchiveResolver = (absoluteUrl: string, kind: 'link' | 'image') => string | null;

/** The elements an archived report page may keep: text, lists, tables, images, links. */
const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'br', 'hr', 'blockquote', 'pre', 'code', 'address',
  'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'small', 'big', 'font', 'center', 'mark', 'abbr',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'figure', 'figcaption', 'article', 'section', 'header', 'footer', 'main', 'nav', 'aside',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];
const LAYOUT_ATTRIBUTES = ['class', 'id', 'title', 'lang', 'dir', 'align', 'valign', 'width', 'height', 'style', 'bgcolor', 'color', 'face', 'size', 'border', 'nowrap'];
/** Elements dropped with their content (not just their tags): code, styles, foreign content. */
const DROPPED_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'noscript', 'noembed', 'noframes', 'xmp', 'template', 'svg', 'math', 'iframe', 'object', 'title', 'head'];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': LAYOUT_ATTRIBUTES,
    a: ['href', 'name'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan', 'headers', 'scope'], th: ['colspan', 'rowspan', 'headers', 'scope'],
    table: ['cellpadding', 'cellspacing', 'summary'], col: ['span'], colgroup: ['span'], ol: ['start', 'type'], li: ['value'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  // Style attributes are kept as written here and neutralised below (url(), @import, expression()).
  parseStyleAttributes: false,
};

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

function rewriteLink(el: cheerio.Cheerio<any>, value: string, baseUrl: string, resolve: ArchiveResolver): void {
  el.removeAttr('href');
  if (value.trim().startsWith('#')) { el.attr('href', value.trim()); return; }
  const absolute = resolveUrl(value, baseUrl);
  const archived = absolute ? resolve(absolute.replace(/#.*$/, ''), 'link') : null;
  if (archived) el.attr('href', archived);
  else { el.attr('data-original-href', value); el.attr('title', `not in the archive: ${absolute ?? value}`); }
}

function rewriteImage(el: cheerio.Cheerio<any>, value: string, baseUrl: string, resolve: ArchiveResolver): void {
  el.removeAttr('src');
  if (/^\s*data:image\/(png|jpe?g|gif|webp);/i.test(value)) { el.attr('src', value.trim()); return; }
  const absolute = resolveUrl(value, baseUrl);
  const archived = absolute ? resolve(absolute, 'image') : null;
  if (archived) el.attr('src', archived);
  else { el.attr('data-original-src', value); el.attr('alt', el.attr('alt') || '[image not in the archive]'); }
}

/** The page's title as text (sanitize-html drops <title> with the head). */
function titleOf(source: string): string {
  const title = cheerio.load(source)('title').first().text().trim();
  return title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The safe HTML (UTF-8, with a charset meta) for an archived page fetched from `baseUrl`. */
export function sanitizeArchivedHtml(source: string, baseUrl: string, resolve: ArchiveResolver): string {
  const clean = sanitizeHtml(source, SANITIZE_OPTIONS);
  const $ = cheerio.load(`<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${titleOf(source)}</title></head><body>${clean}</body></html>`);
  $('body *').each((_, node) => {
    const el = $(node);
    const tag = (node as { tagName?: string }).tagName?.toLowerCase() ?? '';
    for (const [name, value] of Object.entries((node as { attribs?: Record<string, string> }).attribs ?? {})) {
      const lower = name.toLowerCase();
      // Belt and braces: the allow-list above already refuses these.
      if (lower.startsWith('on')) el.removeAttr(name);
      else if (lower === 'style') el.attr('style', neutralizeCss(value));
      else if (lower === 'href' && tag === 'a') rewriteLink(el, value, baseUrl, resolve);
      else if (lower === 'src' && tag === 'img') rewriteImage(el, value, baseUrl, resolve);
    }
  });
  return $.html();
}
