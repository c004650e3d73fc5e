// Rebuilds table rows from tables flattened into a stream of cells — one cell per line with no row
// breaks, or a whole table (even a whole report) on one line — as text copies of web pages and some
// converters give them. The template says where rows start and how long they are: a known row
// label starts a row, and takes the number of value cells its table gives it (7 for a row of table
// "applications", 3 or 1 for table "active", 15 for the single row of table "reviews"); cells of
// a label that wrap (（三）不予公开 / 1.属于国家秘密) stay together. Rows already in their cells are
// left alone; a stream is regrouped only when it holds labels followed by figures.
import { isValueCell } from './cell-value.ts';
import { ACTIVE_COLUMNS, APPLICANT_COLUMNS, REVIEW_KEYS, identifyActiveRow, identifyApplicationRow, normaliseLabel } from './row-labels.ts';
import type { Cell, Row } from '../document/types.ts';

/** A stream needs this many figures and known labels to be taken for a flattened table. */
const MIN_STREAM_FIGURES = 6;
const MIN_STREAM_LABELS = 2;

/** Header words: a run of them is a header row, never the label of a data row. */
const HEADER_WORDS = /信息内容|申请人情况|勾稽|^自然人|法人或其他组织|^总计$|商业企业|科研机构|社会公益|法律服务|^其他$|行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|未经复议|复议后起诉|本年制发|本年废止|现行有效|处理决定|收费金额|新制作|新公开|对外公开|上一年|增.?减|采购项目|采购总金额/;

interface RowLabel {
  table: 'active' | 'applications';
  id: string;
}

function knownLabel(text: string, previousApp: string | null): RowLabel | null {
  const active = identifyActiveRow(text);
  if (active) return { table: 'active', id: active };
  const app = identifyApplicationRow(text, previousApp);
  return app ? { table: 'applications', id: app } : null;
}

function valueCount(label: RowLabel, template: '2021' | '2019'): number {
  if (label.table === 'applications') return APPLICANT_COLUMNS.length;
  return ACTIVE_COLUMNS[template][label.id]?.length ?? 1;
}

interface Building {
  labels: Cell[];
  values: Cell[];
  /** How many value cells this row takes: from its label, or the reviews row, or any (unknown label). */
  expected: number;
  header: boolean;
}

class Regrouper {
  readonly rows: Row[] = [];
  private current: Building | null = null;
  private previousApp: string | null = null;

  constructor(private readonly template: '2021' | '2019') {}

  private close(): void {
    if (this.current) this.rows.push({ cells: [...this.current.labels, ...this.current.values] });
    this.current = null;
  }

  private labelOf(building: Building): RowLabel | null {
    return knownLabel(building.labels.map((c) => c.text).join(''), this.previousApp);
  }

  private startLabel(cell: Cell): void {
    this.close();
    const header = HEADER_WORDS.test(normaliseLabel(cell.text));
    this.current = { labels: [cell], values: [], expected: Infinity, header };
    this.settleLabel();
  }

  /** Once the label is known, the row knows how many figures it takes. */
  private settleLabel(): void {
    const label = this.current && !this.current.header ? this.labelOf(this.current) : null;
    if (!label || !this.current) return;
    this.current.expected = valueCount(label, this.template);
    if (label.table === 'applications') this.previousApp = label.id;
  }

  text(cell: Cell): void {
    const c = this.current;
    const header = HEADER_WORDS.test(normaliseLabel(cell.text));
    if (!c || c.values.length > 0) return this.startLabel(cell);
    if (c.header) {
      // Header cells stay in one row until a data label comes.
      if (header || !knownLabel(cell.text, this.previousApp)) c.labels.push(cell);
      else this.startLabel(cell);
      return;
    }
    const completeSoFar = this.labelOf(c);
    if (completeSoFar && knownLabel(cell.text, this.previousApp)) return this.startLabel(cell);
    if (header) return this.startLabel(cell);
    c.labels.push(cell);
    this.settleLabel();
  }

  value(cell: Cell): void {
    const c = this.current;
    if (c && !c.header && c.labels.length && c.values.length < c.expected) {
      c.values.push(cell);
      if (c.values.length === c.expected) this.close();
      return;
    }
    if (c && c.labels.length === 0 && c.values.length < c.expected) {
      c.values.push(cell);
      if (c.values.length === c.expected) this.close();
      return;
    }
    // Figures after a header (the reviews row) or after a full row: a row with no label.
    this.close();
    this.current = { labels: [], values: [cell], expected: REVIEW_KEYS.length, header: false };
  }

  finish(): Row[] {
    this.close();
    return this.rows;
  }
}

function isStreamRow(row: Row): boolean {
  return !row.fromGrid && row.cells.length === 1;
}

/** Cells of a stream: labels and figures interleaved, enough of each. */
function looksFlattened(cells: Cell[]): boolean {
  let figures = 0;
  let labels = 0;
  let labelThenFigure = false;
  let previousWasLabel = false;
  for (const cell of cells) {
    if (isValueCell(cell.text)) {
      if (cell.text.trim() !== '') figures++;
      if (previousWasLabel) labelThenFigure = true;
      previousWasLabel = false;
    } else {
      if (knownLabel(cell.text, null)) labels++;
      previousWasLabel = true;
    }
  }
  return figures >= MIN_STREAM_FIGURES && labels >= MIN_STREAM_LABELS && labelThenFigure;
}

/** A line holding several known labels, each followed by figures (a table printed on one line). */
function isTableOnOneLine(row: Row): boolean {
  if (row.fromGrid || row.cells.length < 8) return false;
  let labelsWithFigures = 0;
  row.cells.forEach((cell, i) => {
    const next = row.cells[i + 1];
    if (next && isValueCell(next.text) && next.text.trim() !== '' && knownLabel(cell.text, null)) labelsWithFigures++;
  });
  return labelsWithFigures >= MIN_STREAM_LABELS;
}

function regroup(cells: Cell[], template: '2021' | '2019'): Row[] {
  const regrouper = new Regrouper(template);
  for (const cell of cells) {
    if (isValueCell(cell.text)) regrouper.value(cell);
    else regrouper.text(cell);
  }
  return regrouper.finish();
}

/** The rows with every flattened stream of cells regrouped into table rows; other rows as they were. */
export function regroupFlattenedRows(rows: Row[], template: '2021' | '2019'): Row[] {
  const out: Row[] = [];
  let run: Row[] = [];
  const flushRun = () => {
    const cells = run.flatMap((r) => r.cells);
    for (const row of run.length > 1 && looksFlattened(cells) ? regroup(cells, template) : run) out.push(row);
    run = [];
  };
  for (const row of rows) {
    if (isStreamRow(row)) {
      run.push(row);
      continue;
    }
    flushRun();
    for (const r of isTableOnOneLine(row) ? regroup(row.cells, template) : [row]) out.push(r);
  }
  flushRun();
  return out;
}
