// The format-neutral heart: walks the rows of any document, recognises the rows of the three
// tables and reads their figures into the canonical keys, keeping each raw string and its source.
import { fieldKeysFor } from './fields.ts';
import {
  ACTIVE_COLUMNS, APPLICANT_COLUMNS, REVIEW_KEYS, activeColumnKey, identifyActiveRow, identifyApplicationRow, normaliseLabel,
} from './row-labels.ts';
import { fitValues, splitRow, type RowParts } from './row-values.ts';
import type { Cell, Row } from '../document/types.ts';
import { assign, newWalker, noteRow, type MappedFields, type Walker } from './map-state.ts';
import { applicationRowOrder, placeUnlabelledRows, type AppsEvent } from './unlabelled-rows.ts';
import { tableUnitNote, unitInHeader } from './units.ts';

export type { MappedFields } from './map-state.ts';

/** The field keys of one row of table "applications", one per applicant column. */
function applicationRowKeys(id: string): string[] {
  return APPLICANT_COLUMNS.map((col) => `apps.${id}.${col}`);
}

function assignApplicationRow(w: Walker, id: string, values: Cell[], doubt?: string): void {
  const keys = applicationRowKeys(id);
  const fitted = fitValues(values, keys.length);
  const why = [fitted.doubt, doubt].filter(Boolean).join('; ');
  assign(w, keys, fitted.cells, why ? `row ${id}: ${why}` : undefined);
  if (id === 'carried_forward') w.appsClosed = true;
  w.appsEvents.push({ kind: 'row', id });
  w.previousApp = id;
  w.pendingApps = [];
  w.pendingLabel = '';
}

/**
 * A row of figures without a label belongs to the label line read just before it when that is a
 * plain wrap: one waiting label, read whole, for a row after the last one read. Otherwise (several
 * labels waiting, a label pieced from fragments, labels out of order, or none) the labels are out of
 * step with the rows, so the row waits to be placed by template order once the table is read.
 */
function assignBareRow(w: Walker, values: Cell[]): void {
  const [only, ...others] = w.pendingApps;
  const plainWrap = only && others.length === 0 && !only.fromFragments && comesAfter(w, only.id, w.previousApp);
  w.pendingApps = [];
  if (plainWrap && values.length >= APPLICANT_COLUMNS.length) {
    assignApplicationRow(w, only.id, values);
  } else if (values.length > 1) {
    // Even a short row (blank cells vanished) takes its place in the run: it cannot be placed,
    // and counting it keeps the rows around it from being placed one slot off.
    w.appsEvents.push({ kind: 'bare', values });
  } else {
    // A lone figure is no row (a row prints at least a column and its total): a stray cell of
    // another row. Nothing is read from it, and the rows around it stay placeable.
    const under = plainWrap ? ` under the label of ${only.id}` : '';
    const keys = plainWrap ? applicationRowKeys(only.id) : [];
    const line = values[0].prov.line ? ` on line ${values[0].prov.line}` : '';
    w.out.doubts.push({ keys, message: `a lone figure (${values[0].text})${line}${under} was not placed` });
  }
}

/** True unless both rows are known and `id` comes before `previous` in the template. */
function comesAfter(w: Walker, id: string, previous: string | null): boolean {
  const order = w.appsOrder;
  return previous === null || !order.includes(previous) || order.indexOf(id) > order.indexOf(previous);
}

/** Places the label-less rows by template order, after the whole table has been read. */
function placeBareRows(w: Walker): void {
  const isRead = (id: string) => applicationRowKeys(id).some((key) => key in w.out.cells);
  const outcome = placeUnlabelledRows(w.appsEvents, w.appsOrder, APPLICANT_COLUMNS.length, isRead);
  for (const { id, values } of outcome.placements) assign(w, applicationRowKeys(id), fitValues(values, APPLICANT_COLUMNS.length).cells);
  for (const d of outcome.doubts) w.out.doubts.push({ keys: d.ids.flatMap(applicationRowKeys), message: d.message });
}

function templateHasRow(w: Walker, id: string): boolean {
  return w.keys.has(`apps.${id}.total`);
}

function assignActiveRow(w: Walker, id: string, values: Cell[]): void {
  const defaults = ACTIVE_COLUMNS[w.template][id] ?? [];
  const header = w.activeHeader?.filter((k) => defaults.includes(k));
  const columns = header && header.length === defaults.length ? header : defaults;
  if (columns.length === 0) return;
  const fitted = fitValues(values, columns.length);
  assign(w, columns.map((col) => `active.${id}.${col}`), fitted.cells, fitted.doubt && `row ${id}: ${fitted.doubt}`);
}

function readActiveHeader(w: Walker, row: Row): boolean {
  const texts = row.cells.filter((c) => !c.continuation).map((c) => c.text);
  if (!texts.some((t) => /信息内容/.test(normaliseLabel(t)))) return false;
  noteRow(w, 'active', row);
  w.activeHeader = texts.map(activeColumnKey).filter((k): k is string => k !== null);
  w.activeUnits = {};
  for (const text of texts) {
    const key = activeColumnKey(text);
    const unit = unitInHeader(text);
    if (key && unit) w.activeUnits[key] = unit;
  }
  return true;
}

function feedReviews(w: Walker, parts: RowParts, row: Row): boolean {
  if (!w.reviewsHeaderSeen || parts.label !== '' || !parts.hasValueCells) return false;
  if (parts.numbers === 0 && parts.values.length < REVIEW_KEYS.length) return false;
  w.reviewBuffer.push(...parts.values);
  noteRow(w, 'reviews', row);
  if (w.reviewBuffer.length >= REVIEW_KEYS.length) {
    const fitted = fitValues(w.reviewBuffer, REVIEW_KEYS.length);
    assign(w, REVIEW_KEYS, fitted.cells, fitted.doubt && `reviews: ${fitted.doubt}`);
    w.reviewBuffer = [];
    w.reviewsHeaderSeen = false;
    w.context = null;
  }
  return true;
}

