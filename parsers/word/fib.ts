// Reads the text of a Word 97 binary document through its File Information Block and piece table,
// keeping for every character its file position, which paragraph properties are keyed by.
import iconv from 'iconv-lite';
import { UnreadableDocumentError } from '../document/errors.ts';
import type { OleFile } from './ole.ts';

/** The main-document text of a Word 97 file with each character's position in the WordDocument stream. */
export interface WordText {
  chars: string;
  /** fcs[i] is the byte offset of chars[i] in the WordDocument stream. */
  fcs: number[];
}

/** Where the FIB says things are: the two streams plus the FcLcb pairs the extractor needs. */
export interface WordFib {
  word: Uint8Array;
  table: Uint8Array;
  /** The Data stream, where paragraph properties too big for their FKP page live (sprmPHugePapx). */
  data?: Uint8Array;
  ccpText: number;
  fcPlcfBtePapx: number;
  lcbPlcfBtePapx: number;
  fcClx: number;
  lcbClx: number;
}

const FC_LCB_PLCF_BTE_PAPX = 13;
const FC_LCB_CLX = 33;

function notWord(detail: string, code = 'not_word'): UnreadableDocumentError {
  return new UnreadableDocumentError(detail, code);
}

/** Parses the FIB; an OLE file that is not Word (an .xls, an .msg) or an encrypted one is refused. */
export function readFib({ streams, names }: OleFile): WordFib {
  const word = streams.get('WordDocument');
  if (!word) throw notWord(`an OLE file without a WordDocument stream is not a Word document (it holds: ${names.slice(0, 8).join(', ') || 'nothing'})`);
  if (word.length < 0x200) throw notWord('the WordDocument stream is too short for a Word 97 header', 'ole_damaged');
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (view.getUint16(0, true) !== 0xa5ec) throw notWord('the WordDocument stream has no Word 97 signature (Word 6/95 or another program)');
  const flags = view.getUint16(0x0a, true);
  if (flags & 0x0100) throw notWord('the Word document is password-protected (encrypted)', 'encrypted');
  const table = streams.get(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw notWord('the Word document lacks its table stream', 'ole_damaged');
  const csw = view.getUint16(0x20, true);
  const cslwAt = 0x22 + csw * 2;
  const cslw = view.getUint16(cslwAt, true);
  const fcLcbAt = cslwAt + 2 + cslw * 4 + 2;
  const pair = (index: number): [number, number] => {
    const at = fcLcbAt + index * 8;
    if (at + 8 > word.length) throw notWord('the Word header is truncated', 'ole_damaged');
    return [view.getUint32(at, true), view.getUint32(at + 4, true)];
  };
  const [fcPlcfBtePapx, lcbPlcfBtePapx] = pair(FC_LCB_PLCF_BTE_PAPX);
  const [fcClx, lcbClx] = pair(FC_LCB_CLX);
  return { word, table, data: streams.get('Data'), ccpText: view.getInt32(0x22 + csw * 2 + 2 + 3 * 4, true), fcPlcfBtePapx, lcbPlcfBtePapx, fcClx, lcbClx };
}

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

/** The piece table (PlcPcd inside the Clx): which runs of characters live where, 8- or 16-bit. */
function readPieces(fib: WordFib): Piece[] {
  const { table, fcClx, lcbClx } = fib;
  if (fcClx + lcbClx > table.length || lcbClx === 0) throw notWord('the Word piece table is missing', 'ole_damaged');
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let at = fcClx;
  while (at < fcClx + lcbClx && table[at] === 0x01) at += 3 + view.getUint16(at + 1, true);
  if (table[at] !== 0x02) throw notWord('the Word piece table is damaged', 'ole_damaged');
  const lcb = view.getUint32(at + 1, true);
  const plc = at + 5;
  const count = (lcb - 4) / 12;
  if (!Number.isInteger(count) || plc + lcb > table.length) throw notWord('the Word piece table has a bad size', 'ole_damaged');
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const fcRaw = view.getUint32(plc + (count + 1) * 4 + i * 8 + 2, true);
    const compressed = (fcRaw & 0x40000000) !== 0;
    pieces.push({
      cpStart: view.getUint32(plc + i * 4, true),
      cpEnd: view.getUint32(plc + (i + 1) * 4, true),
      fc: compressed ? (fcRaw & ~0x40000000) / 2 : fcRaw,
      compressed,
    });
  }
  return pieces;
}


/** The main document's characters (cp 0 .. ccpText) with their stream positions. */
export function readMainText(fib: WordFib): WordText {
  const chars: string[] = [];
  const fcs: number[] = [];
  for (const piece of readPieces(fib)) {
    const from = piece.cpStart;
    const to = Math.min(piece.cpEnd, fib.ccpText);
    if (to <= from) continue;
    const width = piece.compressed ? 1 : 2;
    const start = piece.fc;
    const end = start + (to - from) * width;
    if (end > fib.word.length) throw notWord('the Word text runs past the end of its stream', 'ole_damaged');
    const bytes = fib.word.subarray(start, end);
    // iconv-lite, not TextDecoder: Node's 'windows-1252' decoder is Latin-1 and loses curly quotes.
    const text = piece.compressed ? iconv.decode(Buffer.from(bytes), 'win1252') : Buffer.from(bytes).toString('utf16le');
    for (let i = 0; i < text.length; i++) {
      chars.push(text[i]);
      fcs.push(start + i * width);
    }
  }
  return { chars: chars.join(''), fcs };
}
