// Paragraph properties of a Word 97 binary document, read from the PAPX FKP pages: only what
// tables need — is a paragraph inside a table, does it end a row, and the row's cell layout
// (cell edges and vertical merges from sprmTDefTable / sprmTVertMerge).
import type { WordFib } from './fib.ts';

/** One cell's layout in a table row: its left and right edge (twips) and vertical merge state. */
export interface CellLayout {
  left: number;
  right: number;
  /** 'continue' for a cell covered by the merged cell above it. */
  vMerge: 'restart' | 'continue' | null;
  /** Old-style horizontal merge: the cell continues the one on its left. */
  hMerged: boolean;
}

/** The table-related properties of one paragraph. */
export interface ParagraphProps {
  inTable: boolean;
  /** Table-terminating paragraph: the mark that ends a table row. */
  rowEnd: boolean;
  /** Table nesting depth (1 = outermost table). */
  depth: number;
  /** Cell layout of the row, present on row-end paragraphs. */
  cells?: CellLayout[];
}

interface PapxRun {
  fcStart: number;
  fcEnd: number;
  grpprl: Uint8Array;
}

const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_ITAP = 0x6649;
const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_VERT_MERGE = 0xd62b;
const SPRM_P_CHG_TABS = 0xc615;
const SPRM_P_HUGE_PAPX = 0x6646;
const FIXED_OPERAND_BYTES = [1, 1, 2, 4, 2, 2, -1, 3];

function vMergeOf(bits: number): CellLayout['vMerge'] {
  if (bits === 0) return null;
  return bits === 3 ? 'restart' : bits === 1 || bits === 2 ? 'continue' : null;
}

function readDefTable(view: DataView, at: number, end: number): CellLayout[] {
  const count = view.getUint8(at);
  const edges: number[] = [];
  for (let i = 0; i <= count && at + 1 + i * 2 + 2 <= end; i++) edges.push(view.getInt16(at + 1 + i * 2, true));
  const tcAt = at + 1 + (count + 1) * 2;
  const cells: CellLayout[] = [];
  for (let i = 0; i < count && i + 1 < edges.length; i++) {
    const tc = tcAt + i * 20;
    const flags = tc + 2 <= end ? view.getUint16(tc, true) : 0;
    const horizontal = flags & 0x3;
    cells.push({ left: edges[i], right: edges[i + 1], vMerge: vMergeOf((flags >> 5) & 0x3), hMerged: horizontal === 2 || horizontal === 3 });
  }
  return cells;
}

/** Applies one grpprl (a list of sprms) to a paragraph's props; unknown sprms are skipped by size. */
function applySprms(grpprl: Uint8Array, props: ParagraphProps, data?: Uint8Array): void {
  const view = new DataView(grpprl.buffer, grpprl.byteOffset, grpprl.byteLength);
  const vMerges: [number, number][] = [];
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = view.getUint16(at, true);
    at += 2;
    let size = FIXED_OPERAND_BYTES[(sprm >> 13) & 0x7];
    let operandAt = at;
    if (sprm === SPRM_T_DEF_TABLE) {
      if (at + 2 > grpprl.length) break;
      size = 2 + view.getUint16(at, true) - 1;
      operandAt = at + 2;
    } else if (size === -1) {
      if (at >= grpprl.length || (sprm === SPRM_P_CHG_TABS && grpprl[at] === 255)) break;
      size = 1 + grpprl[at];
      operandAt = at + 1;
    }
    if (at + size > grpprl.length) break;
    if (sprm === SPRM_P_F_IN_TABLE) props.inTable = grpprl[at] !== 0;
    else if (sprm === SPRM_P_F_TTP) props.rowEnd = grpprl[at] !== 0;
    else if (sprm === SPRM_P_ITAP) props.depth = view.getInt32(at, true);
    else if (sprm === SPRM_T_DEF_TABLE) props.cells = readDefTable(view, operandAt, at + size);
    else if (sprm === SPRM_T_VERT_MERGE && size >= 3) vMerges.push([grpprl[operandAt], grpprl[operandAt + 1]]);
    else if (sprm === SPRM_P_HUGE_PAPX) applyHugePapx(view.getUint32(at, true), props, data);
    at += size;
  }
  for (const [index, bits] of vMerges) {
    const cell = props.cells?.[index];
    if (cell) cell.vMerge = vMergeOf(bits);
  }
}

/** Properties too large for an FKP page are stored in the Data stream as a PrcData (size + sprms). */
function applyHugePapx(offset: number, props: ParagraphProps, data?: Uint8Array): void {
  if (!data || offset + 2 > data.length) return;
  const size = data[offset] | (data[offset + 1] << 8);
  applySprms(data.subarray(offset + 2, Math.min(offset + 2 + size, data.length)), props);
}

/** All PAPX runs of the document, sorted by file position. */
function readPapxRuns(fib: WordFib): PapxRun[] {
  const { table, word, fcPlcfBtePapx, lcbPlcfBtePapx } = fib;
  if (lcbPlcfBtePapx < 12 || fcPlcfBtePapx + lcbPlcfBtePapx > table.length) return [];
  const tableView = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const count = (lcbPlcfBtePapx - 4) / 8;
  const runs: PapxRun[] = [];
  for (let i = 0; i < count; i++) {
    const page = tableView.getUint32(fcPlcfBtePapx + (count + 1) * 4 + i * 4, true) & 0x3fffff;
    if ((page + 1) * 512 > word.length) continue;
    const fkp = word.subarray(page * 512, (page + 1) * 512);
    const view = new DataView(fkp.buffer, fkp.byteOffset, 512);
    const crun = fkp[511];
    for (let j = 0; j < crun && (crun + 1) * 4 + j * 13 < 511; j++) {
      const offset = fkp[(crun + 1) * 4 + j * 13] * 2;
      if (offset === 0 || offset >= 511) continue;
      const cb = fkp[offset];
      const start = cb !== 0 ? offset + 1 : offset + 2;
      const length = cb !== 0 ? 2 * cb - 1 : 2 * fkp[offset + 1];
      const grpprlAndIstd = fkp.subarray(start, Math.min(start + length, 511));
      runs.push({ fcStart: view.getUint32(j * 4, true), fcEnd: view.getUint32((j + 1) * 4, true), grpprl: grpprlAndIstd.subarray(2) });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

/** Looks up paragraph properties by the file position of a paragraph's end mark. */
export function paragraphPropsReader(fib: WordFib): (markFc: number) => ParagraphProps {
  const runs = readPapxRuns(fib);
  return (markFc) => {
    const props: ParagraphProps = { inTable: false, rowEnd: false, depth: 0 };
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid].fcEnd <= markFc) lo = mid + 1;
      else if (runs[mid].fcStart > markFc) hi = mid - 1;
      else {
        applySprms(runs[mid].grpprl, props, fib.data);
        break;
      }
    }
    if (props.inTable && props.depth === 0) props.depth = 1;
    return props;
  };
}
