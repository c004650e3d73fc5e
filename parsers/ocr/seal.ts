// A table cut by a page break has no line under its last row (or above its first): the region
// of that row reaches the page margin and is not taken for a cell, so its figures were lost to
// the running text. Vertical lines that end without meeting a horizontal line mark such an edge;
// a line drawn through their ends closes the row.
import { HORIZONTAL, VERTICAL } from './rules.ts';

/** Where a vertical line stops: its x, the y of the end, and whether it is the bottom end. */
interface LineEnd {
  x: number;
  y: number;
  bottom: boolean;
}

// Ends this close (pixels) belong to the same edge; a horizontal line this close meets the end.
const NEAR = 8;
// Only lines this long (pixels, about 17 mm) that cross a horizontal line are table rulings: the
// strokes of a big bold title are long too, but stand alone.
const MIN_RULING = 200;
// A ruling of a table crosses or meets at least this many horizontal lines.
const MIN_CROSSINGS = 2;
// An open edge is shared by at least this many separate vertical lines (a table has its outer
// borders and a column line at least; two stray runs in a noisy scan are not an edge).
const MIN_LINES = 3;
// Line pixels drawn to close an edge.
const SEAL_THICKNESS = 3;

/**
 * The ends of the vertical rulings, column by column (top to bottom within a column). The mask is
 * walked row by row with a running state per column — the same runs as a walk down each column,
 * without striding across 9 million pixels of memory.
 */
function verticalEnds(mask: Uint8Array, width: number, height: number): LineEnd[] {
  const found: { x: number; top: number; bottom: number }[] = [];
  const start = new Int32Array(width).fill(-1);
  const crossings = new Int32Array(width);
  const onCrossing = new Uint8Array(width);
  for (let y = 0; y <= height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const bits = y < height ? mask[row + x] : 0;
      if (bits & VERTICAL) {
        if (start[x] < 0) [start[x], crossings[x]] = [y, 0];
        if (bits & HORIZONTAL && !onCrossing[x]) crossings[x]++;
        onCrossing[x] = bits & HORIZONTAL ? 1 : 0;
        continue;
      }
      if (start[x] < 0) continue;
      if (y - start[x] >= MIN_RULING && crossings[x] >= MIN_CROSSINGS) found.push({ x, top: start[x], bottom: y - 1 });
      [start[x], onCrossing[x]] = [-1, 0];
    }
  }
  // Column-major order, as the edges are grouped in it (a stable sort keeps each column's runs top to bottom).
  found.sort((a, b) => a.x - b.x);
  return found.flatMap(({ x, top, bottom }) => [{ x, y: top, bottom: false }, { x, y: bottom, bottom: true }]);
}

function meetsHorizontal(mask: Uint8Array, width: number, height: number, end: LineEnd): boolean {
  for (let y = Math.max(0, end.y - NEAR); y <= Math.min(height - 1, end.y + NEAR); y++) {
    for (let x = Math.max(0, end.x - NEAR); x <= Math.min(width - 1, end.x + NEAR); x++) {
      if (mask[y * width + x] & HORIZONTAL) return true;
    }
  }
  return false;
}

/** Groups loose ends on one edge: same side, ends within NEAR of each other in y. */
function edges(ends: LineEnd[]): LineEnd[][] {
  const groups: LineEnd[][] = [];
  for (const end of [...ends].sort((a, b) => Number(a.bottom) - Number(b.bottom) || a.y - b.y)) {
    const group = groups.find((g) => g[0].bottom === end.bottom && Math.abs(g[0].y - end.y) <= NEAR);
    if (group) group.push(end);
    else groups.push([end]);
  }
  return groups;
}

/** Draws a horizontal line through the loose ends of at least two separate vertical lines. */
export function sealOpenTables(mask: Uint8Array, width: number, height: number, minRun: number): void {
  const loose = verticalEnds(mask, width, height).filter((end) => !meetsHorizontal(mask, width, height, end));
  for (const group of edges(loose)) {
    const xs = group.map((e) => e.x).sort((a, b) => a - b);
    const lines = xs.filter((x, i) => i === 0 || x - xs[i - 1] > NEAR).length;
    if (lines < MIN_LINES || xs[xs.length - 1] - xs[0] < minRun) continue;
    const ys = group.map((e) => e.y).sort((a, b) => a - b);
    const y = ys[ys.length >> 1];
    const top = group[0].bottom ? y - SEAL_THICKNESS + 1 : y;
    for (let row = Math.max(0, top); row < Math.min(height, top + SEAL_THICKNESS); row++) {
      for (let x = xs[0]; x <= xs[xs.length - 1]; x++) mask[row * width + x] |= HORIZONTAL;
    }
  }
}
