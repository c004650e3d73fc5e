// Rows from plain text, in the layouts real extractions come in: one table row per line with cells
// separated by spaces (PDF text), tab-separated cells (Word/HTML exports), one cell per line with
// rows separated by blank lines, and pipe rows with or without a leading pipe (PDF→Markdown
// converters, text copies of web tables). Tables flattened further (a cell per line with no row
// breaks, a table on one line) are regrouped later from the template's labels (report/regroup.ts). Shared by the
// text reader and the readers whose documents hold running text (HTML, DOCX, DOC).
import type { Cell, Row } from './types.ts';

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

function splitLine(line: string, lineNo: number): Cell[] {
  if (line.includes('\t')) return line.split('\t').map((t, i) => cell(t, lineNo, i));
  const trimmed = line.trim();
  const pipes = pipeCells(trimmed);
  if (pipes) return pipes.map((t, i) => cell(t, lineNo, i));
  return trimmed.split(/[ \u3000\u00a0]+/).map((t, i) => cell(t, lineNo, i));
}

function isMarkdownRule(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}/.test(line) && /^[\s|:-]+$/.test(line);
}

function rowsOneCellPerLine(lines: string[]): Row[] {
  const rows: Row[] = [];
  let group: Cell[] = [];
  const flush = () => {
    if (group.length) rows.push({ cells: group });
    group = [];
  };
  lines.forEach((line, i) => {
    if (SINGLE_CELL_LINE.test(line)) {
      group.push(cell(line, i + 1, group.length));
    } else {
      flush();
      if (line.trim()) rows.push({ cells: splitLine(line, i + 1) });
    }
  });
  flush();
  return rows;
}

/** A line that holds nothing but pipes separates cells; it is no row. */
function isPipeOnly(line: string): boolean {
  return /^[\s|]+$/.test(line);
}

function rowsPerLine(lines: string[]): Row[] {
  return lines.flatMap((line, i) =>
    line.trim() && !isMarkdownRule(line) && !isPipeOnly(line) ? [{ cells: splitLine(line, i + 1) }] : [],
  );
}

/** Splits plain text (already decoded) into rows. */
export function rowsFromText(text: string): Row[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return isCellPerLine(lines) ? rowsOneCellPerLine(lines) : rowsPerLine(lines);
}
