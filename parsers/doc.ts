// Word 97 binaries (.doc, and .wps, which WPS Office saves in the same format): the raw main text
// with its cell and row marks becomes rows — each table row a row of cells (fromGrid), each
// paragraph read like a line of text — the same shapes the DOCX and HTML extractors give.
import { UnreadableDocumentError } from './errors.ts';
import { rowsFromText } from './text.ts';
import { CELL_END, ROW_END, readWordBinaryText } from './word-binary.ts';
import type { Cell, ExtractedDocument, Row } from './types.ts';

interface Walk {
  rows: Row[];
  lines: string[];
  tableCount: number;
  /** Cells of the table row being read; null between tables. */
  row: Cell[] | null;
  /** 0-based index of that row within its table. */
  tableRow: number;
  cellText: string;
  inTable: boolean;
}

/** Field codes kept as their results; soft breaks and other Word controls made plain. */
function cleanControls(raw: string): string {
  let text = raw;
  for (let i = 0; i < 20 && /\u0013/.test(text); i++) {
    text = text.replace(/\u0013[^\u0013\u0014\u0015]*\u0014?([^\u0013\u0014\u0015]*)\u0015/g, '$1');
  }
  return text.replace(/\u001e/g, '-').replace(/[\u0000-\u0006\u0008\u000e-\u001f]/g, '');
}

function tidy(text: string): string {
  return text.replace(/[\u00a0\u3000]/g, ' ').replace(/[ \t\f]+/g, ' ').trim();
}

function pushParagraph(walk: Walk, raw: string): void {
  for (const piece of raw.split(/[\u000b\u000c\n]/)) {
    const text = tidy(piece);
    if (!text) continue;
    walk.lines.push(text);
    walk.rows.push(...rowsFromText(text));
  }
}

function endCell(walk: Walk): void {
  if (!walk.inTable) {
    walk.inTable = true;
    walk.tableCount++;
    walk.tableRow = 0;
  }
  walk.row ??= [];
  const table = walk.tableCount - 1;
  const row = walk.tableRow;
  // A line break inside a cell (a header split by hand) joins without a space, as <br> does in HTML.
  const text = tidy(walk.cellText.replace(/[\u000b\r]/g, ''));
  walk.row.push({ text, prov: { table, row, col: walk.row.length } });
  walk.cellText = '';
}

function endRow(walk: Walk): void {
  if (walk.cellText.trim()) endCell(walk);
  walk.cellText = '';
  if (!walk.row?.length) return;
  walk.rows.push({ cells: walk.row, fromGrid: true });
  walk.lines.push(walk.row.map((c) => c.text).join('\t'));
  walk.row = null;
  walk.tableRow++;
}

/** Splits the raw text into rows: \u0007 ends a cell, ROW_END a table row, \r a paragraph. */
export function rowsFromWordText(raw: string): Pick<ExtractedDocument, 'rows' | 'text'> {
  const walk: Walk = { rows: [], lines: [], tableCount: 0, row: null, tableRow: 0, cellText: '', inTable: false };
  for (const ch of cleanControls(raw)) {
    if (ch === CELL_END) {
      endCell(walk);
    } else if (ch === ROW_END) {
      endRow(walk);
    } else if (ch === '\r' && !walk.row) {
      // A paragraph end outside a started row: running text (and the table, if any, is over).
      pushParagraph(walk, walk.cellText);
      walk.cellText = '';
      walk.inTable = false;
    } else {
      walk.cellText += ch;
    }
  }
  if (walk.row) endRow(walk);
  pushParagraph(walk, walk.cellText);
  return { rows: walk.rows, text: walk.lines.join('\n') };
}

/** Extracts a .doc/.wps; OLE files that are not readable Word documents throw UnreadableDocumentError. */
export async function extractDoc(bytes: Uint8Array): Promise<ExtractedDocument> {
  let raw: string;
  try {
    raw = await readWordBinaryText(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableDocumentError(`not a readable Word 97 (DOC/WPS) document: the OLE file is damaged, truncated or holds no Word text (${reason})`, 'doc_unreadable');
  }
  const { rows, text } = rowsFromWordText(raw);
  const hasCells = raw.includes(CELL_END);
  const warnings = [];
  if (!rows.some((r) => r.fromGrid)) warnings.push(hasCells ? 'table cells found but no row ends: rows unknown' : 'no tables in the document');
  return { format: 'doc', text, rows, meta: {}, warnings };
}
