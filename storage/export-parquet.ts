// Parquet exports: one row group per chunk of reports, so memory stays flat. SQLite hands each
// chunk over as one JSON array per column (json_group_array), which JSON.parse turns into arrays in
// native code; parquet-file.ts encodes each array in one pass (dictionaries for repeating values).
// Counts are nullable INT32, amounts DOUBLE, text UTF-8 strings (division codes stay text), dates
// DATE, check results BOOLEAN.
import type { Archive } from './archive.ts';
import { reportChunks, typedSql, type ColumnKind, type ExportTable } from './export-tables.ts';
import { ParquetTableFile, type ParquetColumn } from './parquet-file.ts';

const REPORTS_PER_GROUP = 500;

function parquetColumn(name: string, kind: ColumnKind): ParquetColumn {
  return kind === 'date' ? { name, kind: 'int', date: true } : { name, kind };
}

/** Writes a table as Parquet, one row group per chunk of reports; returns the row count. */
export function writeParquetTable(archive: Archive, table: ExportTable, path: string, onChunk?: (reportsDone: number) => void): number {
  const columns = table.columns;
  const chunk = archive.db.prepare(`SELECT count(*), ${columns.map((_, i) => `json_group_array(c${i})`).join(', ')}
    FROM (SELECT ${columns.map((c, i) => `${typedSql(c)} AS c${i}`).join(', ')} ${table.from})`).raw(true);
  const file = new ParquetTableFile(columns.map((c) => parquetColumn(c.name, c.kind)), path);
  let rows = 0;
  let reports = 0;
  for (const [from, to] of reportChunks(archive, REPORTS_PER_GROUP)) {
    const [count, ...arrays] = chunk.get(from, to) as [number, ...string[]];
    if (count > 0) {
      file.writeRowGroup(arrays.map((json) => JSON.parse(json) as unknown[]));
      rows += count;
    }
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
