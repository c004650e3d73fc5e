// The tables an export writes, described once for every format: each column's SQL, its kind
// (integer, real, text, date, boolean) and its Chinese label. The writers read the rows in chunks
// of reports (`WHERE report_id BETWEEN ? AND ?`), so no table is ever held whole in memory.
import { FIELD_SPECS } from '../parsers/index.ts';
import type { Archive } from './archive.ts';
import { REPORT_COLUMN_LABELS } from './data-dictionary.ts';
import { quoteIdentifier, WIDE_REPORT_COLUMNS } from './wide-columns.ts';

/** How a column's values are typed in Parquet, Stata and XLSX (CSV writes them as text). */
export type ColumnKind = 'int' | 'real' | 'text' | 'date' | 'bool';

/** One column of an export table. */
export interface ExportColumn {
  name: string;
  /** The SQL expression that reads it (over the table's FROM clause). */
  sql: string;
  kind: ColumnKind;
  /** A Chinese label for the XLSX label row and the Stata variable label. */
  label: string;
  /**
   * The same on every row of one report (its `sql` reads only `reports r`), so a writer may read it
   * once per report and repeat it over the report's rows (Parquet does: 200 organ names per report
   * never cross from SQLite to JavaScript).
   */
  perReport?: boolean;
}

/** One table of the export. */
export interface ExportTable {
  stem: string;
  columns: ExportColumn[];
  /** FROM … with a `BETWEEN ? AND ?` on report ids, and the ORDER BY. */
  from: string;
  /** Counts the table's rows (for progress and the XLSX row limit). */
  countSql: string;
}

/** The tables `export` can write, by the short names `--tables` takes. */
export const EXPORT_TABLES = { wide: 'reports_wide', long: 'report_fields_long', checks: 'report_checks', organs: 'organs' } as const;
/** A short table name: wide, long, checks or organs. */
export type ExportTableName = keyof typeof EXPORT_TABLES;

const REPORT_KINDS: Partial<Record<string, ColumnKind>> = {
  report_id: 'int', year: 'int', fields_filled: 'int', checks_failed: 'int', confidence: 'real', published_date: 'date',
};

/** Count columns that hold a fraction somewhere (a doubtful parse): those stay real, never truncated. */
function countColumnsWithFractions(archive: Archive): Set<string> {
  const counts = FIELD_SPECS.filter((f) => f.unit === 'count');
  if (counts.length === 0) return new Set();
  const row = archive.db.prepare(`SELECT ${counts.map((f) => `max(typeof(${quoteIdentifier(f.key)}) = 'real')`).join(', ')} FROM report_values`)
    .raw(true).get() as (number | null)[];
  return new Set(counts.filter((_, i) => row[i] === 1).map((f) => f.key));
}

/** The wide table: the report's facts, then one column per field key in fields.tsv order. */
export function wideTable(archive: Archive): ExportTable {
  const fractional = countColumnsWithFractions(archive);
  const facts: ExportColumn[] = WIDE_REPORT_COLUMNS.map((name) => ({ name, sql: quoteIdentifier(name), kind: REPORT_KINDS[name] ?? 'text', label: REPORT_COLUMN_LABELS[name] }));
  const fields: ExportColumn[] = FIELD_SPECS.map((f) => ({
    name: f.key, sql: quoteIdentifier(f.key), kind: f.unit === 'count' && !fractional.has(f.key) ? 'int' : 'real', label: `${f.rowLabel}｜${f.columnLabel}`,
  }));
  return { stem: EXPORT_TABLES.wide, columns: [...facts, ...fields], from: 'FROM reports_wide WHERE report_id BETWEEN ? AND ? ORDER BY report_id', countSql: 'SELECT count(*) FROM reports' };
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** The unit of a field key in SQL: an IN list of the few non-count keys (a lookup SQLite indexes). */
const UNIT_SQL = (() => {
  const byUnit = new Map<string, string[]>();
  for (const f of FIELD_SPECS) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f.key]);
  const others = [...byUnit].filter(([unit]) => unit !== 'count');
  return `CASE ${others.map(([unit, keys]) => `WHEN f.key IN (${keys.map(sqlText).join(', ')}) THEN ${sqlText(unit)}`).join(' ')} ELSE 'count' END`;
})();

/** The long table: one row per report and field key, "not found" kept apart from "printed blank". */
export function longTable(): ExportTable {
  return {
    stem: EXPORT_TABLES.long,
    columns: [
      { name: 'report_id', sql: 'f.report_id', kind: 'int', label: '报告编号' },
      { name: 'organ', sql: 'r.organ', kind: 'text', label: '机关', perReport: true },
      { name: 'year', sql: 'r.year', kind: 'int', label: '年度', perReport: true },
      { name: 'key', sql: 'f.key', kind: 'text', label: '字段' },
      { name: 'unit', sql: UNIT_SQL, kind: 'text', label: '单位' },
      { name: 'value', sql: 'f.value', kind: 'real', label: '数值' },
      { name: 'raw', sql: 'f.raw', kind: 'text', label: '原文' },
      { name: 'cell', sql: "CASE WHEN f.value IS NOT NULL THEN 'figure' WHEN f.raw IS NULL THEN 'not_found' ELSE 'blank' END", kind: 'text', label: '单元格' },
      { name: 'provenance', sql: 'f.provenance', kind: 'text', label: '出处' },
    ],
    from: 'FROM report_fields f JOIN reports r ON r.id = f.report_id WHERE f.report_id BETWEEN ? AND ? ORDER BY f.report_id, f.key',
    countSql: 'SELECT count(*) FROM report_fields',
  };
}

