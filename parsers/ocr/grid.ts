// Finds the ruled tables of a page image: the ruling lines form a mask, and every region of the
// page that the mask closes off from the page margin is one table cell (merged cells included, as
// they are simply bigger regions). Cells are then placed on their table's row and column grid.
import { longRunMask, type GreyImage } from './rules.ts';
import { sealOpenTables } from './seal.ts';

/** One ruled cell in pixels (its inside, lines excluded) and its place in the table grid. */
export interface GridCell {
  left: number;
  top: number;
  right: number;
  bottom: number;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** A ruled table: its cells and the box around them, in pixels. */
export interface GridTable {
  cells: GridCell[];
  rows: number;
  cols: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

type Box = Pick<GridCell, 'left' | 'top' | 'right' | 'bottom'>;

// Pixels darker than this can be ruling; anti-aliased lines of a 150 dpi scan are mid-grey.
const LINE_DARK = 200;
// Runs this long (pixels at 300 dpi, about 7 mm) are lines, not strokes of a character.
const MIN_LINE_RUN = 80;
// A region smaller than this (pixels) is a gap between double lines, not a cell.
const MIN_CELL_SIDE = 24;
// Borders of neighbouring cells closer than this (pixels) are the same grid line.
const EDGE_TOLERANCE = 14;

/**
 * Marks the pixels of every long horizontal or vertical dark run, then closes tables left open
 * at a page break (their vertical lines run off into nothing), so their last row is a cell too.
 * `overInk` marks where coloured ink lay (see longRunMask).
 */
export function lineMask(image: GreyImage, minRun = MIN_LINE_RUN, dark = LINE_DARK, gap = 0, overInk: Uint8Array | null = null): Uint8Array {
  const mask = longRunMask(image, minRun, dark, gap, overInk);
  sealOpenTables(mask, image.width, image.height, minRun);
  return mask;
}

/** Boxes of the regions enclosed by the mask (4-connected, not reaching the image border). */
export function enclosedRegions(mask: Uint8Array, width: number, height: number): Box[] {
  const label = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: Box[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] || label[start]) continue;
    const box = { left: width, top: height, right: -1, bottom: -1 };
    let open = false;
    let size = 0;
    stack[size++] = start;
    label[start] = 1;
    while (size) {
      const i = stack[--size];
      const x = i % width;
      const y = (i - x) / width;
      if (x < box.left) box.left = x;
      if (x > box.right) box.right = x;
      if (y < box.top) box.top = y;
      if (y > box.bottom) box.bottom = y;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) open = true;
      // Neighbours left, right, up, down; the image edge stops the fill (and marks it open).
      if (x > 0 && !mask[i - 1] && !label[i - 1]) { label[i - 1] = 1; stack[size++] = i - 1; }
      if (x < width - 1 && !mask[i + 1] && !label[i + 1]) { label[i + 1] = 1; stack[size++] = i + 1; }
      if (y > 0 && !mask[i - width] && !label[i - width]) { label[i - width] = 1; stack[size++] = i - width; }
      if (y < height - 1 && !mask[i + width] && !label[i + width]) { label[i + width] = 1; stack[size++] = i + width; }
    }
    if (!open && box.right - box.left >= MIN_CELL_SIDE && box.bottom - box.top >= MIN_CELL_SIDE) boxes.push(box);
  }
  return boxes;
}

function touches(a: Box, b: Box): boolean {
  return a.left <= b.right + EDGE_TOLERANCE && b.left <= a.right + EDGE_TOLERANCE
    && a.top <= b.bottom + EDGE_TOLERANCE && b.top <= a.bottom + EDGE_TOLERANCE;
}

/** Groups cells that share borders into tables (connected components of the touch relation). */
function groupTables(boxes: Box[]): Box[][] {
  const parent = boxes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (touches(boxes[i], boxes[j])) parent[find(i)] = find(j);
  }
  const groups = new Map<number, Box[]>();
  boxes.forEach((box, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), box]));
  return [...groups.values()];
}

/** Grid lines from cell borders: each start edge and each end edge, clustered within tolerance. */
function gridLines(starts: number[], ends: number[]): number[] {
  const edges = [...starts, ...ends.map((e) => e + 1)].sort((a, b) => a - b);
  const lines: number[][] = [];
  for (const edge of edges) {
    const last = lines[lines.length - 1];
    if (last && edge - last[last.length - 1] <= EDGE_TOLERANCE) last.push(edge);
    else lines.push([edge]);
  }
  return lines.map((l) => l.reduce((a, b) => a + b, 0) / l.length);
}

function nearestLine(lines: number[], value: number): number {
  return lines.reduce((best, v, i) => (Math.abs(v - value) < Math.abs(lines[best] - value) ? i : best), 0);
}

function toTable(boxes: Box[]): GridTable {
  const xs = gridLines(boxes.map((b) => b.left), boxes.map((b) => b.right));
  const ys = gridLines(boxes.map((b) => b.top), boxes.map((b) => b.bottom));
  const cells = boxes.map((b) => {
    const [col, colEnd] = [nearestLine(xs, b.left), nearestLine(xs, b.right + 1)];
    const [row, rowEnd] = [nearestLine(ys, b.top), nearestLine(ys, b.bottom + 1)];
    return { ...b, row, col, rowSpan: Math.max(1, rowEnd - row), colSpan: Math.max(1, colEnd - col) };
  }).sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    cells,
    rows: Math.max(...cells.map((c) => c.row + c.rowSpan)),
    cols: Math.max(...cells.map((c) => c.col + c.colSpan)),
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

/** The ruled tables of a page, top to bottom. A lone framed box (one cell) is not a table. */
export function findTables(image: GreyImage, mask = lineMask(image)): GridTable[] {
  const boxes = enclosedRegions(mask, image.width, image.height);
  return groupTables(boxes)
    .filter((group) => group.length >= 2)
    .map(toTable)
    .sort((a, b) => a.top - b.top);
}
