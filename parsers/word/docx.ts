// DOCX documents read from their OOXML directly: body paragraphs become rows (read like lines of
// text, as HTML paragraphs are), tables become grids honouring gridSpan and vMerge, and the
// package's core properties give the title and dates.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { openWordPackage } from './ooxml-package.ts';
import { expandWordTable } from './ooxml-table.ts';
import { checkXmlBounds } from './xml-bounds.ts';
import { rowsFromText } from '../document/text-rows.ts';
import { UnreadableDocumentError } from '../document/errors.ts';
import type { ExtractedDocument, Row } from '../document/types.ts';

interface Walk {
  rows: Row[];
  lines: string[];
  tableCount: number;
}

function isTag(node: AnyNode, name?: string): node is Element {
  return node.type === 'tag' && (name === undefined || (node as Element).name === name);
}

/** Text of a paragraph's runs in order: w:t, tabs, breaks; deleted text and field codes skipped. */
function paragraphText(el: Element): string {
  let text = '';
  for (const child of el.children ?? []) {
    if (child.type === 'text') continue;
    if (!isTag(child)) continue;
    switch (child.name) {
      case 'w:t':
        text += (child.children ?? []).map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : '')).join('');
        break;
      case 'w:tab':
        text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        text += '\n';
        break;
      case 'w:noBreakHyphen':
        text += '-';
        break;
      case 'w:delText':
      case 'w:instrText':
      case 'w:del':
      case 'mc:Fallback': // the same content as mc:Choice, for older readers: read once
      case 'w:softHyphen':
      case 'w:pPr':
      case 'w:rPr':
      case 'w:tbl':
        break;
      default:
        text += paragraphText(child);
    }
  }
  return text;
}

function pushParagraph(walk: Walk, raw: string): void {
  for (const piece of raw.split('\n')) {
    const text = piece.replace(/[\u00a0\u3000]/g, ' ').replace(/[ \f\v]+/g, ' ').trim();
    if (!text) continue;
    walk.lines.push(text);
    for (const row of rowsFromText(text)) walk.rows.push(row);
  }
}

function walkBody($: cheerio.CheerioAPI, el: Element, walk: Walk): void {
  for (const child of el.children ?? []) {
    if (!isTag(child)) continue;
    if (child.name === 'w:p') {
      pushParagraph(walk, paragraphText(child));
    } else if (child.name === 'w:tbl') {
      const rows = expandWordTable($, child, walk.tableCount++, paragraphText);
      for (const row of rows) walk.rows.push(row);
      for (const row of rows) walk.lines.push(row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t'));
    } else if (['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:smartTag'].includes(child.name)) {
      walkBody($, child, walk);
    }
  }
}

/** Title, author and dates from docProps/core.xml, under the names PDF info uses. */
function coreMeta(coreXml: string | undefined): Record<string, string> {
  if (!coreXml) return {};
  checkXmlBounds(coreXml, 'docProps/core.xml');
  const $ = cheerio.load(coreXml, { xml: true });
  const pick: [string, string][] = [['dc\\:title', 'Title'], ['dc\\:creator', 'Author'], ['dc\\:subject', 'Subject'],
    ['dcterms\\:created', 'CreationDate'], ['dcterms\\:modified', 'ModDate']];
  const meta: Record<string, string> = {};
  for (const [selector, name] of pick) {
    const value = $(selector).first().text().trim();
    if (value) meta[name] = value;
  }
  return meta;
}

/** Extracts the rows, text and metadata of a DOCX; unreadable packages throw UnreadableDocumentError. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const pkg = openWordPackage(bytes);
  checkXmlBounds(pkg.documentXml);
  const $ = cheerio.load(pkg.documentXml, { xml: true });
  const body = $('w\\:body').first()[0];
  if (!body) throw new UnreadableDocumentError('word/document.xml has no document body', 'docx_no_body');
  const walk: Walk = { rows: [], lines: [], tableCount: 0 };
  walkBody($, body, walk);
  const meta = coreMeta(pkg.coreXml);
  return {
    format: 'docx',
    text: walk.lines.join('\n'),
    rows: walk.rows,
    containerTitle: meta.Title || undefined,
    meta,
    warnings: walk.tableCount === 0 ? ['no tables in the document'] : [],
  };
}
