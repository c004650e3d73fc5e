// Word 97 internals the LibreOffice fixtures do not exercise (they store one 16-bit piece, no
// fields): several pieces, 8-bit (cp1252) pieces as Word writes ASCII runs, field codes, and
// paragraph grouping into cells and rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMainText, type WordFib } from '../../../parsers/word/fib.ts';
import { wordBlocks } from '../../../parsers/word/blocks.ts';
import type { ParagraphProps } from '../../../parsers/word/papx.ts';

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** A WordDocument stream holding an 8-bit piece at 1024 and a 16-bit piece at 2048, and its Clx. */
function twoPieceFib(): WordFib {
  const word = new Uint8Array(4096);
  word.set([0x93, ...Buffer.from('Hi', 'latin1'), 0x94, 0x20], 1024);
  word.set(Buffer.from('年度报告', 'utf16le'), 2048);
  const plcPcd = [
    ...u32(0), ...u32(5), ...u32(9),
    0, 0, ...u32((1024 * 2) | 0x40000000), 0, 0,
    0, 0, ...u32(2048), 0, 0,
  ];
  const prc = [0x01, 3, 0, 0xaa, 0xbb, 0xcc];
  const clx = [...prc, 0x02, ...u32(plcPcd.length), ...plcPcd];
  const table = new Uint8Array(16 + clx.length);
  table.set(clx, 16);
  return { word, table, ccpText: 9, fcPlcfBtePapx: 0, lcbPlcfBtePapx: 0, fcClx: 16, lcbClx: clx.length };
}

test('the piece table joins an 8-bit cp1252 piece and a 16-bit piece, keeping each character\'s file position', () => {
  const text = readMainText(twoPieceFib());
  assert.equal(text.chars, '\u201cHi\u201d 年度报告');
  assert.deepEqual(text.fcs, [1024, 1025, 1026, 1027, 1028, 2048, 2050, 2052, 2054]);
});

const plain: ParagraphProps = { inTable: false, rowEnd: false, depth: 0 };
const cell: ParagraphProps = { inTable: true, rowEnd: false, depth: 1 };
const rowEnd: ParagraphProps = { inTable: true, rowEnd: true, depth: 1 };

/** Builds WordText from characters and a props function keyed by the mark's position (fc = index). */
function blocksOf(chars: string, propsAt: (index: number) => ParagraphProps) {
  return wordBlocks({ chars, fcs: [...chars].map((_, i) => i) }, propsAt);
}

test('field codes are dropped and their results kept, even nested', () => {
  const chars = '见\x13 HYPERLINK "http://x" \x14网站\x15和\x13 PAGE \x13 NUMPAGES \x14 9\x15\x144\x15页\r';
  const blocks = blocksOf(chars, () => plain);
  assert.deepEqual(blocks, [{ kind: 'paragraph', text: '见网站和4页' }]);
});

test('cell marks end cells, a table-terminating mark ends the row, a cell\'s paragraphs join', () => {
  //            cell 1         cell 2 (two paragraphs)   row end   next row       row end   body text
  const chars = '行政许可\x07' + '本年\r处理\x07' + '\x07' + '0\x07' + '\x07\x07' + '完\r';
  const marks = new Map<number, ParagraphProps>();
  let at = 0;
  for (const [piece, props] of [['行政许可\x07', cell], ['本年\r', cell], ['处理\x07', cell], ['\x07', rowEnd],
    ['0\x07', cell], ['\x07', cell], ['\x07', rowEnd], ['完\r', plain]] as const) {
    at += piece.length;
    marks.set(at - 1, props);
  }
  const blocks = blocksOf(chars, (i) => marks.get(i) ?? plain);
  assert.deepEqual(blocks, [
    { kind: 'table', rows: [{ texts: ['行政许可', '本年处理'], layout: undefined }, { texts: ['0', ''], layout: undefined }] },
    { kind: 'paragraph', text: '完' },
  ]);
});
