// HTML report pages: the article body as rows — each data table expanded into a grid honouring
// rowspan and colspan, every paragraph a row of its own — plus the page's meta tags, title and the
// dates it prints with a label. The page is parsed and walked once, in time linear in its size.
import { charsetOfContentType, decodeHtmlBytes } from '../document/decode.ts';
import type { ExtractedDocument, ParseHints } from '../document/types.ts';
import { chooseBody } from './body.ts';
import { scanPage } from './page-scan.ts';
import { parseHtmlTree } from './tree.ts';
import { walkBody } from './walk.ts';

/** Reads an HTML page into the common document; a page too large to build is refused (too_complex). */
export async function extractHtml(bytes: Uint8Array, hints: ParseHints = {}): Promise<ExtractedDocument> {
  const headerCharset = hints.headerCharset ?? charsetOfContentType(hints.contentType);
  const { text: html, encoding } = decodeHtmlBytes(bytes, headerCharset);
  const root = parseHtmlTree(html);
  const page = scanPage(root);
  const body = chooseBody(root, page.info);
  const walk = walkBody(body.element, page.info);
  const bodyInfo = page.info.get(body.element)!;
  const outside = page.dates.filter((d) => d.at < bodyInfo.start || d.at > bodyInfo.end);
  const warnings = [...walk.warnings];
  if (walk.tableCount === 0) warnings.push(walk.images ? `no tables in the page (the article body holds ${walk.images} image(s))` : 'no tables in the page');
  return {
    format: 'html',
    text: walk.lines.join('\n'),
    rows: walk.rows,
    containerTitle: page.meta.ArticleTitle || page.title || undefined,
    meta: { ...page.meta, encoding },
    pageDates: outside.map(({ label, date }) => ({ label, date })),
    warnings,
  };
}
