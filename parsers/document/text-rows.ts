// Rows from plain text, in the layouts real extractions come in: one table row per line with cells
// separated by spaces (PDF text), tab-separated cells (Word/HTML exports), one cell per line with
// rows separated by blank lines, and pipe rows with or without a leading pipe (PDF→Markdown
// converters, text copies of web tables). Tables flattened further (a cell per line with no row
// breaks, a table on one line) are regrouped later from the template's labels (report/regroup.ts). Shared by the
// text reader and the readers whose documents hold running text (HTML, DOCX, DOC).
import { UnreadableDocumentError } from './errors.ts';
import type { Cell, Row } from './types.ts';

/**
 * Cells one document may be split into. A report has about a thousand; a 40 MiB text of figures
 * would give tens of millions of cell objects and gigabytes, so past this the document is refused
 * (too_complex) instead of exhausting memory.
 */
export const MAX_CELLS = 300_000;

/** A running count of the cells made for one document (shared by all its lines). */
export interface CellBudget {
  cells: number;
}

function spend(budget: CellBudget, cells: number): void {
  budget.cells += cells;
  if (budget.cells > MAX_CELLS) {
    throw new UnreadableDocumentError(`the text splits into over ${MAX_CELLS.toLocaleString('en')} cells: no report is that large`, 'too_complex');
  }
}

const SINGLE_CELL_LINE = /^\t[^\t]*$/;

function cell(text: string, line: number, col: number): Cell {
  return { text: text.trim(), prov: { line, col } };
}

/** A document is in the cell-per-line layout when lone tab-prefixed lines outnumber tabbed rows. */
function isCellPerLine(lines: string[]): boolean {
  const single = lines.filter((l) => SINGLE_CELL_LINE.test(l)).length;
  const multi = lines.filter((l) => (l.match(/\t/g) ?? []).length >= 2).length;
  return single > 20 && single > multi * 2;
}

/**
 * A line is a pipe row when it starts with a pipe (Markdown) or holds two pipes or more (`规章 | 0 |
 * 0 | 0 |`, as converters and text copies of web tables write them); a line ending in one pipe
 * (`规章 |`) is one cell of a table printed one cell per line.
 */
function pipeCells(trimmed: string): string[] | null {
  const pipes = trimmed.split('|').length - 1;
  if (pipes === 0 || (pipes === 1 && !/^\||\|$/.test(trimmed))) return null;
  return trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|');
}

/** How many of `chars` the text holds (an upper bound of its cells), counted without allocating. */
function separators(text: string, chars: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i])) n++;
  return n;
}

function splitLine(line: string, lineNo: number, budget: CellBudget): Cell[] {
  if (line.length > 1000) spend({ cells: budget.cells }, separators(line, ' \t|\u3000\u00a0') / 2);
  const trimmed = line.trim();
  const pieces = line.includes('\t') ? line.split('\t') : (pipeCells(trimmed) ?? trimmed.split(/[ \u3000\u00a0]+/));
  spend(budget, pieces.length);
  return pieces.map((t, i) => cell(t, lineNo, i));
}

function isMarkdownRule(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}/.test(line) && /^[\s|:-]+$/.test(line);
}

function rowsOneCellPerLine(lines: string[], budget: CellBudget): Row[] {
  const rows: Row[] = [];
  let group: Cell[] = [];
  const flush = () => {
    if (group.length) rows.push({ cells: group });
    group = [];
  };
  lines.forEach((line, i) => {
    if (SINGLE_CELL_LINE.test(line)) {
      spend(budget, 1);
      group.push(cell(line, i + 1, group.length));
    } else {
      flush();
      if (line.trim()) rows.push({ cells: splitLine(line, i + 1, budget) });
    }
  });
  flush();
  return rows;
}

/** A line that holds nothing but pipes separates cells; it is no row. */
function isPipeOnly(line: string): boolean {
  return /^[\s|]+$/.test(line);
}

function rowsPerLine(lines: string[], budget: CellBudget): Row[] {
  const rows: Row[] = [];
  lines.forEach((line, i) => {
    if (line.trim() && !isMarkdownRule(line) && !isPipeOnly(line)) rows.push({ cells: splitLine(line, i + 1, budget) });
  });
  return rows;
}

/** Splits plain text (already decoded) into rows; throws UnreadableDocumentError (too_complex) past MAX_CELLS. */
export function rowsFromText(text: string, budget: CellBudget = { cells: 0 }): Row[] {
  // Refuse before splitting: 20 million lines would be gigabytes of strings before the first cell.
  spend({ cells: budget.cells }, separators(text, '\n') / 2);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows = isCellPerLine(lines) ? rowsOneCellPerLine(lines, budget) : rowsPerLine(lines, budget);
  return rows;
}
