// RTF documents (portals often serve RTF under a .doc name): a small tokenizer that keeps the body
// text and the table structure (\cellx edges, \clvmgf/\clvmrg merges, \cell and \row marks) and
// skips fonts, styles, pictures and field instructions. Output goes through the same blocks and
// grids as Word 97 binary files.
import iconv from 'iconv-lite';
import { isRtf } from '../document/detect-format.ts';
import { UnreadableDocumentError } from '../document/errors.ts';
import { joinPieces } from './ooxml-table.ts';
import { documentFromBlocks } from './document.ts';
import type { WordBlock } from './blocks.ts';
import type { WordTableRow } from './grid.ts';
import type { CellLayout } from './papx.ts';
import type { ExtractedDocument } from '../document/types.ts';

const SKIPPED_DESTINATIONS = new Set(['fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr',
  'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'object', 'themedata', 'colorschememapping', 'datastore',
  'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'fldinst', 'shp', 'nonshppict',
  'pgdsctbl', 'bkmkstart', 'bkmkend', 'txfieldtext', 'mmathPr', 'pn', 'listtext']);

interface GroupState {
  skip: boolean;
  unicodeSkip: number;
}

/** True when the bytes start like an RTF document. */
class RtfReader {
  readonly blocks: WordBlock[] = [];
  private rows: WordTableRow[] = [];
  private cells: string[] = [];
  private paragraph = '';
  private cellPieces: string[] = [];
  private inTable = false;
  private layout: CellLayout[] = [];
  private pendingCell: Pick<CellLayout, 'vMerge' | 'hMerged'> = { vMerge: null, hMerged: false };
  private rowLeft = 0;
  private bytes: number[] = [];

  constructor(private readonly codepage: string) {}

  text(value: string): void {
    this.flushBytes();
    this.paragraph += value;
  }

  byte(value: number): void {
    this.bytes.push(value);
  }

  flushBytes(): void {
    if (!this.bytes.length) return;
    this.paragraph += iconv.decode(Buffer.from(this.bytes), this.codepage);
    this.bytes = [];
  }

  control(word: string, param: number | null): void {
    this.flushBytes();
    switch (word) {
      case 'par': case 'sect': case 'page': return this.endParagraph();
      case 'line': return this.text('\n');
      case 'tab': return this.text('\t');
      case 'emdash': return this.text('—');
      case 'endash': return this.text('–');
      case 'lquote': return this.text('‘');
      case 'rquote': return this.text('’');
      case 'ldblquote': return this.text('“');
      case 'rdblquote': return this.text('”');
      case 'nestcell': case 'nestrow': return this.text(' ');
      case 'intbl': this.inTable = true; return;
      case 'pard': this.inTable = false; return;
      case 'cell': return this.endCell();
      case 'row': return this.endRow();
      case 'trowd': this.layout = []; this.rowLeft = 0; return;
      case 'trleft': this.rowLeft = param ?? 0; return;
      case 'clvmgf': this.pendingCell.vMerge = 'restart'; return;
      case 'clvmrg': this.pendingCell.vMerge = 'continue'; return;
      case 'clmrg': this.pendingCell.hMerged = true; return;
      case 'cellx': return this.defineCell(param ?? 0);
    }
  }

  private defineCell(right: number): void {
    const left = this.layout.length ? this.layout[this.layout.length - 1].right : this.rowLeft;
    this.layout.push({ left, right, ...this.pendingCell });
    this.pendingCell = { vMerge: null, hMerged: false };
  }

  private endParagraph(): void {
    if (this.inTable) {
      this.cellPieces.push(this.paragraph);
    } else {
      this.endTable();
      this.blocks.push({ kind: 'paragraph', text: this.paragraph.replace(/[\u00a0\u3000]/g, ' ') });
    }
    this.paragraph = '';
  }

  private endCell(): void {
    this.cellPieces.push(this.paragraph);
    this.cells.push(joinPieces(this.cellPieces.flatMap((p) => p.split('\n')).map((p) => p.replace(/\s+/g, ' ').trim())));
    this.cellPieces = [];
    this.paragraph = '';
  }

  private endRow(): void {
    if (this.paragraph.trim() || this.cellPieces.length) this.endCell();
    this.rows.push({ texts: this.cells, layout: this.layout.length ? this.layout.map((c) => ({ ...c })) : undefined });
    this.cells = [];
    this.paragraph = '';
  }

  endTable(): void {
    if (this.rows.length) this.blocks.push({ kind: 'table', rows: this.rows });
    this.rows = [];
  }

  finish(): WordBlock[] {
    this.flushBytes();
    if (this.paragraph.trim()) this.endParagraph();
    this.endTable();
    return this.blocks;
  }
}

function codepageOf(source: string): string {
  if (/\\fcharset134|\\ansicpg936/.test(source)) return 'cp936';
  const cp = /\\ansicpg(\d+)/.exec(source)?.[1];
  return cp && iconv.encodingExists(`cp${cp}`) ? `cp${cp}` : 'win1252';
}

/** Walks the RTF source once: groups, control words (with \uN and \ucN) and text. */
function readRtf(source: string, reader: RtfReader): void {
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, unicodeSkip: 1 };
  let pendingSkip = 0;
  let i = 0;
  const skipFallback = () => pendingSkip > 0 && (pendingSkip--, true);
  while (i < source.length) {
    const ch = source[i];
    if (ch === '{') { stack.push(state); state = { ...state }; i++; continue; }
    if (ch === '}') { state = stack.pop() ?? state; pendingSkip = 0; i++; continue; }
    if (ch === '\r' || ch === '\n') { i++; continue; }
    if (ch !== '\\') {
      // Raw 8-bit characters are bytes in the document's codepage (GBK in Chinese Word files).
      if (!state.skip && !skipFallback()) (ch.charCodeAt(0) >= 0x80 ? reader.byte(ch.charCodeAt(0)) : reader.text(ch));
      i++;
      continue;
    }
    const next = source[i + 1] ?? '';
    if (next === '\'') {
      const value = Number.parseInt(source.slice(i + 2, i + 4), 16);
      if (!state.skip && !skipFallback() && Number.isFinite(value)) reader.byte(value);
      i += 4;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      if (next === '*') state.skip = true;
      else if (!state.skip && '\\{}'.includes(next)) reader.text(next);
      else if (!state.skip && next === '~') reader.text(' ');
      else if (!state.skip && next === '_') reader.text('-');
      i += 2;
      continue;
    }
    const match = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(source.slice(i + 1, i + 48))!;
    i += 1 + match[0].length;
    const word = match[1];
    const param = match[2] !== undefined ? Number(match[2]) : null;
    if (SKIPPED_DESTINATIONS.has(word)) { state.skip = true; continue; }
    if (word === 'uc') { state.unicodeSkip = param ?? 1; continue; }
    if (word === 'u' && param !== null) {
      if (!state.skip) reader.text(String.fromCharCode(param < 0 ? param + 65536 : param));
      pendingSkip = state.unicodeSkip;
      continue;
    }
    if (!state.skip) reader.control(word, param);
  }
}

/** Extracts the rows and text of an RTF document; anything that is not RTF is refused. */
export async function extractRtf(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!isRtf(bytes)) throw new UnreadableDocumentError('not an RTF document', 'not_rtf');
  const source = Buffer.from(bytes).toString('latin1');
  const reader = new RtfReader(codepageOf(source));
  readRtf(source, reader);
  const document = documentFromBlocks(reader.finish(), { Container: 'RTF' });
  return document;
}