/** A header row of table "reviews": a cell that is just 行政复议 (a regrouped header row holds many). */
function hasReviewsHeaderCell(row: Row): boolean {
  return row.cells.some((c) => !c.continuation && normaliseLabel(c.text) === '行政复议');
}

function noteHeaders(w: Walker, label: string, row: Row): void {
  const norm = normaliseLabel(label);
  if (/申请人情况|勾稽关系|^自然人/.test(norm)) {
    // The table of applications comes before the one of reviews: a "reviews header" read earlier
    // was running text, and its figures must not swallow the rows of this table.
    w.appsHeaderSeen = true;
    w.reviewsHeaderSeen = false;
    w.tableUnit = null;
    w.reviewBuffer = [];
    noteRow(w, 'applications', row);
  }
  // A sentence of the narrative ("…该行政复议件未被纠错。") is not a table header.
  const sentence = /[，。；]/.test(label);
  if ((/行政复议/.test(norm) && norm.length <= 40 && !/\d/.test(norm) && !sentence) || hasReviewsHeaderCell(row)) {
    w.reviewsHeaderSeen = true;
    w.context = 'reviews';
  }
}

/** A lone `单位：元` above a table sets the unit of its amounts. */
function readUnitNote(w: Walker, row: Row): boolean {
  const texts = row.cells.filter((c) => !c.continuation && c.text.trim());
  const unit = texts.length === 1 ? tableUnitNote(texts[0].text) : null;
  if (unit) w.tableUnit = unit;
  return unit !== null;
}

function walkRow(w: Walker, row: Row): void {
  if (readUnitNote(w, row) || readActiveHeader(w, row)) return;
  const parts = splitRow(row);
  noteHeaders(w, parts.label, row);
  if (feedReviews(w, parts, row)) return;
  const activeId = parts.label ? identifyActiveRow(parts.label) : null;
  if (activeId) {
    noteRow(w, 'active', row, `active.${activeId}`);
    if (parts.hasValueCells) assignActiveRow(w, activeId, parts.values);
    return;
  }
  const ownId = parts.label ? identifyApplicationRow(parts.label, w.previousApp) : null;
  const joinedId = ownId ?? (parts.label && w.pendingLabel ? identifyApplicationRow(w.pendingLabel + parts.label, w.previousApp) : null);
  const appsContext = w.appsHeaderSeen || parts.numbers >= APPLICANT_COLUMNS.length;
  if (joinedId && appsContext) {
    noteRow(w, 'applications', row, `apps.${joinedId}`);
    if (parts.hasValueCells && !templateHasRow(w, joinedId)) keepOtherGenerationRow(w, joinedId, parts, row);
    else if (parts.hasValueCells) assignApplicationRow(w, joinedId, parts.values);
    else if (templateHasRow(w, joinedId) && !w.pendingApps.some((p) => p.id === joinedId)) {
      w.pendingApps.push({ id: joinedId, fromFragments: ownId === null });
      w.pendingLabel = '';
    }
    return;
  }
  if (!parts.label && parts.numbers > 0 && (w.pendingApps.length || (w.appsHeaderSeen && !w.reviewsHeaderSeen && !w.appsClosed))) {
    assignBareRow(w, parts.values);
    return;
  }
  if (parts.label && parts.numbers > 0) keepExtraRow(w, parts, row);
  if (parts.label && !parts.hasValueCells) w.pendingLabel = (w.pendingLabel + parts.label).slice(-120);
}

/** A labelled row with figures inside a table, matching no row of the template: kept, not dropped. */
function keepExtraRow(w: Walker, parts: RowParts, row: Row): void {
  const sentence = /[，。；]/.test(parts.label) || parts.label.length > 60;
  const table = row.cells.find((c) => c.prov.table !== undefined)?.prov.table;
  // A row of a grid table that holds no canonical row is part of an extra table, kept whole elsewhere.
  const otherTable = row.fromGrid && table !== undefined && !w.out.canonicalTables.has(table);
  if (!w.context || sentence || otherTable) return;
  const source = parts.values[0]?.prov ?? null;
  w.out.extraRows.push({ table: w.context, label: parts.label, cells: parts.values.map((c) => c.text), source });
}

/**
 * A row of the other table generation: （六）其他处理 printed as one row in a 2021-format table (洪泽区
 * prints it so) stands for the three sub-rows the template has; a 2021 sub-row in a 2019 table is kept
 * the same way. Its figures have no canonical keys, so they are kept as an extra row.
 */
function keepOtherGenerationRow(w: Walker, id: string, parts: RowParts, row: Row): void {
  const standsFor = id === 'other' ? 'other_no_correction, other_unpaid_fee, other_other' : 'other';
  w.out.extraRows.push({ table: 'applications', label: parts.label, cells: parts.values.map((c) => c.text), source: parts.values[0]?.prov ?? null, standsFor });
  w.previousApp = id;
  noteRow(w, 'applications', row, `apps.${id}`);
}

/** Reads every field of `template` from the rows; fields whose row was not found stay null. */
export function mapFields(rows: Row[], template: '2021' | '2019'): MappedFields {
  const keys = fieldKeysFor(template);
  const w = newWalker(template, keys, applicationRowOrder(keys));
  const out = w.out;
  for (const row of rows) walkRow(w, row);
  placeBareRows(w);
  const fields: Record<string, number | null> = {};
  for (const key of keys) fields[key] = key in out.fields ? out.fields[key] : null;
  out.fields = fields;
  out.missing = keys.filter((k) => !(k in out.cells));
  return out;
}
