// XLSX exports through exceljs's streaming writer (rows go to disk as they are added): per table
// a sheet with a Chinese label row above the column names, both frozen, an autofilter on the
// names, column widths, numbers as numbers, dates as dates; the data dictionary as its own sheet.
import type { Archive } from './archive.ts';
import { reportChunks, typedSql, type ExportTable } from './export-tables.ts';

/** Excel's hard limit on rows per sheet (the two header rows included). */
export const XLSX_MAX_ROWS = 1_048_576;
const DAY_MS = 86_400_000;

/** A sheet to write: an export table read from the archive, or rows already in memory. */
export type XlsxSheet =
  | { name: string; table: ExportTable }
  | { name: string; columns: string[]; labels: string[]; rows: unknown[][] };

function widthOf(name: string, label: string): number {
  const cjk = Array.from(label).length * 2;
  return Math.min(40, Math.max(8, name.length + 2, cjk));
}

/** Writes the sheets into one .xlsx file; returns the data rows of the first sheet. */
export async function writeXlsx(archive: Archive, path: string, sheets: XlsxSheet[], onChunk?: (reportsDone: number) => void): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const counts: number[] = [];
  for (const sheet of sheets) {
    const columns = 'table' in sheet ? sheet.table.columns.map((c) => c.name) : sheet.columns;
    const labels = 'table' in sheet ? sheet.table.columns.map((c) => c.label) : sheet.labels;
    const kinds = 'table' in sheet ? sheet.table.columns.map((c) => c.kind) : columns.map(() => 'text');
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
    worksheet.columns = columns.map((name, i) => ({ key: name, width: widthOf(name, labels[i]), style: kinds[i] === 'date' ? { numFmt: 'yyyy-mm-dd' } : {} }));
    const labelRow = worksheet.addRow(labels);
    labelRow.font = { bold: true, color: { argb: 'FF555555' } };
    labelRow.commit();
    const nameRow = worksheet.addRow(columns);
    nameRow.font = { bold: true };
    nameRow.commit();
    worksheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
    let count = 0;
    const add = (values: unknown[]) => {
      if (++count + 2 > XLSX_MAX_ROWS) throw new Error(`sheet ${sheet.name} has more rows than an XLSX sheet holds (${XLSX_MAX_ROWS - 2}); write it as CSV or Parquet`);
      worksheet.addRow(values.map((v, i) => (v === null ? null : kinds[i] === 'date' ? new Date(Number(v) * DAY_MS) : kinds[i] === 'bool' ? v === 1 : v))).commit();
    };
    if ('table' in sheet) {
      const statement = archive.db.prepare(`SELECT ${sheet.table.columns.map(typedSql).join(', ')} ${sheet.table.from}`).raw(true);
      let reports = 0;
      for (const [from, to] of reportChunks(archive, 500)) {
        for (const values of statement.iterate(from, to) as Iterable<unknown[]>) add(values);
        reports += 500;
        onChunk?.(reports);
      }
    } else {
      for (const values of sheet.rows) add(values);
    }
    worksheet.commit();
    counts.push(count);
  }
  await workbook.commit();
  return counts[0] ?? 0;
}
