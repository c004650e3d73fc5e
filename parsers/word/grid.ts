// Expands the rows of a Word 97 binary table into a rectangular grid: each row's cell edges are
// placed on the columns formed by every edge of the table (a wide cell spans several, like a
// DOCX gridSpan), and vertically merged continuations are marked so labels shift no figures.
import type { Cell, Row } from '../document/types.ts';
import type { CellLayout } from './papx.ts';

/** One table row as read from the text: its cells' texts and, if the file gave it, their layout. */
export interface WordTableRow {
  texts: string[];
  layout?: CellLayout[];
}

/** Edges closer than this (twips, 1/20 pt) are one column boundary. */
const EDGE_TOLERANCE = 30;

function tableEdges(rows: WordTableRow[]): number[] {
  const all = rows.flatMap((row) => (row.layout ?? []).flatMap((cell) => [cell.left, cell.right])).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const edge of all) if (edges.length === 0 || edge - edges[edges.length - 1] > EDGE_TOLERANCE) edges.push(edge);
  return edges;
}

function nearestEdge(edges: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
  return best;
}

function layoutFits(row: WordTableRow): row is Required<WordTableRow> {
  return row.layout !== undefined && row.layout.length === row.texts.length && row.layout.length > 0;
}

/** Grid rows of one table; a row whose layout is missing or inconsistent keeps one column per cell. */
export function expandWordBinaryTable(rows: WordTableRow[], tableIndex: number): Row[] {
  const edges = tableEdges(rows.filter(layoutFits));
  const grid: Cell[][] = [];
  rows.forEach((row, r) => {
    const cells: Cell[] = [];
    const push = (text: string, originRow: number, continuation: boolean) => cells.push({
      text, prov: { table: tableIndex, row: originRow, col: cells.length }, ...(continuation ? { continuation: true } : {}),
    });
    if (!layoutFits(row) || edges.length < 2) {
      for (const text of row.texts) push(text, r, false);
    } else {
      row.layout.forEach((layout, i) => {
        const start = nearestEdge(edges, layout.left);
        const span = Math.max(1, nearestEdge(edges, layout.right) - start);
        while (cells.length < start) push('', r, false);
        const coveredFromAbove = layout.vMerge === 'continue' && r > 0;
        const originRow = coveredFromAbove ? (grid[r - 1]?.[cells.length]?.prov.row ?? r) : r;
        const covered = coveredFromAbove || layout.hMerged;
        for (let c = 0; c < span; c++) push(c === 0 && !covered ? row.texts[i] : '', originRow, covered || c > 0);
      });
    }
    grid.push(cells);
  });
  return grid.map((cells) => ({ cells, fromGrid: true }));
}
