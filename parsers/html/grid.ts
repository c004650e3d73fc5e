// Expands an HTML <table> into a rectangular grid: a cell with rowspan/colspan fills every position
// it covers; the covered positions are marked as continuations so merged labels shift no values.
import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { Cell, Row } from '../document/types.ts';

function cellText($: cheerio.CheerioAPI, td: Element): string {
  // Headers split by <br> ("社会公益<br>组织") are one label: join pieces without a space.
  const clone = $(td).clone();
  clone.find('br').replaceWith('');
  clone.find('script, style').remove();
  return clone.text().replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 200) : 1;
}

/** Rows of the table (only its own rows, not those of nested tables), blanks kept as "". */
export function expandTable($: cheerio.CheerioAPI, table: Element, tableIndex: number): Row[] {
  const trs = $(table).find('tr').filter((_, tr) => $(tr).closest('table')[0] === table).toArray();
  const grid: (Cell | undefined)[][] = [];
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of $(tr).children('td, th').toArray()) {
      while (grid[r][c]) c++;
      const rows = span($(td).attr('rowspan'));
      const cols = span($(td).attr('colspan'));
      const text = cellText($, td);
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
  return grid.map((cells, r) => ({
    cells: Array.from(cells, (cell, c) => cell ?? { text: '', prov: { table: tableIndex, row: r, col: c } }),
    fromGrid: true,
  }));
}
