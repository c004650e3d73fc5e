// Reads the raw main text of a Word 97 binary (.doc, and .wps saved by WPS Office) through
// word-extractor's OLE reader, keeping what its plain-text output loses: cell ends (\u0007) and
// table row ends. Row ends are the paragraphs flagged sprmPFTtp; Word stores a wide row's flags in
// the Data stream (sprmPHugePapx), which word-extractor does not follow, so this reader does.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// word-extractor's internals (CommonJS, ^1.0.4): the OLE extractor class and its buffer reader.
const WordOleExtractor = require('word-extractor/lib/word-ole-extractor.js');
const BufferReader = require('word-extractor/lib/buffer-reader.js');

/** Marks a table row end in the raw text (a private-use character Word text never holds). */
export const ROW_END = '\uE000';
/** Marks a table cell end, as Word 97 does. */
export const CELL_END = '\u0007';

const SPRM_P_F_TTP = 0x2417;
const SPRM_P_F_INNER_TTP = 0x244c;
const SPRM_P_HUGE_PAPX = 0x6646;

interface Piece {
  text: string;
  startFilePos: number;
  size: number;
  bpc: number;
  length: number;
}

/** Operand sizes by the sprm's spra bits ([MS-DOC] 2.6.1); 6 is variable (first byte). */
function operandSize(buffer: Buffer, offset: number, spra: number): number {
  if (spra === 6) return buffer.readUInt8(offset) + 1;
  return [1, 1, 2, 4, 2, 2, 0, 3][spra];
}

/** Calls `visit(sprm, operandOffset)` for each sprm of a grpprl; stops quietly at a bad length. */
function eachSprm(grpprl: Buffer, start: number, visit: (sprm: number, at: number) => void): void {
  let offset = start;
  while (offset + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(offset);
    offset += 2;
    if (offset >= grpprl.length) return;
    visit(sprm, offset);
    offset += operandSize(grpprl, offset, (sprm >> 13) & 0x07);
  }
}

function marksRowEnd(grpprl: Buffer, start: number, data: Buffer): boolean {
  let rowEnd = false;
  eachSprm(grpprl, start, (sprm, at) => {
    if ((sprm === SPRM_P_F_TTP || sprm === SPRM_P_F_INNER_TTP) && grpprl.readUInt8(at) === 1) rowEnd = true;
    if (sprm === SPRM_P_HUGE_PAPX && at + 4 <= grpprl.length) {
      const fc = grpprl.readUInt32LE(at);
      if (fc + 2 > data.length) return;
      const cb = data.readUInt16LE(fc);
      if (marksRowEnd(data.subarray(fc + 2, fc + 2 + cb), 0, Buffer.alloc(0))) rowEnd = true;
    }
  });
  return rowEnd;
}

function fillByFilePos(pieces: Piece[], start: number, end: number, character: string): void {
  for (const piece of pieces) {
    const pieceEnd = piece.startFilePos + piece.size;
    if (end <= piece.startFilePos || start >= pieceEnd) continue;
    const from = (Math.max(start, piece.startFilePos) - piece.startFilePos) / piece.bpc;
    const to = (Math.min(end, pieceEnd) - piece.startFilePos) / piece.bpc;
    piece.text = piece.text.slice(0, from) + character.repeat(to - from) + piece.text.slice(to);
  }
}

/** The paragraph-property FKPs ([MS-DOC] 2.9.175 PapxFkp): each paragraph's file range and grpprl. */
function eachParagraph(word: Buffer, table: Buffer, visit: (fcStart: number, fcEnd: number, grpprl: Buffer) => void): void {
  const fcPlcf = word.readUInt32LE(0x0102);
  const lcbPlcf = word.readUInt32LE(0x0106);
  if (lcbPlcf < 12 || fcPlcf + lcbPlcf > table.length) return;
  const count = (lcbPlcf - 4) / 8;
  for (let i = 0; i < count; i++) {
    const pn = table.readUInt32LE(fcPlcf + (count + 1) * 4 + i * 4);
    const page = word.subarray(pn * 512, pn * 512 + 512);
    if (page.length < 512) continue;
    const crun = page.readUInt8(511);
    for (let j = 0; j < crun; j++) {
      const bx = page.readUInt8((crun + 1) * 4 + j * 13) * 2;
      if (bx === 0) continue;
      const cb = page.readUInt8(bx);
      const grpprl = cb !== 0 ? page.subarray(bx + 1, bx + 2 * cb) : page.subarray(bx + 2, bx + 2 + 2 * page.readUInt8(bx + 1));
      visit(page.readUInt32LE(j * 4), page.readUInt32LE((j + 1) * 4), grpprl);
    }
  }
}

/** word-extractor's extractor, changed to keep control characters and mark table row ends. */
class TableAwareExtractor extends WordOleExtractor {
  private data: Buffer = Buffer.alloc(0);

  extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
    const self = this as unknown as { documentStream(d: unknown, n: string): Promise<unknown>; streamBuffer(s: unknown): Promise<Buffer> };
    return self.documentStream(document, 'Data')
      .then((stream) => self.streamBuffer(stream))
      .catch(() => Buffer.alloc(0))
      .then((data) => {
        this.data = data;
        return super.extractWordDocument(document, buffer);
      });
  }

  writeParagraphProperties(word: Buffer, table: Buffer): void {
    const pieces = (this as unknown as { _pieces: Piece[] })._pieces;
    eachParagraph(word, table, (fcStart, fcEnd, grpprl) => {
      if (grpprl.length > 2 && marksRowEnd(grpprl, 2, this.data)) fillByFilePos(pieces, fcStart, fcEnd, ROW_END);
    });
  }

  /** The main text (ccpText characters) as stored, control characters kept. */
  buildDocument(): string {
    const self = this as unknown as { _pieces: Piece[]; _boundaries: { ccpText: number } };
    return self._pieces.map((p) => p.text).join('').slice(0, self._boundaries.ccpText);
  }
}

/** The raw main text of a Word 97 binary: \r paragraph ends, \u0007 cell ends, ROW_END row ends. */
export async function readWordBinaryText(bytes: Uint8Array): Promise<string> {
  const reader = new BufferReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  await reader.open();
  try {
    return (await new TableAwareExtractor().extract(reader)) as string;
  } finally {
    await reader.close();
  }
}
