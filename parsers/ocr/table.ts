// A ruled table of a scanned page turned into rows the way an HTML table is: each cell cropped and
// read on its own (no neighbour's digits run into it), then laid on the grid with merged positions
// marked as continuations so a label spanning rows or columns shifts no figures.
import type { GridCell, GridTable } from './grid.ts';
import type { OcrWord } from './batch.ts';
import type { GreyImage } from './rules.ts';
import { fixBrackets } from './text-fix.ts';
import type { Cell, Row } from '../document/types.ts';
import { UNREAD } from '../document/unread.ts';

// Pixels trimmed inside a cell's borders: the grey fringe of an anti-aliased line is not ink.
const INSET = 3;
// White margin around a crop: tesseract reads text touching the image edge badly.
export const CROP_MARGIN = 16;
const MARGIN = CROP_MARGIN;
// Ink darker than this counts; fewer ink pixels than MIN_INK means the cell is blank.
const INK = 128;
const MIN_INK = 12;

/** The cell's inside as its own image with a white margin, or null when it holds no ink. */
export function cropCell(image: GreyImage, mask: Uint8Array, cell: GridCell): GreyImage | null {
  const [left, top] = [cell.left + INSET, cell.top + INSET];
  const [right, bottom] = [cell.right - INSET, cell.bottom - INSET];
  if (right <= left || bottom <= top) return null;
  const width = right - left + 1 + 2 * MARGIN;
  const height = bottom - top + 1 + 2 * MARGIN;
  const pixels = new Uint8Array(width * height).fill(255);
  let ink = 0;
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const i = y * image.width + x;
      if (mask[i]) continue;
      const value = image.pixels[i];
      if (value < INK) ink++;
      pixels[(y - top + MARGIN) * width + (x - left + MARGIN)] = value;
    }
  }
  return ink >= MIN_INK ? { width, height, pixels } : null;
}

/** What one cell says: its text (lines joined, no spaces: Chinese labels wrap mid-word). */
export interface CellReading {
  text: string;
  /** Mean word confidence 0..100; 100 for a cell with no ink at all (certainly blank). */
  confidence: number;
}

export function readWords(words: OcrWord[] | null): CellReading {
  if (words === null) return { text: '', confidence: 100 };
  if (words.length === 0) return UNREAD;
  const text = fixBrackets(words.map((w) => w.text).join(''));
  return { text, confidence: Math.round((words.reduce((s, w) => s + w.confidence, 0) / words.length) * 10) / 10 };
}

/** Where a table sits on its page, to give cells PDF-style positions (points, origin bottom-left). */
export interface PagePlace {
  page: number;
  table: number;
  pointsPerPixel: number;
  pageHeightPx: number;
}

/** The table's rows: every grid position filled, merged positions marked as continuations. */
export function tableRows(table: GridTable, readings: CellReading[], place: PagePlace): Row[] {
  const grid: Cell[][] = Array.from({ length: table.rows }, () => []);
  table.cells.forEach((cell, index) => {
    const { text, confidence } = readings[index];
    const prov = {
      page: place.page, table: place.table, row: cell.row, col: cell.col,
      x: round(cell.left * place.pointsPerPixel), y: round((place.pageHeightPx - cell.bottom) * place.pointsPerPixel),
      ocr: true, ocrConfidence: confidence,
    };
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
        const origin = r === cell.row && c === cell.col;
        grid[r][c] = origin ? { text, prov } : { text: '', prov, continuation: true };
      }
    }
  });
  return grid.map((cells, r) => ({
    cells: Array.from({ length: table.cols }, (_, c) => cells[c] ?? {
      text: '', prov: { page: place.page, table: place.table, row: r, col: c, ocr: true, ocrConfidence: 0 },
    }),
    fromGrid: true,
  }));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
