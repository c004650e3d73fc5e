// A table label broken over two lines: the first line comes out as a row of its own above the row
// that carries the figures. Joining it into that row's label cell gives the mapper the whole label.
import type { Row } from '../types.ts';

const HAS_FIGURE = /^[\d.,，]+$/;

function isLabelOnly(row: Row): boolean {
  return row.cells.length === 1 && !/\d\s*$/.test(row.cells[0].text) && !/^[一二三四五六七八九十]+、/.test(row.cells[0].text);
}

function hasFigures(row: Row): boolean {
  return row.cells.length > 2 && row.cells.slice(1).some((c) => HAS_FIGURE.test(c.text.trim()));
}

/** Merges a label-only line into the label cell of the figure row right below it, same column. */
export function joinWrappedLabels(rows: Row[], lineHeight: number): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    const previous = out[out.length - 1];
    const [above, below] = [previous?.cells[0], row.cells[0]];
    const close = above && below && above.prov.page === below.prov.page
      && Math.abs((above.prov.x ?? 0) - (below.prov.x ?? 0)) < lineHeight * 1.5
      && (above.prov.y ?? 0) - (below.prov.y ?? 0) < lineHeight * 2.5;
    if (previous && close && isLabelOnly(previous) && hasFigures(row) && /^[^\d（(]/.test(below.text)) {
      out[out.length - 1] = { ...row, cells: [{ ...below, text: above.text + below.text, prov: above.prov }, ...row.cells.slice(1)] };
    } else out.push(row);
  }
  return out;
}
