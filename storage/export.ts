// `nianbao export`: the wide table, the long table, the checks and the data dictionary as CSV,
// Parquet, XLSX and Stata .dta, and the raw captures as WARC. Each file is written beside its
// final name and renamed into place, so an interrupted export never leaves a half file under the
// real name.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from './archive.ts';
import { dataDictionaryRows, DICTIONARY_COLUMNS, DICTIONARY_LABELS } from './data-dictionary.ts';
import { writeCsvRows, writeCsvTable } from './export-csv.ts';
import { writeParquetRows, writeParquetTable } from './export-parquet.ts';
import { writeStataTable } from './export-stata.ts';
import { EXPORT_TABLES, exportTable, tableRowCount, type ExportTableName } from './export-tables.ts';
import { writeWarc } from './export-warc.ts';
import { XLSX_MAX_ROWS, writeXlsx, type XlsxSheet } from './export-xlsx.ts';

export { EXPORT_TABLES, type ExportTableName } from './export-tables.ts';

/** The formats `export` can write. */
export const EXPORT_FORMATS = ['csv', 'parquet', 'xlsx', 'dta', 'warc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What was written: file path and row count per file; `note` when something was left out. */
export interface ExportedFile {
  path: string;
  rows: number;
  note?: string;
}

/** How to export: formats, tables, a BOM on CSV files, and a progress callback. */
export interface ExportOptions {
  formats?: ExportFormat[];
  tables?: ExportTableName[];
  /** Start CSV files with a UTF-8 byte-order mark (Excel on Chinese Windows reads them as UTF-8). */
  bom?: boolean;
  /** `software` named in the WARC's warcinfo record. */
  software?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

/** Writes the chosen formats and tables into `outDir` (which must exist). */
export async function exportArchive(archive: Archive, outDir: string, options: ExportOptions = {}): Promise<ExportedFile[]> {
  const formats = options.formats ?? ['csv', 'parquet'];
  const names = options.tables ?? ['wide', 'long', 'checks', 'organs'];
  const written = exportTableFiles(archive, outDir, options);
  if (formats.includes('xlsx')) {
    const tables = names.map((name) => exportTable(archive, name));
    written.push(await xlsxFile(archive, outDir, names, tables, dataDictionaryRows(), (done) => options.onProgress?.(done, reportCount(archive), 'reports.xlsx')));
  }
  if (formats.includes('warc')) {
    const path = join(outDir, 'captures.warc.gz');
    const partial = `${path}.partial`;
    try {
      const records = await writeWarc(archive, partial, options.software ?? 'nianbao', (done, total) => options.onProgress?.(done, total, 'captures.warc.gz'));
      renameSync(partial, path);
      written.push({ path, rows: records });
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
  }
  return written;
}

function reportCount(archive: Archive): number {
  return archive.db.prepare('SELECT count(*) FROM reports').pluck().get() as number;
}

/** The synchronous part of an export: CSV, Parquet and Stata files of the tables, and the dictionary. */
export function exportTableFiles(archive: Archive, outDir: string, options: ExportOptions = {}): ExportedFile[] {
  const formats = options.formats ?? ['csv', 'parquet'];
  const names = options.tables ?? ['wide', 'long', 'checks', 'organs'];
  const tables = names.map((name) => exportTable(archive, name));
  const reports = reportCount(archive);
  const progress = (file: string) => (done: number) => options.onProgress?.(Math.min(done, reports), reports, file);
  const written: ExportedFile[] = [];
  const dictionary = dataDictionaryRows();
  for (const table of tables) {
    if (formats.includes('csv')) written.push(atomically(join(outDir, `${table.stem}.csv`), (p) => writeCsvTable(archive, table, p, { bom: options.bom, onChunk: progress(`${table.stem}.csv`) })));
    if (formats.includes('parquet')) written.push(atomically(join(outDir, `${table.stem}.parquet`), (p) => writeParquetTable(archive, table, p, progress(`${table.stem}.parquet`))));
  }
  if (formats.includes('csv')) written.push(atomically(join(outDir, 'data_dictionary.csv'), (p) => writeCsvRows(p, DICTIONARY_COLUMNS, dictionary, { bom: options.bom })));
  if (formats.includes('parquet')) written.push(atomically(join(outDir, 'data_dictionary.parquet'), (p) => writeParquetRows(p, DICTIONARY_COLUMNS, dictionary)));
  if (formats.includes('dta') && names.includes('wide')) {
    written.push(atomically(join(outDir, 'reports_wide.dta'), (p) => writeStataTable(archive, tables[names.indexOf('wide')], p, '政府信息公开工作年度报告 reports_wide (nianbao)', progress('reports_wide.dta'))));
  }
  return written;
}

async function xlsxFile(archive: Archive, outDir: string, names: ExportTableName[], tables: ReturnType<typeof exportTable>[], dictionary: unknown[][], onChunk: (done: number) => void): Promise<ExportedFile> {
  const sheets: XlsxSheet[] = [];
  const left: string[] = [];
  names.forEach((name, i) => {
    const rows = tableRowCount(archive, tables[i]);
    if (rows + 2 > XLSX_MAX_ROWS) left.push(`${EXPORT_TABLES[name]} (${rows} rows, more than an XLSX sheet holds: use CSV or Parquet)`);
    else sheets.push({ name: tables[i].stem, table: tables[i] });
  });
  sheets.push({ name: 'data_dictionary', columns: DICTIONARY_COLUMNS, labels: DICTIONARY_LABELS, rows: dictionary });
  const path = join(outDir, 'reports.xlsx');
  const partial = `${path}.partial`;
  try {
    const rows = await writeXlsx(archive, partial, sheets, onChunk);
    renameSync(partial, path);
    return { path, rows, ...(left.length ? { note: `left out: ${left.join('; ')}` } : {}) };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

function atomically(finalPath: string, write: (path: string) => number): ExportedFile {
  const partial = `${finalPath}.partial`;
  try {
    const rows = write(partial);
    renameSync(partial, finalPath);
    return { path: finalPath, rows };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
