// Parquet files through hyparquet-writer (pure JavaScript), written one row group at a time from
// column arrays (building a row object per row first costs more than the encoding itself).
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';

/** The Parquet types the exports use. */
export type ParquetColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'JSON';

const ROWS_PER_GROUP = 20_000;

/** Writes rows (arrays in column order) to a Parquet file; returns the row count. */
export function writeParquet(path: string, columns: string[], types: ParquetColumnType[], rows: Iterable<unknown[]>): number {
  const emptyColumns = () => columns.map((name, i) => ({ name, type: types[i], nullable: true, data: [] as unknown[] }));
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: schemaFromColumnData({ columnData: emptyColumns() as never }),
    createdBy: 'nianbao export',
  });
  let group = emptyColumns();
  let count = 0;
  const flush = () => {
    if (group[0]?.data.length === 0 && count > 0) return;
    if (writer.write({ columnData: group as never, rowGroupSize: Math.max(1, group[0]?.data.length ?? 1) }) instanceof Promise) {
      throw new Error('parquet writer unexpectedly went asynchronous');
    }
    group = emptyColumns();
  };
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) group[i].data.push(convert(row[i], types[i]));
    if (++count % ROWS_PER_GROUP === 0) flush();
  }
  flush();
  writer.finish();
  return count;
}

function convert(value: unknown, type: ParquetColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'STRING') return String(value);
  if (type === 'JSON') return typeof value === 'string' ? JSON.parse(value) : value;
  const n = Number(value);
  return Number.isFinite(n) ? (type === 'INT32' ? Math.trunc(n) : n) : null;
}
