// `nianbao export`: the wide table, the long table, the failing checks and the data dictionary as
// CSV, Parquet and (small archives) XLSX. Each file is written beside its final name and renamed
// into place, so an interrupted export never leaves a half file under the real name.
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from './archive.ts';
import { dataDictionaryRows, DICTIONARY_COLUMNS } from './data-dictionary.ts';
import { writeCsv } from './format-rows.ts';
import { writeParquet, type ParquetColumnType } from './export-parquet.ts';
import { writeXlsx } from './export-xlsx.ts';
import { FIELD_SPECS } from '../parsers/index.ts';
import { WIDE_REPORT_COLUMNS } from './wide-columns.ts';

/** The formats `export` can write. */
export type ExportFormat = 'csv' | 'parquet' | 'xlsx';

/** A table of the export: its file stem, the SQL that reads it and Parquet column types. */
interface ExportTable {
  stem: string;
  sql: string;
  types: (columns: string[]) => ParquetColumnType[];
}

const integerReportColumns = new Set(['report_id', 'year', 'fields_filled', 'checks_failed']);

const TABLES: ExportTable[] = [
  {
    stem: 'reports_wide',
    sql: 'SELECT * FROM reports_wide ORDER BY report_id',
    types: (columns) => columns.map((c) => (integerReportColumns.has(c) ? 'INT32' : c === 'confidence' || !WIDE_REPORT_COLUMNS.includes(c as never) ? 'DOUBLE' : 'STRING')),
  },
  {
    stem: 'report_fields_long',
    sql: `SELECT f.report_id, r.organ, r.year, f.key, f.value, f.raw, f.provenance
          FROM report_fields f JOIN reports r ON r.id = f.report_id ORDER BY f.report_id, f.key`,
    types: () => ['INT32', 'STRING', 'INT32', 'STRING', 'DOUBLE', 'STRING', 'JSON'],
  },
  {
    stem: 'report_checks',
    sql: `SELECT k.report_id, r.organ, r.year, k.rule, k.ok, k.blame, k.detail
          FROM report_checks k JOIN reports r ON r.id = k.report_id ORDER BY k.report_id, k.seq`,
    types: () => ['INT32', 'STRING', 'INT32', 'STRING', 'INT32', 'STRING', 'STRING'],
  },
];

/** What was written: file path and row count per file. */
export interface ExportedFile {
  path: string;
  rows: number;
}

/** The tables `export` can write, by the short names `--tables` takes. */
export const EXPORT_TABLES = { wide: 'reports_wide', long: 'report_fields_long', checks: 'report_checks' } as const;
/** A short table name: wide, long or checks. */
export type ExportTableName = keyof typeof EXPORT_TABLES;

/** Writes the chosen formats (and tables, all by default) into `outDir` (created if needed). */
export function exportArchive(
  archive: Archive, outDir: string, formats: ExportFormat[] = ['csv', 'parquet'],
  tables: ExportTableName[] = ['wide', 'long', 'checks'],
): ExportedFile[] {
  mkdirSync(outDir, { recursive: true });
  const written: ExportedFile[] = [];
  const dictionary = dataDictionaryRows();
  const stems = new Set<string>(tables.map((t) => EXPORT_TABLES[t]));
  for (const table of TABLES.filter((t) => stems.has(t.stem))) {
    const statement = archive.db.prepare(table.sql).raw(true);
    const columns = statement.columns().map((c) => c.name);
    if (formats.includes('csv')) written.push(atomically(join(outDir, `${table.stem}.csv`), (path) => csvFile(path, columns, statement.iterate() as Iterable<unknown[]>)));
    if (formats.includes('parquet')) {
      written.push(atomically(join(outDir, `${table.stem}.parquet`), (path) => writeParquet(path, columns, table.types(columns), statement.iterate() as Iterable<unknown[]>)));
    }
  }
  if (formats.includes('csv')) written.push(atomically(join(outDir, 'data_dictionary.csv'), (path) => csvFile(path, DICTIONARY_COLUMNS, dictionary)));
  if (formats.includes('parquet')) {
    written.push(atomically(join(outDir, 'data_dictionary.parquet'), (path) => writeParquet(path, DICTIONARY_COLUMNS, DICTIONARY_COLUMNS.map(() => 'STRING'), dictionary)));
  }
  if (formats.includes('xlsx')) {
    const wide = archive.db.prepare(TABLES[0].sql).raw(true);
    const columns = wide.columns().map((c) => c.name);
    written.push(atomically(join(outDir, 'reports.xlsx'), (path) => writeXlsx(path, [
      { name: 'reports_wide', columns, rows: wide.iterate() as Iterable<unknown[]> },
      { name: 'data_dictionary', columns: DICTIONARY_COLUMNS, rows: dictionary },
    ])));
  }
  return written;
}

function atomically(finalPath: string, write: (path: string) => number): ExportedFile {
  const partial = `${finalPath}.partial`;
  const rows = write(partial);
  renameSync(partial, finalPath);
  return { path: finalPath, rows };
}

function csvFile(path: string, columns: string[], rows: Iterable<unknown[]>): number {
  const fd = openSync(path, 'w');
  try {
    return writeCsv(columns, rows, (chunk) => { writeSync(fd, chunk); });
  } finally {
    closeSync(fd);
  }
}

/** How many field columns the wide export carries (for help texts and tests). */
export const WIDE_FIELD_COLUMNS = FIELD_SPECS.length;
