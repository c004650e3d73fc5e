// Word 97 binary documents (.doc, and WPS Office .wps, which is the same format) read from their
// OLE container directly: paragraphs become rows read like lines of text, tables become grids
// with cells in their columns. word-extractor flattens cell and row marks into tabs, which loses
// row boundaries, so the structure comes from the piece table and the paragraph properties.
import { UnreadableDocumentError } from '../document/errors.ts';
import { readOleStreams } from './ole.ts';
import { readFib, readMainText } from './fib.ts';
import { paragraphPropsReader } from './papx.ts';
import { wordBlocks, type WordBlock } from './blocks.ts';
import { documentFromBlocks } from './document.ts';
import { readSummaryInformation, SUMMARY_STREAM } from './summary.ts';
import type { ExtractedDocument } from '../document/types.ts';

const WANTED_STREAMS = ['WordDocument', '0Table', '1Table', 'Data', SUMMARY_STREAM];

/** Extracts the rows and text of a Word 97 binary document; other OLE files and damaged ones throw. */
export async function extractDoc(bytes: Uint8Array): Promise<ExtractedDocument> {
  const ole = readOleStreams(bytes, WANTED_STREAMS);
  const fib = readFib(ole);
  let blocks: WordBlock[];
  try {
    blocks = wordBlocks(readMainText(fib), paragraphPropsReader(fib));
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw error;
    throw new UnreadableDocumentError(`the Word document's text could not be read: ${error instanceof Error ? error.message : error}`, 'ole_damaged');
  }
  return documentFromBlocks(blocks, readSummaryInformation(ole.streams.get(SUMMARY_STREAM)));
}
