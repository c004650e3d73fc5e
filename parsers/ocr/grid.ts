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

/**
 * Boxes of the regions enclosed by the mask (4-connected, not reaching the image border), in the
 * order of each region's first pixel. Found over runs of unmasked pixels rather than pixel by
 * pixel: a page at 300 dpi has 9 million pixels but only some ten thousand runs between its
 * rulings, and a run joins the runs it overlaps in the row above (union-find).
 */
export function enclosedRegions(mask: Uint8Array, width: number, height: number): Box[] {
  const runs = new RunTable(width * 2);
  let previousFirst = 0;
  for (let y = 0; y < height; y++) {
    const rowFirst = runs.count;
    let above = previousFirst;
    for (let x = 0; x < width;) {
      if (mask[y * width + x]) { x++; continue; }
      const x0 = x;
      while (x < width && !mask[y * width + x]) x++;
      const id = runs.add(x0, x - 1, y, x0 === 0 || x === width || y === 0 || y === height - 1);
      // Runs of the row above that share a column with this one are the same region.
      while (above < rowFirst && runs.right[above] < x0) above++;
      for (let a = above; a < rowFirst && runs.left[a] <= x - 1; a++) runs.union(a, id);
    }
    previousFirst = rowFirst;
  }
  return runs.regions().filter((box) => box.right - box.left >= MIN_CELL_SIDE && box.bottom - box.top >= MIN_CELL_SIDE);
}

/** Runs of unmasked pixels (row, first and last column) merged into regions by union-find. */
class RunTable {
  left: Int32Array;
  right: Int32Array;
  private row: Int32Array;
  private open: Uint8Array;
  private parent: Int32Array;
  count = 0;

  constructor(capacity: number) {
    [this.left, this.right, this.row, this.parent] = [new Int32Array(capacity), new Int32Array(capacity), new Int32Array(capacity), new Int32Array(capacity)];
    this.open = new Uint8Array(capacity);
  }

  add(left: number, right: number, row: number, touchesBorder: boolean): number {
    if (this.count === this.left.length) this.grow();
    const id = this.count++;
    [this.left[id], this.right[id], this.row[id], this.open[id], this.parent[id]] = [left, right, row, touchesBorder ? 1 : 0, id];
    return id;
  }

  find(id: number): number {
    let root = id;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[id] !== root) [id, this.parent[id]] = [this.parent[id], root];
    return root;
  }

  /** The earlier run (first in raster order) stays the root, so a region is known by its first pixel. */
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** The closed regions' boxes, ordered by their first run. */
  regions(): Box[] {
    const boxes = new Map<number, Box & { open: boolean }>();
    for (let id = 0; id < this.count; id++) {
      const root = this.find(id);
      let box = boxes.get(root);
      if (!box) boxes.set(root, box = { left: this.left[id], top: this.row[id], right: this.right[id], bottom: this.row[id], open: false });
      box.left = Math.min(box.left, this.left[id]);
      box.right = Math.max(box.right, this.right[id]);
      box.top = Math.min(box.top, this.row[id]);
      box.bottom = Math.max(box.bottom, this.row[id]);
      if (this.open[id]) box.open = true;
    }
    return [...boxes.values()].filter((b) => !b.open).map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
  }

  private grow(): void {
    const size = this.left.length * 2;
    const more = <T extends Int32Array | Uint8Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(size); b.set(a); return b; };
    [this.left, this.right, this.row, this.parent, this.open] = [more(this.left), more(this.right), more(this.row), more(this.parent), more(this.open)];
  }
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
