// OCR path for PDFs without a text layer: each page rendered by pdftoppm (300 dpi, in colour so
// that seals and pen marks can be dropped, colour.ts), its paper flattened when unevenly lit,
// straightened, its ruled tables found and cut into cells, and the crops of the whole document
// read in a few batched tesseract runs (running text, cells, a second look at figures). Rows come
// out like the text layer's (text lines) and like an HTML table's (grid rows with continuations).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ocrImages } from './batch.ts';
import { decideFigure, figureCandidates, FIGURE_MODE } from './figures.ts';
import { withoutMarks } from './marks.ts';
import { ocrPageRows, preparePage, type PreparedPage } from './page.ts';
import { isUnread, UNREAD } from '../document/unread.ts';
import { readWords, type CellReading } from './table.ts';
import { run } from './run.ts';
import type { GreyImage } from './rules.ts';
import { readPnm } from './colour.ts';
import { pageRows, type PositionedItem } from '../document/positioned/rows.ts';
import type { ExtractedDocument, Row } from '../document/types.ts';

const DPI = 300;
const POINTS_PER_PIXEL = 72 / DPI;
// A figure read in a cell that had coloured ink over it stands only with this confidence.
const STAMPED_MIN_CONFIDENCE = 90;
// A page with at least this share of coloured-ink pixels is named in a warning (a seal is ~0.5%).
const COLOURED_PAGE = 0.0005;

/** Builds the OCR'd document from rows and the confidences of every word read. */
function documentFromRows(
  format: 'pdf' | 'image', rows: Row[], confidences: number[], pages: number, meta: Record<string, string>, warnings: string[],
): ExtractedDocument {
  const mean = confidences.length ? confidences.reduce((s, c) => s + c, 0) / confidences.length : 0;
  const ocrConfidence = Math.round(mean * 10) / 10;
  const text = rows.map((r) => r.cells.map((c) => c.text).filter((t) => t !== '').join(' ')).join('\n');
  warnings.push(`text read by OCR (mean word confidence ${ocrConfidence})`);
  return { format, text, rows, containerTitle: meta.Title, meta, pages, ocrConfidence, warnings };
}

/** Builds the OCR'd document from positioned words of each page (images: no table grid). */
export function ocrDocument(format: 'pdf' | 'image', items: PositionedItem[][], meta: Record<string, string>, warnings: string[]): ExtractedDocument {
  const rows = items.flatMap((pageItems) => pageRows(pageItems));
  return documentFromRows(format, rows, items.flat().map((i) => i.ocrConfidence ?? 0), items.length, meta, warnings);
}

/** Cell crops of all pages in reading order, with where each belongs (page, table, cell). */
function cropsOf(prepared: PreparedPage[]): { image: GreyImage; page: number; table: number; cell: number }[] {
  return prepared.flatMap((p, page) => p.crops.flatMap((cells, table) => cells.flatMap((image, cell) => (image ? [{ image, page, table, cell }] : []))));
}

/**
 * Reads the figure cells again with the digit model and lets the two readings decide. A cell with
 * a reader's marks is read without them; its figure then stands only if the first reading saw no
 * digits or the same digits and points (taking marks off must never shorten a figure: 94.0121 into 94).
 */
async function checkFigures(prepared: PreparedPage[], readings: CellReading[][][], dir: string): Promise<void> {
  const candidates = prepared.flatMap((p, page) => p.tables.flatMap((table, t) => figureCandidates(table, readings[page][t])
    .filter((cell) => p.crops[t][cell] !== null) // no ink left to read (a seal's cell, unread)
    .map((cell) => {
      const crop = p.crops[t][cell]!;
      const image = withoutMarks(crop);
      return { page, table: t, cell, image, marked: image !== crop };
    })));
  const words = await ocrImages(candidates.map((c) => c.image), dir, 'figures', FIGURE_MODE);
  candidates.forEach((c, i) => {
    const first = readings[c.page][c.table][c.cell];
    const decided = decideFigure(first, readWords(words[i]));
    const digits = (text: string) => text.replace(/[^\d.]/g, '');
    const shortened = c.marked && digits(first.text) !== '' && digits(first.text) !== digits(decided.text);
    // Under a seal or a pen stroke, part of the print went with the coloured ink: only a sure figure stands.
    const doubtful = prepared[c.page].stamped[c.table][c.cell] && decided.confidence < STAMPED_MIN_CONFIDENCE;
    readings[c.page][c.table][c.cell] = shortened || doubtful ? UNREAD : decided;
  });
}

/**
 * Names the cells that hold ink but that OCR could not read: they are left empty (null), and a
 * reader of the result should know the gap is the parse's, not the report's.
 */
