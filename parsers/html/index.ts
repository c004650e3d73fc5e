// HTML report pages: the article body as rows — each data table expanded into a grid honouring
// rowspan and colspan, every paragraph a row of its own — plus the page's meta tags and title.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { charsetOfContentType, decodeHtmlBytes } from '../document/decode.ts';
import { rowsFromText } from '../document/text-rows.ts';
import { expandTable } from './grid.ts';
import type { ExtractedDocument, ParseHints, Row } from '../document/types.ts';

/** Where portals put the article body; the first that exists wins, else <body>. */
const BODY_SELECTORS = [
  '.TRS_Editor', '#zoom', '.pages_content', '.article-content', '.article_content', '#UCAP-CONTENT',
  '.zw', '#zw', '.content', '.detail', 'article', 'body',
];

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'section', 'article', 'blockquote', 'center', 'td', 'tr', 'tbody', 'thead', 'ul', 'ol', 'body', 'main', 'font', 'form']);

function collapse(text: string): string {
  return text.replace(/[\u00a0\u3000]/g, ' ').replace(/[ \t\f\v]+/g, ' ').trim();
}

/** Text of an inline run; <br> becomes a newline so paragraphs split by <br> stay apart. */
function inlineText($: cheerio.CheerioAPI, node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type !== 'tag') return '';
  const el = node as Element;
  if (el.name === 'br') return '\n';
  if (['script', 'style', 'noscript', 'template'].includes(el.name)) return '';
  return (el.children ?? []).map((c) => inlineText($, c)).join('');
}

interface Walk {
  rows: Row[];
  lines: string[];
  tableCount: number;
}

function pushParagraph(walk: Walk, raw: string): void {
  for (const piece of raw.split('\n')) {
    const text = collapse(piece.replace(/\t/g, '\u0001')).replace(/\u0001/g, '\t');
    if (!text) continue;
    walk.lines.push(text);
    // A paragraph line is read like a line of text: pages that print tables as spaced or tabbed
    // paragraphs ("规章 0 0 0") keep their cells.
    walk.rows.push(...rowsFromText(text));
  }
}

function walkNode($: cheerio.CheerioAPI, node: AnyNode, walk: Walk): void {
  if (node.type !== 'tag') {
    if (node.type === 'text') pushParagraph(walk, (node as unknown as { data: string }).data);
    return;
  }
  const el = node as Element;
  if (['script', 'style', 'noscript', 'template', 'head'].includes(el.name)) return;
  if (el.name === 'table' && $(el).find('table').length === 0) {
    const rows = expandTable($, el, walk.tableCount++);
    walk.rows.push(...rows);
    for (const row of rows) walk.lines.push(row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t'));
    return;
  }
  if (!BLOCK_TAGS.has(el.name) && el.name !== 'table') {
    pushParagraph(walk, inlineText($, el));
    return;
  }
  // A block: flush runs of inline children as paragraphs, recurse into block children.
  let inline = '';
  for (const child of el.children ?? []) {
    const isBlock = child.type === 'tag' && (BLOCK_TAGS.has((child as Element).name) || (child as Element).name === 'table');
    if (isBlock) {
      pushParagraph(walk, inline);
      inline = '';
      walkNode($, child, walk);
    } else {
      inline += inlineText($, child);
    }
  }
  pushParagraph(walk, inline);
}

function metaTags($: cheerio.CheerioAPI): Record<string, string> {
  const meta: Record<string, string> = {};
  $('meta[name], meta[property]').each((_, el) => {
    const name = $(el).attr('name') ?? $(el).attr('property');
    const content = $(el).attr('content');
    if (name && content && !(name in meta)) meta[name] = content.trim();
  });
  return meta;
}

export async function extractHtml(bytes: Uint8Array, hints: ParseHints = {}): Promise<ExtractedDocument> {
  const headerCharset = hints.headerCharset ?? charsetOfContentType(hints.contentType);
  const { text: html, encoding } = decodeHtmlBytes(bytes, headerCharset);
  const $ = cheerio.load(html);
  const body = BODY_SELECTORS.map((s) => $(s).first()).find((el) => el.length > 0 && collapse(el.text()).length > 20) ?? $('body');
  const walk: Walk = { rows: [], lines: [], tableCount: 0 };
  if (body.length) walkNode($, body[0], walk);
  const meta: Record<string, string> = { ...metaTags($), encoding };
  const title = meta.ArticleTitle || collapse($('title').first().text()) || undefined;
  return {
    format: 'html',
    text: walk.lines.join('\n'),
    rows: walk.rows,
    containerTitle: title,
    meta,
    warnings: walk.tableCount === 0 ? ['no tables in the page'] : [],
  };
}
