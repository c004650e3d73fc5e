// Parquet exports through hyparquet-writer (pure JavaScript). SQLite hands each chunk of reports
// over as one JSON array per column (json_group_array), which JSON.parse turns into arrays in
// native code, so JavaScript does almost nothing per row. Counts are nullable INT32, amounts
// DOUBLE, text UTF-8 strings (division codes stay text), dates DATE, check results BOOLEAN.
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { Archive } from './archive.ts';
import { reportChunks, typedSql, type ColumnKind, type ExportTable } from './export-tables.ts';

const REPORTS_PER_GROUP = 500;

const PHYSICAL: Record<ColumnKind, Record<string, string>> = {
  int: { type: 'INT32' },
  real: { type: 'DOUBLE' },
  text: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  date: { type: 'INT32', converted_type: 'DATE' },
  bool: { type: 'BOOLEAN' },
};

function schemaOf(columns: { name: string; kind: ColumnKind }[]) {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL', ...PHYSICAL[c.kind], ...(c.kind === 'date' ? { logical_type: { type: 'DATE' } } : {}) })),
  ];
}

function asKind(values: unknown[], kind: ColumnKind): unknown[] {
  return kind === 'bool' ? values.map((v) => (v === null ? null : v === 1)) : values;
}

/** Writes a table as Parquet, one row group per chunk of reports; returns the row count. */
export function writeParquetTable(archive: Archive, table: ExportTable, path: string, onChunk?: (reportsDone: number) => void): number {
  const columns = table.columns;
  const chunk = archive.db.prepare(`SELECT count(*), ${columns.map((_, i) => `json_group_array(c${i})`).join(', ')}
    FROM (SELECT ${columns.map((c, i) => `${typedSql(c)} AS c${i}`).join(', ')} ${table.from})`).raw(true);
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schemaOf(columns) as never, statistics: false, createdBy: 'nianbao export' });
  let rows = 0;
  let reports = 0;
  for (const [from, to] of reportChunks(archive, REPORTS_PER_GROUP)) {
    const [count, ...arrays] = chunk.get(from, to) as [number, ...string[]];
    if (count > 0) {
      writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: asKind(JSON.parse(arrays[i]), c.kind) })) as never });
      rows += count;
    }
    reports += REPORTS_PER_GROUP;
    onChunk?.(reports);
  }
  writer.finish();
  return rows;
}

/** Writes rows already in memory (the data dictionary), every column as text. */
export function writeParquetRows(path: string, columns: string[], rows: unknown[][]): number {
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schemaOf(columns.map((name) => ({ name, kind: 'text' as const }))) as never, createdBy: 'nianbao export' });
  if (rows.length) writer.write({ columnData: columns.map((name, i) => ({ name, data: rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i]))) })) as never });
  writer.finish();
  return rows.length;
}