function warnUnread(prepared: PreparedPage[], readings: CellReading[][][], warnings: string[]): void {
  const unread = prepared.flatMap((p, page) => p.tables.flatMap((table, t) => table.cells.flatMap((cell, c) => {
    const reading = readings[page][t][c];
    return (p.crops[t][c] || p.stamped[t][c]) && isUnread(reading) ? [`p${p.page} r${cell.row}c${cell.col}`] : [];
  })));
  if (unread.length === 0) return;
  const shown = unread.slice(0, 12).join(', ') + (unread.length > 12 ? ', …' : '');
  warnings.push(`${unread.length} table cell(s) OCR could not read, left empty: ${shown}`);
}

/**
 * Reads every prepared page with two tesseract runs side by side: the running text as columns of
 * text of varying size (psm 4 reads bold title glyphs that psm 6 confuses: 韭 read as 非), and
 * all cell crops as uniform blocks (psm 6, which keeps a wrapped label's lines together). The
 * figure cells then get a second, digits-only reading.
 */
async function readPages(prepared: PreparedPage[], dir: string, warnings: string[]): Promise<{ rows: Row[]; confidences: number[] }> {
  const crops = cropsOf(prepared);
  const [textWords, cropWords] = await Promise.all([
    ocrImages(prepared.map((p) => p.text), dir, 'text', { lang: 'chi_sim', psm: 4 }),
    ocrImages(crops.map((c) => c.image), dir, 'cells', { lang: 'chi_sim', psm: 6 }),
  ]);
  // A cell left with no ink once coloured ink was dropped had a seal or a pen over it: its print may
  // have gone too, so it is unread (a doubt), not certainly blank.
  const readings = prepared.map((p) => p.crops.map((cells, t) => cells.map((_, c) => (p.stamped[t][c] ? UNREAD : readWords(null)))));
  crops.forEach((c, i) => {
    readings[c.page][c.table][c.cell] = readWords(cropWords[i]);
  });
  await checkFigures(prepared, readings, dir);
  warnUnread(prepared, readings, warnings);
  const tilted = prepared.filter((p) => p.skewDegrees !== 0).map((p) => `page ${p.page} ${p.skewDegrees}°`);
  if (tilted.length) warnings.push(`scan straightened before OCR (${tilted.join(', ')})`);
  const flattened = prepared.filter((p) => p.flattened).map((p) => p.page);
  if (flattened.length) warnings.push(`unevenly lit paper flattened before OCR (page ${flattened.join(', ')})`);
  let tableCount = 0;
  const rows: Row[] = [];
  prepared.forEach((p, index) => {
    rows.push(...ocrPageRows(p, textWords[index], readings[index], POINTS_PER_PIXEL, tableCount));
    tableCount += p.tables.length;
  });
  return { rows, confidences: [...textWords, ...cropWords].flat().map((w) => w.confidence) };
}

/** Runs `work` with a fresh temporary folder (page images, tesseract's list files and crops), removed after. */
async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nianbao-ocr-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function documentOfPages(prepared: PreparedPage[], dir: string, meta: Record<string, string>, warnings: string[]): Promise<ExtractedDocument> {
  const { rows, confidences } = await readPages(prepared, dir, warnings);
  return documentFromRows('pdf', rows, confidences, prepared.length, meta, warnings);
}

/** OCRs page images (300 dpi greyscale, in page order) into a document. */
export function ocrPageImages(images: GreyImage[], meta: Record<string, string>, warnings: string[]): Promise<ExtractedDocument> {
  return withTempDir((dir) => documentOfPages(images.map((image, index) => preparePage(image, index + 1)), dir, meta, warnings));
}

/** OCRs the first `pageCount` pages of an image-only PDF. */
export function ocrPdf(bytes: Uint8Array, pageCount: number, meta: Record<string, string>, warnings: string[]): Promise<ExtractedDocument> {
  return withTempDir(async (dir) => {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes);
    await run('pdftoppm', ['-r', String(DPI), '-l', String(pageCount), input, path.join(dir, 'page')], 300_000);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ppm')).sort();
    const prepared: PreparedPage[] = [];
    const stamped: string[] = [];
    // One page image in memory at a time: each is prepared (crops, text image) and deleted.
    for (const [index, file] of files.entries()) {
      const pagePath = path.join(dir, file);
      const { image, rgb } = readPnm(await readFile(pagePath));
      const page = preparePage(image, index + 1, rgb);
      if (page.colouredShare >= COLOURED_PAGE) stamped.push(`${index + 1}`);
      prepared.push(page);
      await rm(pagePath);
    }
    if (stamped.length) warnings.push(`coloured ink (seals, pen marks) dropped before OCR (page ${stamped.join(', ')})`);
    return documentOfPages(prepared, dir, meta, warnings);
  });
}
