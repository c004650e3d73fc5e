// Word 97 binary documents (.doc, and WPS Office .wps, which is the same format) read from their
// OLE container directly: paragraphs become rows read like lines of text, tables become grids
// with cells in their columns. word-extractor flattens cell and row marks into tabs, which loses
// row boundaries, so the structure comes from the piece table and the paragraph properties.
import { UnreadableDocumentError } from './errors.ts';
import { rowsFromText } from './text.ts';
import { readOleStreams } from './word-ole.ts';
import { readFib, readMainText } from './word-fib.ts';
import { paragraphPropsReader } from './word-papx.ts';
import { wordBlocks } from './word-blocks.ts';
import { readSummaryInformation, SUMMARY_STREAM } from './word-summary.ts';
import { expandWordBinaryTable } from './word-grid.ts';
import type { ExtractedDocument, Row } from './types.ts';

const WANTED_STREAMS = ['WordDocument', '0Table', '1Table', 'Data', SUMMARY_STREAM];

function pushText(rows: Row[], lines: string[], raw: string): void {
  for (const piece of raw.split('\n')) {
    const text = piece.replace(/[ \f\v]+/g, ' ').trim();
    if (!text) continue;
    lines.push(text);
    rows.push(...rowsFromText(text));
  }
}

/** Extracts the rows and text of a Word 97 binary document; other OLE files and damaged ones throw. */
export async function extractDoc(bytes: Uint8Array): Promise<ExtractedDocument> {
  const ole = readOleStreams(bytes, WANTED_STREAMS);
  const fib = readFib(ole);
  let blocks;
  try {
    blocks = wordBlocks(readMainText(fib), paragraphPropsReader(fib));
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    throw new UnreadableDocumentError(`the Word document's text could not be read: ${error instanceof Error ? error.message : error}`, 'ole_damaged');
  }
  const rows: Row[] = [];
  const lines: string[] = [];
  let tableCount = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      pushText(rows, lines, block.text);
      continue;
    }
    const tableRows = expandWordBinaryTable(block.rows, tableCount++);
    rows.push(...tableRows);
    for (const row of tableRows) lines.push(row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t'));
  }
  const meta = readSummaryInformation(ole.streams.get(SUMMARY_STREAM));
  return {
    format: 'doc',
    text: lines.join('\n'),
    rows,
    containerTitle: meta.Title || undefined,
    meta,
    warnings: tableCount === 0 ? ['no tables in the document'] : [],
  };
}
