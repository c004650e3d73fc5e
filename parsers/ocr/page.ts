// One scanned page split for reading: its ruled tables cut into cell crops, and the rest of the
// page (tables blanked out) kept as one image of running text. After OCR, both come back together
// as rows in reading order: text rows above a table, the table's grid rows, text rows below.
import { flattenBackground, paperMap } from './background.ts';
import { colouredInkMask, dropColouredInk, maskShare } from './colour.ts';
import { deskew, rotate } from './deskew.ts';
import { withPenStrokes } from './pen.ts';
import { whitenPaper } from './ink.ts';
import { findTables, lineMask, type GridTable } from './grid.ts';
import type { OcrWord } from './batch.ts';
import { removeRulingLines, type GreyImage } from './rules.ts';
import { cropCell, tableRows, type CellReading } from './table.ts';
import { pageRows, type PositionedItem } from '../document/positioned/rows.ts';
import type { Row } from '../document/types.ts';

/** A page ready for OCR: the running-text image and one crop per table cell (null = no ink). */
export interface PreparedPage {
  page: number;
  /** The tilt the scan had before it was straightened (0 when straight enough). */
  skewDegrees: number;
  /** Whether the paper was uneven (a photographed sheet) and was flattened to white first. */
  flattened: boolean;
  /** The share of the page's pixels that were coloured ink (seals, pen marks), dropped. */
  colouredShare: number;
  /** Per table, per cell: whether coloured ink lay over it (its print may have gone with the ink). */
  stamped: boolean[][];
  widthPx: number;
  heightPx: number;
  tables: GridTable[];
  crops: (GreyImage | null)[][];
  /** The running-text image, or the path of its PGM once written to disk (long scans). */
  text: GreyImage | string;
}

// Blanked around a table's cells so its outer ruling and stray line ends are not read as text.
const TABLE_BORDER = 12;
// Breaks this wide (pixels) in the rulings of a flattened (photographed) page are bridged.
const PHOTO_LINE_GAP = 1;

function blankTables(image: GreyImage, tables: GridTable[]): GreyImage {
  const pixels = new Uint8Array(image.pixels);
  for (const t of tables) {
    const [top, bottom] = [Math.max(0, t.top - TABLE_BORDER), Math.min(image.height - 1, t.bottom + TABLE_BORDER)];
    const [left, right] = [Math.max(0, t.left - TABLE_BORDER), Math.min(image.width - 1, t.right + TABLE_BORDER)];
    for (let y = top; y <= bottom; y++) pixels.fill(255, y * image.width + left, y * image.width + right + 1);
  }
  return removeRulingLines({ ...image, pixels });
}

/**
 * Cuts one page for reading. A colour page (`rgb`) has its coloured ink (seals, pen marks) left
 * out of the paper estimate and then made paper.
 */
export function preparePage(scan: GreyImage, page: number, rgb: Uint8Array | null = null): PreparedPage {
  const { width, height } = scan;
  // Flattened before straightening: the skew search counts dark pixels, and shadowed paper is dark.
  const inkOnScan = rgb && colouredInkMask(width, height, rgb);
  const paper = paperMap(scan, inkOnScan);
  const flat = flattenBackground(scan, paper);
  // Judged again on paper made white, unless the paper was even already (the same mask).
  const inkOnPaper = rgb && (paper ? colouredInkMask(width, height, rgb, paper) : inkOnScan);
  const coloured = withPenStrokes(flat, inkOnPaper, rgb);
  const flattened = paper !== null;
  const { image: straight, degrees } = deskew(dropColouredInk(flat, coloured, rgb, paper));
  const image = whitenPaper(straight);
  // A photographed page's rulings break up (JPEG blocks, two resamplings): on its flattened paper a
  // pixel-wide break is bridged. Wider gaps or lighter lines would join the strokes of a row of
  // glyphs in JPEG haze into a "ruling" that cuts cells apart.
  const overInk = straightMask(coloured, width, height, degrees);
  const mask = flattened ? lineMask(image, undefined, undefined, PHOTO_LINE_GAP, overInk) : lineMask(image, undefined, undefined, 0, overInk);
  const tables = findTables(image, mask);
  return {
    page,
    skewDegrees: degrees,
    flattened,
    colouredShare: maskShare(coloured),
    widthPx: image.width,
    heightPx: image.height,
    tables,
    crops: tables.map((t) => t.cells.map((cell) => cropCell(image, mask, cell))),
    stamped: tables.map((t) => t.cells.map((cell) => inkOver(coloured, straight.width, degrees, cell))),
    text: blankTables(image, tables),
  };
}

