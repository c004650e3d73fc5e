// The state of one walk over a document's rows (map-fields.ts) and what it produces: figures with
// their raw strings and sources, doubts, and the facts the completeness checks need — which row
// labels and tables were seen, rows printed without canonical keys, counts that cannot be counts.
import { readCell } from './cell-value.ts';
import { fieldSpec } from './fields.ts';
import { readAmount, type AmountUnit } from './units.ts';
import type { Cell, FieldCell, Provenance, Row } from '../document/types.ts';
import type { AppsEvent } from './unlabelled-rows.ts';

export type TableName = 'active' | 'applications' | 'reviews';

/** A row printed with figures that has no canonical keys (信息处理费, 其他主动公开文件, a merged （六）其他处理). */
export interface ExtraRow {
  table: TableName | null;
  label: string;
  cells: string[];
  source: Provenance | null;
  /** Set when the row stands in for template rows (a merged （六）其他处理 for its three sub-rows). */
  standsFor?: string;
}

export interface MappedFields {
  fields: Record<string, number | null>;
  cells: Record<string, FieldCell>;
  /** Parse doubts: keys whose cells could not be placed with certainty. */
  doubts: { keys: string[]; message: string }[];
  /** Keys whose row was never found in the document. */
  missing: string[];
  /** Row ids (`active.rules`, `apps.granted`) whose label the walk identified, figures or not. */
  labelsSeen: Set<string>;
  /** Tables whose header or rows the walk found. */
  tablesSeen: Set<TableName>;
  /** Grid tables (by index) that held a canonical header or row. */
  canonicalTables: Set<number>;
  extraRows: ExtraRow[];
  /** Count cells that hold no count (negative, fractional): left null, kept here. */
  impossible: { key: string; raw: string; ocr: boolean }[];
}

export interface Walker {
  template: '2021' | '2019';
  keys: Set<string>;
  out: MappedFields;
  appsHeaderSeen: boolean;
  reviewsHeaderSeen: boolean;
  /** Rows recognised by a label line whose figures have not come yet (text where figures wrap). */
  pendingApps: { id: string; fromFragments: boolean }[];
  previousApp: string | null;
  pendingLabel: string;
  activeHeader: string[] | null;
  reviewBuffer: Cell[];
  /** Labelled and label-less rows of table "applications" in reading order, for placing the latter. */
  appsEvents: AppsEvent[];
  /** The template's rows of table "applications" in printed order. */
  appsOrder: string[];
  /** Units the last header row of table "active" declared per column, and a note above the table. */
  activeUnits: Record<string, AmountUnit>;
  tableUnit: AmountUnit | null;
  /** The table the walk is in, from the last header or row recognised. */
  context: TableName | null;
  /** Table "applications" ended (its 结转下年度 row was read): label-less figures after it are not its rows. */
  appsClosed: boolean;
}

/** Reads one cell for a key: counts as they are, amounts in the unit printed nearest them. */
function readFor(w: Walker, key: string, cell: Cell): { value: number | null; prov: Cell['prov']; doubt?: string } {
  if (fieldSpec(key)?.unit !== '10k_yuan') return { value: countValue(w, key, cell), prov: cell.prov };
  const column = key.split('.').pop()!;
  const amount = readAmount(cell.text, w.activeUnits[column] ?? null, w.tableUnit);
  return { value: amount.value, prov: { ...cell.prov, unit: amount.unit, unitFrom: amount.unitFrom }, doubt: amount.doubt };
}

export function assign(w: Walker, keys: string[], cells: (Cell | null)[], doubt?: string): void {
  const fresh = keys.filter((k, i) => w.keys.has(k) && (!(k in w.out.cells) || (w.out.fields[k] === null && cells[i])));
  if (fresh.length === 0) return;
  keys.forEach((key, i) => {
    if (!fresh.includes(key)) return;
    const cell = cells[i];
    const read = cell ? readFor(w, key, cell) : null;
    w.out.fields[key] = read ? read.value : null;
    w.out.cells[key] = { raw: cell ? cell.text : null, source: read ? read.prov : null };
    if (read?.doubt) w.out.doubts.push({ keys: [key], message: `${key}: ${read.doubt}` });
  });
  if (doubt) w.out.doubts.push({ keys: fresh, message: doubt });
}


/** Signed 本年增/减 columns may be negative; every other count is a non-negative integer. */
function countValue(w: Walker, key: string, cell: Cell): number | null {
  const value = readCell(cell.text).value;
  if (value === null) return null;
  const signed = key.endsWith('.change');
  if (Number.isInteger(value) && (signed || value >= 0)) return value;
  w.out.impossible.push({ key, raw: cell.text, ocr: Boolean(cell.prov.ocr) });
  return null;
}

/** Notes that a row of `table` was recognised (its label `rowId`, when it has one) in the row's grid table. */
export function noteRow(w: Walker, table: TableName, row: Row, rowId?: string): void {
  w.out.tablesSeen.add(table);
  if (rowId) w.out.labelsSeen.add(rowId);
  const index = row.cells.find((c) => c.prov.table !== undefined)?.prov.table;
  if (row.fromGrid && index !== undefined) w.out.canonicalTables.add(index);
  w.context = table;
}

export function newWalker(template: '2021' | '2019', keys: string[], appsOrder: string[]): Walker {
  const out: MappedFields = {
    fields: {}, cells: {}, doubts: [], missing: [], labelsSeen: new Set(), tablesSeen: new Set(), canonicalTables: new Set(), extraRows: [], impossible: [],
  };
  return {
    template, keys: new Set(keys), out, appsHeaderSeen: false, reviewsHeaderSeen: false,
    pendingApps: [], previousApp: null, pendingLabel: '', activeHeader: null, reviewBuffer: [], appsEvents: [], appsOrder,
    activeUnits: {}, tableUnit: null, context: null, appsClosed: false,
  };
}
