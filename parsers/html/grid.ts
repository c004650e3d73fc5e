// Expands an HTML <table> into a rectangular grid: a cell with rowspan/colspan fills every position
// it covers; the covered positions are marked as continuations so merged labels shift no values.
// Rows are the table's own (a nested table's rows are not), found without recursion.
import type { Cell, Row } from '../document/types.ts';
import type { HtmlElement, HtmlNode } from './tree.ts';
import { SKIPPED_TAGS } from './page-scan.ts';

/** Text of a cell: <br> joins its pieces without a space ("社会公益<br>组织" is one label). */
export function cellText(cell: HtmlElement): string {
  let text = '';
  const stack: HtmlNode[] = [cell];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'text') {
      text += node.data;
      continue;
    }
    if (SKIPPED_TAGS.has(node.name)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return text.replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 200) : 1;
}

/** The <tr> elements of this table in order, not descending into nested tables. */
function ownRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  const stack: HtmlNode[] = [...table.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'text' || node.name === 'table') continue;
    if (node.name === 'tr') rows.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return rows;
}

/** Grid positions one table may fill: spans of 200 × 200 on every cell must not exhaust memory. */
export const MAX_GRID_CELLS = 100_000;

export interface ExpandedTable {
  rows: Row[];
  /** True when the table would fill more than MAX_GRID_CELLS positions and was cut there. */
  truncated: boolean;
}

/** Rows of the table (only its own rows, not those of nested tables), blanks kept as "". */
export function expandTable(table: HtmlElement, tableIndex: number): ExpandedTable {
  const trs = ownRows(table);
  const grid: (Cell | undefined)[][] = [];
  let filled = 0;
  let truncated = false;
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of tr.children) {
      if (td.kind !== 'element' || (td.name !== 'td' && td.name !== 'th')) continue;
      while (grid[r][c]) c++;
      const rows = span(td.attribs.rowspan);
      const cols = span(td.attribs.colspan);
      filled += Math.min(rows, trs.length - r) * cols;
      if (filled > MAX_GRID_CELLS) {
        truncated = true;
        return;
      }
      const text = cellText(td);
      for (let dr = 0; dr < rows && r + dr < trs.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc++) {
          const origin = dr === 0 && dc === 0;
          grid[r + dr][c + dc] = {
            text: origin ? text : '',
            prov: { table: tableIndex, row: r, col: c },
            ...(origin ? {} : { continuation: true }),
          };
        }
      }
      c += cols;
    }
  });
  const rows = grid.map((cells, r) => ({
    cells: Array.from(cells, (cell, c) => cell ?? { text: '', prov: { table: tableIndex, row: r, col: c } }),
    fromGrid: true,
  }));
  return { rows, truncated };
}