/** Every check of every report. */
export function checksTable(): ExportTable {
  return {
    stem: EXPORT_TABLES.checks,
    columns: [
      { name: 'report_id', sql: 'k.report_id', kind: 'int', label: '报告编号' },
      { name: 'organ', sql: 'r.organ', kind: 'text', label: '机关', perReport: true },
      { name: 'year', sql: 'r.year', kind: 'int', label: '年度', perReport: true },
      { name: 'rule', sql: 'k.rule', kind: 'text', label: '核对规则' },
      { name: 'ok', sql: 'k.ok', kind: 'bool', label: '通过' },
      { name: 'status', sql: 'k.status', kind: 'text', label: '结果' },
      { name: 'blame', sql: 'k.blame', kind: 'text', label: '归因' },
      { name: 'detail', sql: 'k.detail', kind: 'text', label: '说明' },
    ],
    from: 'FROM report_checks k JOIN reports r ON r.id = k.report_id WHERE k.report_id BETWEEN ? AND ? ORDER BY k.report_id, k.seq',
    countSql: 'SELECT count(*) FROM report_checks',
  };
}

/**
 * The organ registry: one row per organ with its printed names and the decisions about it. Rows
 * ride on the report chunks (an organ goes with the chunk of its first report; organs without
 * reports with the first chunk), so every writer reads it like the other tables.
 */
export function organsTable(): ExportTable {
  return {
    stem: EXPORT_TABLES.organs,
    columns: [
      { name: 'organ_id', sql: 'o.id', kind: 'int', label: '机关编号' },
      { name: 'name', sql: 'o.name', kind: 'text', label: '机关名称' },
      { name: 'level', sql: 'o.level', kind: 'text', label: '层级' },
      { name: 'division_code', sql: 'o.division_code', kind: 'text', label: '区划代码' },
      { name: 'parent_id', sql: 'o.parent_id', kind: 'int', label: '上级机关编号' },
      { name: 'portal_id', sql: 'o.portal_id', kind: 'int', label: '门户编号' },
      { name: 'portal_url', sql: '(SELECT url FROM portals WHERE id = o.portal_id)', kind: 'text', label: '门户网址' },
      { name: 'reports', sql: '(SELECT count(*) FROM reports WHERE organ_id = o.id)', kind: 'int', label: '报告数' },
      { name: 'printed_names', sql: "(SELECT group_concat(name, '；') FROM organ_aliases WHERE organ_id = o.id)", kind: 'text', label: '印发名称' },
      { name: 'doubts', sql: "(SELECT group_concat(name || '：' || doubt, '；') FROM organ_aliases WHERE organ_id = o.id AND doubt IS NOT NULL AND manual = 0)", kind: 'text', label: '存疑' },
      { name: 'decided_by_hand', sql: "(SELECT group_concat(name, '；') FROM organ_aliases WHERE organ_id = o.id AND manual = 1)", kind: 'text', label: '人工认定' },
    ],
    from: `FROM organs o WHERE coalesce((SELECT min(id) FROM reports WHERE organ_id = o.id), (SELECT min(id) FROM reports)) BETWEEN ? AND ? ORDER BY o.id`,
    countSql: 'SELECT count(*) FROM organs',
  };
}

/** The table of a short name. */
export function exportTable(archive: Archive, name: ExportTableName): ExportTable {
  return name === 'wide' ? wideTable(archive) : name === 'long' ? longTable() : name === 'organs' ? organsTable() : checksTable();
}

/** The SQL of a column as a number of days since 1970-01-01 (dates) or as it is. */
export function typedSql(column: ExportColumn): string {
  if (column.kind !== 'date') return column.sql;
  return `CASE WHEN ${column.sql} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN CAST(julianday(${column.sql}) - 2440587.5 AS INTEGER) END`;
}

/** Report-id ranges of about `reportsPerChunk` reports each, in id order. */
export function reportChunks(archive: Archive, reportsPerChunk: number): [number, number][] {
  const ids = archive.db.prepare('SELECT id FROM reports ORDER BY id').pluck().all() as number[];
  const chunks: [number, number][] = [];
  for (let i = 0; i < ids.length; i += reportsPerChunk) chunks.push([ids[i], ids[Math.min(i + reportsPerChunk, ids.length) - 1]]);
  return chunks;
}

/** How many rows a table has (for progress and the XLSX row limit). */
export function tableRowCount(archive: Archive, table: ExportTable): number {
  return archive.db.prepare(table.countSql).pluck().get() as number;
}
