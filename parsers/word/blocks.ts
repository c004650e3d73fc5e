// Walks the paragraphs of a Word 97 binary document in reading order and groups them into running
// text and table rows: a cell ends at a cell mark (\x07), a row at a table-terminating mark.
import { joinPieces } from './ooxml-table.ts';
import type { WordText } from './fib.ts';
import type { CellLayout, ParagraphProps } from './papx.ts';
import type { WordTableRow } from './grid.ts';

/** A run of body text (one paragraph) or a whole table, in document order. */
export type WordBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: WordTableRow[] };

const FIELD_BEGIN = '\x13';
const FIELD_SEPARATOR = '\x14';
const FIELD_END = '\x15';

/** Plain text of a paragraph's characters: field codes dropped, their results kept, marks cleaned. */
function cleanParagraph(raw: string): string {
  return raw.replace(/[\x0b\x0c]/g, '\n').replace(/\x1e/g, '-').replace(/[\x00-\x08\x0e-\x1f]/g, '')
    .replace(/[\u00a0\u3000]/g, ' ');
}

function cellText(pieces: string[]): string {
  return joinPieces(pieces.flatMap((p) => p.split('\n')).map((p) => p.replace(/\s+/g, ' ').trim()));
}

interface Paragraph {
  text: string;
  mark: string;
  props: ParagraphProps;
}

/** Splits the main text at paragraph and cell marks, dropping field codes (\x13 code \x14 result \x15). */
function* paragraphs(text: WordText, propsAt: (fc: number) => ParagraphProps): Generator<Paragraph> {
  const fieldStack: boolean[] = [];
  let buffer = '';
  for (let i = 0; i < text.chars.length; i++) {
    const ch = text.chars[i];
    if (ch === FIELD_BEGIN) fieldStack.push(false);
    else if (ch === FIELD_SEPARATOR) { if (fieldStack.length) fieldStack[fieldStack.length - 1] = true; }
    else if (ch === FIELD_END) fieldStack.pop();
    else if (ch === '\r' || ch === '\x07') {
      yield { text: cleanParagraph(buffer), mark: ch, props: propsAt(text.fcs[i]) };
      buffer = '';
    } else if (fieldStack.every((inResult) => inResult)) buffer += ch;
  }
  if (buffer.trim()) yield { text: cleanParagraph(buffer), mark: '\r', props: { inTable: false, rowEnd: false, depth: 0 } };
}

/** Groups the document's paragraphs into text blocks and tables (rows of cell texts and layouts). */
export function wordBlocks(text: WordText, propsAt: (fc: number) => ParagraphProps): WordBlock[] {
  const blocks: WordBlock[] = [];
  let rows: WordTableRow[] = [];
  let cells: string[] = [];
  let pieces: string[] = [];
  const endRow = (layout?: CellLayout[]) => {
    if (pieces.length) cells.push(cellText(pieces));
    if (cells.length) rows.push({ texts: cells, layout });
    cells = [];
    pieces = [];
  };
  const endTable = () => {
    endRow();
    if (rows.length) blocks.push({ kind: 'table', rows });
    rows = [];
  };
  for (const paragraph of paragraphs(text, propsAt)) {
    const inTable = paragraph.props.inTable || paragraph.mark === '\x07';
    if (!inTable) {
      endTable();
      blocks.push({ kind: 'paragraph', text: paragraph.text });
    } else if (paragraph.props.depth > 1 || paragraph.mark === '\r') {
      pieces.push(paragraph.text);
    } else if (paragraph.props.rowEnd) {
      endRow(paragraph.props.cells);
    } else {
      pieces.push(paragraph.text);
      cells.push(cellText(pieces));
      pieces = [];
    }
  }
  endTable();
  return blocks;
}
