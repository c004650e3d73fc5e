// Turns the blocks of a Word document (binary DOC or RTF) into the extractor's shape: paragraphs
// read like lines of text, tables expanded into grids, the text kept in reading order.
import { rowsFromText } from '../document/text-rows.ts';
import { expandWordBinaryTable } from './grid.ts';
import type { WordBlock } from './blocks.ts';
import type { ExtractedDocument, Row } from '../document/types.ts';

function pushText(rows: Row[], lines: string[], raw: string): void {
  for (const piece of raw.split('\n')) {
    const text = piece.replace(/[ \f\v]+/g, ' ').trim();
    if (!text) continue;
    lines.push(text);
    for (const row of rowsFromText(text)) rows.push(row);
  }
}

/** Rows and text of a Word document from its blocks, with the given metadata. */
export function documentFromBlocks(blocks: WordBlock[], meta: Record<string, string>): ExtractedDocument {
  const rows: Row[] = [];
  const lines: string[] = [];
  let tableCount = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      pushText(rows, lines, block.text);
      continue;
    }
    const tableRows = expandWordBinaryTable(block.rows, tableCount++);
    for (const row of tableRows) rows.push(row);
    for (const row of tableRows) lines.push(row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t'));
  }
  return {
    format: 'doc',
    text: lines.join('\n'),
    rows,
    containerTitle: meta.Title || undefined,
    meta,
    warnings: tableCount === 0 ? ['no tables in the document'] : [],
  };
}
