// A row of bare figures under a multi-line header (the review/suit table) loses its blank cells
// in the text layer. The header's short column titles (维持, 纠正, 总计…) give the column centres;
// each figure goes to its nearest column and the empty columns become "" cells, so positions hold.
import type { Cell, Row } from '../types.ts';

const FIGURE = /^[\d.,]+$/;

function centre(cell: Cell): number {
  return (cell.prov.x ?? 0) + ((cell as Cell & { width?: number }).width ?? 0) / 2;
}

function headerCentres(header: Row[], tolerance: number): number[] {
  const centres = header.flatMap((r) => r.cells.filter((c) => c.text.replace(/\s/g, '').length <= 2).map(centre)).sort((a, b) => a - b);
  const columns: number[][] = [];
  for (const x of centres) {
    const last = columns[columns.length - 1];
    if (last && x - last[last.length - 1] < tolerance) last.push(x);
    else columns.push([x]);
  }
  return columns.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

/** Re-spaces figure-only rows into the columns of the header block above them. */
export function placeFiguresInColumns(rows: Row[], lineHeight: number): Row[] {
  return rows.map((row, index) => {
    if (row.cells.length < 3 || !row.cells.every((c) => FIGURE.test(c.text))) return row;
    const header: Row[] = [];
    for (let k = index - 1; k >= 0 && header.length < 8; k--) {
      if (rows[k].cells.some((c) => FIGURE.test(c.text))) break;
      header.push(rows[k]);
    }
    if (header.filter((r) => r.cells.length >= 4).length < 2) return row;
    const columns = headerCentres(header, lineHeight * 1.2);
    if (columns.length <= row.cells.length) return row;
    const slots: (Cell | null)[] = columns.map(() => null);
    for (const cell of row.cells) {
      const nearest = columns.reduce((best, x, i) => (Math.abs(x - centre(cell)) < Math.abs(columns[best] - centre(cell)) ? i : best), 0);
      if (slots[nearest]) return row; // two figures in one column: the header is not understood
      slots[nearest] = cell;
    }
    const first = row.cells[0];
    const cells = slots.map((cell, col) => cell ?? { text: '', prov: { page: first.prov.page, x: Math.round(columns[col]), y: first.prov.y } });
    return { cells: cells.map((c, col) => ({ ...c, prov: { ...c.prov, col } })), fromGrid: true };
  });
}
