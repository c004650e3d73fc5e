// What the parse could not fill, and why: a row the source does not print (a township's report
// without the 规章 row; 洪泽区's （六）其他处理 printed as one row for its three sub-rows) is the
// source's omission — its fields stay null and the check says so, blaming the source — while a row
// whose label was found but whose cells were not read, or a table not found at all, stays a doubt of
// the parse. Also: counts that cannot be counts, and tables and rows that have no canonical keys.
import { isNumberCell } from './cell-value.ts';
import { fieldSpec } from './fields.ts';
import type { ExtraRow, MappedFields, TableName } from './map-state.ts';
import type { Check, Row } from '../document/types.ts';

/** The row a key belongs to (`active.rules`, `apps.granted`), and its table. */
function rowOf(key: string): { row: string; table: TableName } {
  const [head, id] = key.split('.');
  if (head === 'active') return { row: `active.${id}`, table: 'active' };
  if (head === 'apps') return { row: `apps.${id}`, table: 'applications' };
  return { row: head, table: 'reviews' };
}

function printedLabel(key: string): string {
  const label = fieldSpec(key)?.rowLabel ?? key;
  return label.split(' ').pop() ?? label;
}

/** Characters two labels share, over the longer one's length (a label printed too differently to be matched). */
function overlap(a: string, b: string): number {
  const chars = new Set(b);
  let shared = 0;
  for (const c of a) if (chars.has(c)) shared++;
  return shared / Math.max(a.length, b.length, 1);
}

export interface Omissions {
  /** Keys of rows the source does not print. */
  keys: string[];
  check: Check | null;
}

/** Missing keys whose row the source leaves out: its table is there, its label is not (nor anything like it). */
export function sourceOmissions(mapped: MappedFields): Omissions {
  const byRow = new Map<string, string[]>();
  for (const key of mapped.missing) {
    const { row, table } = rowOf(key);
    if (table === 'reviews' || mapped.labelsSeen.has(row) || !mapped.tablesSeen.has(table)) continue;
    const label = printedLabel(key);
    const lookalike = mapped.extraRows.some((extra) => !extra.standsFor && overlap(extra.label, label) >= 0.6);
    if (lookalike) continue;
    byRow.set(row, [...(byRow.get(row) ?? []), key]);
  }
  if (byRow.size === 0) return { keys: [], check: null };
  const merged = mapped.extraRows.find((e) => e.standsFor);
  const mergedRows = new Set(merged?.standsFor!.split(', ').map((id) => `apps.${id}`) ?? []);
  const parts = [...byRow.entries()].filter(([row]) => !mergedRows.has(row)).map(([, keys]) => printedLabel(keys[0]).slice(0, 20));
  if ([...byRow.keys()].some((row) => mergedRows.has(row))) parts.push(`the sub-rows of "${merged!.label}", printed as one row (kept in extraRows)`);
  const keys = [...byRow.values()].flat();
  return {
    keys,
    check: {
      rule: 'source.rows_missing', ok: false, blame: 'source',
      detail: `the source prints no row for ${[...new Set(parts)].join('; ')}: ${keys.length} field(s) left null`,
    },
  };
}

/** Counts must be non-negative integers (signed 本年增/减 excepted): a cell that is not stays null, named here. */
export function countsCheck(mapped: MappedFields): Check | null {
  if (mapped.impossible.length === 0) return null;
  const ocr = mapped.impossible.some((i) => i.ocr);
  const list = mapped.impossible.slice(0, 6).map((i) => `${i.key} printed "${i.raw}"`).join('; ');
  return {
    rule: 'cells.counts', ok: false, blame: ocr ? 'parse' : 'source',
    detail: `a count must be a non-negative integer; left null: ${list}${mapped.impossible.length > 6 ? '; …' : ''}`,
  };
}

/** A grid table none of whose rows the template knows (信息处理费收取情况), kept as its cells' text. */
export interface ExtraTable {
  table: number;
  rows: string[][];
}

export function extraTables(rows: Row[], canonical: Set<number>): ExtraTable[] {
  const tables = new Map<number, string[][]>();
  for (const row of rows) {
    const index = row.fromGrid ? row.cells[0]?.prov.table : undefined;
    if (index === undefined || canonical.has(index)) continue;
    const texts = row.cells.filter((c) => !c.continuation).map((c) => c.text);
    if (texts.some((t) => t.trim())) tables.set(index, [...(tables.get(index) ?? []), texts]);
  }
  // Only tables with figures: a layout table of the page (索引号, 发布日期) is no report table.
  const withFigures = [...tables.entries()].filter(([, cells]) => cells.some((r) => r.some((t) => isNumberCell(t))));
  return withFigures.map(([table, cells]) => ({ table, rows: cells }));
}

export type { ExtraRow };
