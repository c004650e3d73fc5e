// Rows from plain text, in the layouts real extractions come in: one table row per line with cells
// separated by spaces (PDF text), tab-separated cells (Word/HTML exports), one cell per line with
// rows separated by blank lines, and Markdown pipe tables (PDF→Markdown converters). Shared by the
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

function splitLine(line: string, lineNo: number): Cell[] {
  if (line.includes('\t')) return line.split('\t').map((t, i) => cell(t, lineNo, i));
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) {
    return trimmed.replace(/^\||\|$/g, '').split('|').map((t, i) => cell(t, lineNo, i));
  }
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

function rowsPerLine(lines: string[]): Row[] {
  return lines.flatMap((line, i) =>
    line.trim() && !isMarkdownRule(line) ? [{ cells: splitLine(line, i + 1) }] : [],
  );
}

/** Splits plain text (already decoded) into rows. */
export function rowsFromText(text: string): Row[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return isCellPerLine(lines) ? rowsOneCellPerLine(lines) : rowsPerLine(lines);
}
