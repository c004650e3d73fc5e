// Parquet files through hyparquet-writer (pure JavaScript), streamed one row group at a time.
import { fileWriter, parquetWriteRows } from 'hyparquet-writer';

/** The Parquet types the exports use. */
export type ParquetColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'JSON';

/** Writes rows (arrays in column order) to a Parquet file; returns the row count. */
export function writeParquet(path: string, columns: string[], types: ParquetColumnType[], rows: Iterable<unknown[]>): number {
  let count = 0;
  function* asObjects(): Generator<Record<string, unknown>> {
    for (const row of rows) {
      count++;
      const object: Record<string, unknown> = {};
      columns.forEach((name, i) => { object[name] = convert(row[i], types[i]); });
      yield object;
    }
  }
  const result = parquetWriteRows({
    writer: fileWriter(path),
    columns: columns.map((name, i) => ({ name, type: types[i], nullable: true })),
    rows: asObjects(),
    rowGroupSize: 20_000,
    createdBy: 'nianbao export',
  });
  if (result instanceof Promise) throw new Error('parquet writer unexpectedly went asynchronous');
  return count;
}

function convert(value: unknown, type: ParquetColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'STRING') return String(value);
  if (type === 'JSON') return typeof value === 'string' ? JSON.parse(value) : value;
  const n = Number(value);
  return Number.isFinite(n) ? (type === 'INT32' ? Math.trunc(n) : n) : null;
}
