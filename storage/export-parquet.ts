// Parquet exports: one row group per chunk of reports, so memory stays flat. SQLite hands each
// chunk over as one JSON array per column (json_group_array), which JSON.parse turns into arrays in
// native code; parquet-file.ts encodes each array in one pass (dictionaries for repeating values).
// Columns that are the same on every row of a report (organ, year) are read once per report and
// repeated in JavaScript: the strings that would cross from SQLite 200 times per report cross once.
// Counts are nullable INT32, amounts DOUBLE, text UTF-8 strings (division codes stay text), dates
// DATE, check results BOOLEAN.
import type { Archive } from './archive.ts';
import { reportChunks, typedSql, type ColumnKind, type ExportColumn, type ExportTable } from './export-tables.ts';
import type { Utf8Column } from './parquet-encode.ts';
import { ParquetTableFile, type ParquetColumn } from './parquet-file.ts';

const REPORTS_PER_GROUP = 500;

function parquetColumn(name: string, kind: ColumnKind): ParquetColumn {
  return kind === 'date' ? { name, kind: 'int', date: true } : { name, kind };
}

/**
 * One row of SQL per chunk: the row count, then per column a JSON array of its values, or for
 * text its values' byte lengths (JSON) and their UTF-8 bytes end to end (a BLOB), which reach the
 * encoder without becoming JavaScript strings.
 */
function chunkSql(columns: ExportColumn[], from: string, textAsBytes: boolean): string {
  const aggregates = columns.map((c, i) => (textAsBytes && c.kind === 'text'
    ? `json_group_array(length(CAST(c${i} AS BLOB))), CAST(group_concat(c${i}, '') AS BLOB)`
    : `json_group_array(c${i})`));
  return `SELECT count(*), ${aggregates.join(', ')} FROM (SELECT ${columns.map((c, i) => `${typedSql(c)} AS c${i}`).join(', ')} ${from})`;
}

/** The columns of one chunk's SQL row, as chunkSql laid them out. */
function chunkColumns(row: unknown[], columns: ExportColumn[], textAsBytes: boolean): (unknown[] | Utf8Column)[] {
  let at = 1;
  return columns.map((c) => {
    const values = JSON.parse(row[at++] as string) as unknown[];
    if (!textAsBytes || c.kind !== 'text') return values;
    const bytes = (row[at++] as Buffer | null) ?? new Uint8Array(0);
    return { lengths: values as (number | null)[], bytes };
  });
}

/** Reads one chunk of reports as one array of values (or UTF-8 bytes) per column, in the table's column order. */
type ChunkReader = (fromReport: number, toReport: number) => (unknown[] | Utf8Column)[];

function chunkReader(archive: Archive, table: ExportTable): ChunkReader {
  const perReport = table.columns.filter((c) => c.perReport);
  const reportIdAt = table.columns.filter((c) => !c.perReport).findIndex((c) => c.name === 'report_id');
  const perRow = perReport.length && reportIdAt >= 0 ? table.columns.filter((c) => !c.perReport) : table.columns;
  const rowsOf = archive.db.prepare(chunkSql(perRow, table.from, true)).raw(true);
  if (perRow === table.columns) return (from, to) => chunkColumns(rowsOf.get(from, to) as unknown[], perRow, true);
  const reportColumns: ExportColumn[] = [{ name: 'id', sql: 'r.id', kind: 'int', label: '' }, ...perReport];
  const reportsOf = archive.db.prepare(chunkSql(reportColumns, 'FROM reports r WHERE r.id BETWEEN ? AND ?', false)).raw(true);
  return (from, to) => {
    const rows = chunkColumns(rowsOf.get(from, to) as unknown[], perRow, true);
    const [ids, ...reportValues] = chunkColumns(reportsOf.get(from, to) as unknown[], reportColumns, false) as [number[], ...unknown[][]];
    const reportAt = new Int32Array(to - from + 1);
    ids.forEach((id, i) => { reportAt[id - from] = i; });
    const rowReports = rows[reportIdAt] as number[];
    const repeated = reportValues.map((values) => rowReports.map((id) => values[reportAt[id - from]]));
    return table.columns.map((c) => (c.perReport ? repeated[perReport.indexOf(c)] : rows[perRow.indexOf(c)]));
  };
}

/** Writes a table as Parquet, one row group per chunk of reports; returns the row count. */
export function writeParquetTable(archive: Archive, table: ExportTable, path: string, onChunk?: (reportsDone: number) => void): number {
  const read = chunkReader(archive, table);
  const file = new ParquetTableFile(table.columns.map((c) => parquetColumn(c.name, c.kind)), path);
  let rows = 0;
  let reports = 0;
  for (const [from, to] of reportChunks(archive, REPORTS_PER_GROUP)) {
    rows += file.writeRowGroup(read(from, to));
    reports += REPORTS_PER_GROUP;
    onChunk?.(reports);
  }
  file.finish();
  return rows;
}

/** Writes rows already in memory (the data dictionary), every column as text. */
export function writeParquetRows(path: string, columns: string[], rows: unknown[][]): number {
  const file = new ParquetTableFile(columns.map((name) => ({ name, kind: 'text' as const })), path);
  file.writeRowGroup(columns.map((_, i) => rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i])))));
  file.finish();
  return rows.length;
}
