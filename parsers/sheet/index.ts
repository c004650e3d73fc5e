// Spreadsheets (XLS — BIFF8 in an OLE container, as Excel and WPS save them — and XLSX): every
// sheet's cells become grid rows of the common document, merged ranges marked as continuations
// like HTML and Word tables, so the report steps read a sheet like any table.
// The reader is SheetJS, from `@e965/xlsx` pinned at exactly 0.20.3: SheetJS publishes versions
// past 0.18.5 only on its own CDN (0.18.5, the last `xlsx` on npm, carries the prototype-pollution and
// ReDoS advisories fixed in 0.19.3 and 0.20.2); `@e965/xlsx` is that 0.20.3 republished to npm,
// with no dependencies, its integrity fixed by the lockfile. `exceljs` reads no BIFF .xls.
import * as XLSX from '@e965/xlsx';
import * as cpexcel from '@e965/xlsx/dist/cpexcel.full.mjs';
import { UnreadableDocumentError } from '../document/errors.ts';
import type { Cell, ExtractedDocument, Row } from '../document/types.ts';

XLSX.set_cptable(cpexcel);

/** Cells one workbook may fill; past this it is refused (a sheet of a million empty-styled cells). */
const MAX_SHEET_CELLS = 300_000;

function sheetRows(sheet: XLSX.WorkSheet, index: number): Row[] {
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  const width = range.e.c - range.s.c + 1;
  const height = range.e.r - range.s.r + 1;
  if (width * height > MAX_SHEET_CELLS) throw new UnreadableDocumentError(`sheet ${index + 1} spans ${width} × ${height} cells`, 'too_complex');
  const covered = new Set<string>();
  for (const merge of sheet['!merges'] ?? []) {
    for (let r = merge.s.r; r <= merge.e.r; r++) for (let c = merge.s.c; c <= merge.e.c; c++) if (r !== merge.s.r || c !== merge.s.c) covered.add(`${r},${c}`);
  }
  const rows: Row[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: Cell[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const value = sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      const text = value ? String(value.w ?? value.v ?? '').replace(/\s+/g, ' ').trim() : '';
      const prov = { table: index, row: r - range.s.r, col: c - range.s.c };
      cells.push(covered.has(`${r},${c}`) ? { text: '', prov, continuation: true } : { text, prov });
    }
    if (cells.some((cell) => cell.text)) rows.push({ cells, fromGrid: true });
  }
  return rows;
}

/** Reads an XLS/XLSX workbook into the common document (one table per sheet). */
export async function extractSheet(bytes: Uint8Array): Promise<ExtractedDocument> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'array', cellDates: false, cellHTML: false, cellFormula: false });
  } catch (error) {
    throw new UnreadableDocumentError(`the spreadsheet cannot be read: ${(error as Error).message}`, 'sheet_damaged');
  }
  const rows = workbook.SheetNames.flatMap((name, i) => sheetRows(workbook.Sheets[name], i));
  const text = rows.map((row) => row.cells.filter((c) => !c.continuation).map((c) => c.text).join('\t')).join('\n');
  return {
    format: 'sheet',
    text,
    rows,
    containerTitle: workbook.Props?.Title || undefined,
    meta: { sheets: String(workbook.SheetNames.length) },
    warnings: [],
  };
}