/** The coloured-ink mask turned with the page (deskew), as 0/1, or null when there is none. */
function straightMask(coloured: Uint8Array | null, width: number, height: number, degrees: number): Uint8Array | null {
  if (!coloured) return null;
  const grey = { width, height, pixels: coloured.map((v) => (v ? 0 : 255)) };
  const turned = degrees === 0 ? grey : rotate(grey, degrees);
  return turned.pixels.map((v) => (v < 128 ? 1 : 0));
}

// A cell with this many coloured-ink pixels (300 dpi) had a seal or a pen stroke over it.
const STAMPED_PIXELS = 40;

/**
 * Whether coloured ink lay over a cell. The mask is of the page before it was straightened; by a
 * degree or two, a cell's box moves a few pixels, so the count is taken on the box widened by that.
 */
function inkOver(coloured: Uint8Array | null, width: number, degrees: number, cell: { left: number; top: number; right: number; bottom: number }): boolean {
  if (!coloured) return false;
  const slack = Math.ceil(Math.abs(degrees) * 0.02 * width) + 2;
  const height = coloured.length / width;
  let count = 0;
  for (let y = Math.max(0, cell.top - slack); y <= Math.min(height - 1, cell.bottom + slack); y++) {
    for (let x = Math.max(0, cell.left - slack); x <= Math.min(width - 1, cell.right + slack); x++) if (coloured[y * width + x]) count++;
  }
  return count >= STAMPED_PIXELS;
}

/**
 * Words as positioned items, each given the full height of the line tesseract put it in: ink boxes
 * of Chinese glyphs and punctuation sit at different heights, and the row builder would otherwise
 * break one printed line into several.
 */
function wordsToItems(words: OcrWord[], page: number, heightPx: number, pointsPerPixel: number): PositionedItem[] {
  const lines = new Map<string, { top: number; bottom: number }>();
  for (const w of words) {
    const line = lines.get(w.line) ?? { top: w.top, bottom: w.top + w.height };
    lines.set(w.line, { top: Math.min(line.top, w.top), bottom: Math.max(line.bottom, w.top + w.height) });
  }
  return words.map((w) => {
    const { top, bottom } = lines.get(w.line)!;
    return {
      text: w.text, page, ocr: true, ocrConfidence: w.confidence,
      x: w.left * pointsPerPixel, y: (heightPx - bottom) * pointsPerPixel,
      width: w.width * pointsPerPixel, height: (bottom - top) * pointsPerPixel,
    };
  });
}

/**
 * The page's rows from what OCR read: `textWords` for the running text, `cells[t][c]` for cell c
 * of table t. `firstTable` numbers tables across pages.
 */
export function ocrPageRows(
  prepared: PreparedPage, textWords: OcrWord[], cells: CellReading[][], pointsPerPixel: number, firstTable: number,
): Row[] {
  const textRows = pageRows(wordsToItems(textWords, prepared.page, prepared.heightPx, pointsPerPixel));
  const rows: Row[] = [];
  let next = 0;
  prepared.tables.forEach((table, t) => {
    const topY = (prepared.heightPx - table.top) * pointsPerPixel;
    while (next < textRows.length && (textRows[next].cells[0].prov.y ?? 0) > topY) rows.push(textRows[next++]);
    const place = { page: prepared.page, table: firstTable + t, pointsPerPixel, pageHeightPx: prepared.heightPx };
    rows.push(...tableRows(table, cells[t], place));
  });
  return [...rows, ...textRows.slice(next)];
}
