// CSV exports built by SQLite itself: each chunk of reports comes back as one string of finished
// lines (group_concat) in UTF-8 bytes, so no JavaScript runs per row or per cell.
// Text is always quoted (division codes stay text in readers that honour quotes, and an empty
// string `""` stays apart from a missing value, written as nothing); numbers are bare.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Archive } from './archive.ts';
import { reportChunks, type ExportColumn, type ExportTable } from './export-tables.ts';

/** CSV options: a UTF-8 byte-order mark lets Excel on Chinese Windows read the file as UTF-8. */
export interface CsvOptions {
  bom?: boolean;
  onChunk?: (reportsDone: number) => void;
}

const REPORTS_PER_CHUNK = 500;

function quoted(sql: string): string {
  return `CASE WHEN ${sql} IS NULL THEN '' ELSE '"' || replace(${sql}, '"', '""') || '"' END`;
}

function fieldSql(column: ExportColumn): string {
  if (column.kind === 'text' || column.kind === 'date') return quoted(column.sql);
  return `coalesce(CAST(${column.sql} AS TEXT), '')`;
}

/** The CSV header line (names quoted only where they must be). */
function headerLine(columns: ExportColumn[]): string {
  return columns.map((c) => (/[",\r\n]/.test(c.name) ? `"${c.name.replaceAll('"', '""')}"` : c.name)).join(',');
}

/** Writes a table as CSV (CRLF line ends, header first); returns the row count. */
export function writeCsvTable(archive: Archive, table: ExportTable, path: string, options: CsvOptions = {}): number {
  const line = table.columns.map(fieldSql).join(` || ',' || `);
  // As a BLOB the chunk reaches the file as SQLite's UTF-8 bytes: no decoding to a JavaScript string and back.
  const chunk = archive.db.prepare(`SELECT count(*), CAST(group_concat(line, char(13, 10)) || char(13, 10) AS BLOB)
    FROM (SELECT ${line} AS line ${table.from})`).raw(true);
  const fd = openSync(path, 'w');
  let rows = 0;
  try {
    writeSync(fd, `${options.bom ? '\uFEFF' : ''}${headerLine(table.columns)}\r\n`);
    let reports = 0;
    for (const [from, to] of reportChunks(archive, REPORTS_PER_CHUNK)) {
      const [count, bytes] = chunk.get(from, to) as [number, Buffer | null];
      for (let at = 0; bytes !== null && at < bytes.length;) at += writeSync(fd, bytes, at);
      rows += count;
      reports += REPORTS_PER_CHUNK;
      options.onChunk?.(reports);
    }
  } finally {
    closeSync(fd);
  }
  return rows;
}

/** Writes rows already in memory (the data dictionary) as CSV. */
export function writeCsvRows(path: string, columns: string[], rows: unknown[][], options: CsvOptions = {}): number {
  const field = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : `"${String(v).replaceAll('"', '""')}"`);
  const lines = [columns.join(','), ...rows.map((r) => r.map(field).join(','))];
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
  } finally {
    closeSync(fd);
  }
  return rows.length;
}
