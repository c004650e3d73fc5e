// One scanned page split for reading: its ruled tables cut into cell crops, and the rest of the
// page (tables blanked out) kept as one image of running text. After OCR, both come back together
// as rows in reading order: text rows above a table, the table's grid rows, text rows below.
import { deskew } from './deskew.ts';
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
  widthPx: number;
  heightPx: number;
  tables: GridTable[];
  crops: (GreyImage | null)[][];
  /** The running-text image, or the path of its PGM once written to disk (long scans). */
  text: GreyImage | string;
}

// Blanked around a table's cells so its outer ruling and stray line ends are not read as text.
const TABLE_BORDER = 12;

function blankTables(image: GreyImage, tables: GridTable[]): GreyImage {
  const pixels = new Uint8Array(image.pixels);
  for (const t of tables) {
    const [top, bottom] = [Math.max(0, t.top - TABLE_BORDER), Math.min(image.height - 1, t.bottom + TABLE_BORDER)];
    const [left, right] = [Math.max(0, t.left - TABLE_BORDER), Math.min(image.width - 1, t.right + TABLE_BORDER)];
    for (let y = top; y <= bottom; y++) pixels.fill(255, y * image.width + left, y * image.width + right + 1);
  }
  return removeRulingLines({ ...image, pixels });
}

export function preparePage(scan: GreyImage, page: number): PreparedPage {
  const { image: straight, degrees } = deskew(scan);
  const image = whitenPaper(straight);
  const mask = lineMask(image);
  const tables = findTables(image, mask);
  return {
    page,
    skewDegrees: degrees,
    widthPx: image.width,
    heightPx: image.height,
    tables,
    crops: tables.map((t) => t.cells.map((cell) => cropCell(image, mask, cell))),
    text: blankTables(image, tables),
  };
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
