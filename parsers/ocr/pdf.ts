// OCR path for PDFs without a text layer: each page rendered by pdftoppm (300 dpi, in colour so
// that seals and pen marks can be dropped, colour.ts), its paper flattened when unevenly lit,
// straightened, its ruled tables found and cut into cells; each page is read by tesseract as soon as
// it is prepared (running text, cells, a second look at figures: page-reading.ts) while the next
// is rendered and prepared. Rows come out like the text layer's (text lines) and like an HTML
// table's (grid rows with continuations).
// Bounded before any page is rendered at 300 dpi: every page is first rendered as a thumbnail
// (20 dpi), blank ones are counted and skipped, at most MAX_OCR_PAGES inked pages are read, and the
// resolution is lowered so that no page image exceeds MAX_PAGE_PIXELS.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PageReader, type PageReading } from './page-reading.ts';
import { ocrPageRows, preparePage, type PreparedPage } from './page.ts';
import { isUnread } from '../document/unread.ts';
import type { CellReading } from './table.ts';
import { run, throwIfCancelled } from './run.ts';
import { withTempDir } from './temp.ts';
import { UnreadableDocumentError } from '../document/errors.ts';
import { readPgm, writePgm, type GreyImage } from './rules.ts';
import { readPnm } from './colour.ts';
import { pageRows, type PositionedItem } from '../document/positioned/rows.ts';
import type { ExtractedDocument, Row } from '../document/types.ts';

const DPI = 300;
/** Resolution of the thumbnails that tell blank pages from inked ones. */
const THUMB_DPI = 20;
/** More scanned pages than a report has: the rest are not read (parse.pages fails). */
export const MAX_OCR_PAGES = 40;
/** The largest page image rendered (A3 at 300 dpi is 17 Mpx): bigger pages are rendered at a lower dpi. */
export const MAX_PAGE_PIXELS = 40_000_000;
/** Below this resolution a page is not worth reading: refused as too_complex. */
const MIN_DPI = 72;
// A page with at least this share of coloured-ink pixels is named in a warning (a seal is ~0.5%).
const COLOURED_PAGE = 0.0005;

/** Builds the OCR'd document from rows and the confidences of every word read. */
function documentFromRows(
  format: 'pdf' | 'image', rows: Row[], confidences: number[], pages: number, meta: Record<string, string>, warnings: string[],
  pagesRead = pages,
): ExtractedDocument {
  const mean = confidences.length ? confidences.reduce((s, c) => s + c, 0) / confidences.length : 0;
  const ocrConfidence = Math.round(mean * 10) / 10;
  const text = rows.map((r) => r.cells.map((c) => c.text).filter((t) => t !== '').join(' ')).join('\n');
  warnings.push(`text read by OCR (mean word confidence ${ocrConfidence})`);
  return { format, text, rows, containerTitle: meta.Title, meta, pages, pagesRead, ocrConfidence, warnings };
}

/** Builds the OCR'd document from positioned words of each page (images: no table grid). */
export function ocrDocument(format: 'pdf' | 'image', items: PositionedItem[][], meta: Record<string, string>, warnings: string[]): ExtractedDocument {
  const rows = items.flatMap((pageItems) => pageRows(pageItems));
  return documentFromRows(format, rows, items.flat().map((i) => i.ocrConfidence ?? 0), items.length, meta, warnings);
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

/** Puts the pages read (page-reading.ts) together as rows, naming what could not be read. */
function pageReadingsToRows(
  prepared: PreparedPage[], pages: PageReading[], warnings: string[], pointsPerPixel: number,
): { rows: Row[]; confidences: number[] } {
  const readings = pages.map((p) => p.readings);
  warnUnread(prepared, readings, warnings);
  const tilted = prepared.filter((p) => p.skewDegrees !== 0).map((p) => `page ${p.page} ${p.skewDegrees}°`);
  if (tilted.length) warnings.push(`scan straightened before OCR (${tilted.join(', ')})`);
  const flattened = prepared.filter((p) => p.flattened).map((p) => p.page);
  if (flattened.length) warnings.push(`unevenly lit paper flattened before OCR (page ${flattened.join(', ')})`);
  let tableCount = 0;
  const rows: Row[] = [];
  prepared.forEach((p, index) => {
    rows.push(...ocrPageRows(p, pages[index].text, readings[index], pointsPerPixel, tableCount));
    tableCount += p.tables.length;
  });
  // Text words of every page first, then cell words: the order the mean was always summed in.
  const words = [...pages.flatMap((p) => p.text), ...pages.flatMap((p) => p.cellWords)];
  return { rows, confidences: words.map((w) => w.confidence) };
}

/** OCRs page images (300 dpi greyscale, in page order) into a document. */
export function ocrPageImages(images: GreyImage[], meta: Record<string, string>, warnings: string[]): Promise<ExtractedDocument> {
  return withTempDir('ocr', async (dir) => {
    const reader = new PageReader(dir);
    const prepared: PreparedPage[] = [];
    try {
      for (const [index, image] of images.entries()) {
        prepared.push(preparePage(image, index + 1));
        reader.read(prepared[prepared.length - 1]);
        await new Promise(setImmediate); // lets the page's tesseract runs start before the next is prepared
      }
    } catch (error) {
      await reader.settle(); // no tesseract may still read from the folder once it is removed
      throw error;
    }
    const { rows, confidences } = pageReadingsToRows(prepared, await reader.pages(), warnings, 72 / DPI);
    return documentFromRows('pdf', rows, confidences, prepared.length, meta, warnings);
  });
}

/** A page seen in its thumbnail: whether anything is printed on it, and its size in inches. */
interface PageGlance {
  page: number;
  inked: boolean;
  widthIn: number;
  heightIn: number;
}

/**
 * Ink on a thumbnail: some pixel clearly darker than the paper (the median), so a white page and
 * an empty grey scan are both blank while a page of text (grey blurs at 20 dpi) is not.
 */
export function hasInk(image: GreyImage): boolean {
  const histogram = new Uint32Array(256);
  for (const v of image.pixels) histogram[v]++;
  let seen = 0;
  let median = 255;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v];
    if (seen * 2 >= image.pixels.length) { median = v; break; }
  }
  let dark = 0;
  for (let v = 0; v < median - 40; v++) dark += histogram[v];
  return dark >= 2;
}

/** Renders the first `pageCount` pages as thumbnails and looks at each (one page image in memory at a time). */
async function glancePages(input: string, dir: string, pageCount: number, signal?: AbortSignal): Promise<PageGlance[]> {
  const thumbs = path.join(dir, 'thumbs');
  await mkdir(thumbs);
  await run('pdftoppm', ['-r', String(THUMB_DPI), '-gray', '-l', String(pageCount), input, path.join(thumbs, 't')], 120_000, signal);
  const glances: PageGlance[] = [];
  for (const file of await readdir(thumbs)) {
    const page = Number(/-(\d+)\.pgm$/.exec(file)?.[1]);
    if (!page) continue;
    const image = readPgm(await readFile(path.join(thumbs, file)));
    glances.push({ page, inked: hasInk(image), widthIn: image.width / THUMB_DPI, heightIn: image.height / THUMB_DPI });
  }
  await rm(thumbs, { recursive: true, force: true });
  return glances.sort((a, b) => a.page - b.page);
}

/**
 * Renders one page at `dpi` in colour (seals and pen marks are told from print by their colour,
 * colour.ts) and returns the path of its PPM image.
 */
async function renderPage(input: string, dir: string, page: number, dpi: number, signal?: AbortSignal): Promise<string> {
  const prefix = path.join(dir, `page-${page}`);
  await run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', input, prefix], 300_000, signal);
  return `${prefix}.ppm`;
}

/**
 * Renders, prepares and starts reading each page in turn, three stages at once: pdftoppm renders
 * the next page while this one is prepared and tesseract reads the ones before (page-reading.ts,
 * run-queue.ts). One page image is in memory at a time: each is prepared (crops kept, its text
 * image written to disk for tesseract) and deleted. Returns the pages prepared and those that had
 * coloured ink on them.
 */
async function prepareAndRead(
  input: string, dir: string, pages: number[], dpi: number, reader: PageReader, signal?: AbortSignal,
): Promise<{ prepared: PreparedPage[]; stamped: string[] }> {
  const prepared: PreparedPage[] = [];
  const stamped: string[] = [];
  let next: Promise<string> | undefined = renderPage(input, dir, pages[0], dpi, signal);
  try {
    for (let i = 0; i < pages.length; i++) {
      const pagePath: string = await next!;
      next = i + 1 < pages.length ? renderPage(input, dir, pages[i + 1], dpi, signal) : undefined;
      next?.catch(() => undefined); // awaited in the next turn or settled below
      throwIfCancelled(signal);
      const { image, rgb } = readPnm(await readFile(pagePath));
      const page = preparePage(image, pages[i], rgb);
      if (page.colouredShare >= COLOURED_PAGE) stamped.push(String(page.page));
      await rm(pagePath);
      const textPath = path.join(dir, `text-${String(prepared.length).padStart(4, '0')}.pgm`);
      await writeFile(textPath, writePgm(page.text as GreyImage));
      prepared.push({ ...page, text: textPath });
      reader.read(prepared[prepared.length - 1]);
    }
  } catch (error) {
    // No child may still write into the folder or read from it once it is removed.
    await Promise.allSettled([next, reader.settle()]);
    throw error;
  }
  return { prepared, stamped };
}

/** What OCR needs from the PDF reader: pages it looked at, pages in the file, metadata and warnings. */
export interface ScannedPdf {
  /** Pages to consider (the first ones, up to the PDF reader's cap). */
  pageCount: number;
  /** Pages in the file. */
  totalPages?: number;
  meta: Record<string, string>;
  warnings: string[];
}

/**
 * OCRs an image-only PDF: blank pages are skipped, at most MAX_OCR_PAGES inked pages are read; a PDF
 * whose pages are all blank is refused as `blank`, one whose pages are too large as `too_complex`.
 */
export function ocrPdf(bytes: Uint8Array, scanned: ScannedPdf, signal?: AbortSignal): Promise<ExtractedDocument> {
  const { pageCount, meta, warnings } = scanned;
  const totalPages = scanned.totalPages ?? pageCount;
  return withTempDir('ocr', async (dir) => {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes);
    const glances = await glancePages(input, dir, pageCount, signal);
    const inked = glances.filter((g) => g.inked);
    const blank = glances.length - inked.length;
    if (inked.length === 0) {
      const checked = totalPages > glances.length ? ` (the first ${glances.length} of ${totalPages} looked at)` : '';
      throw new UnreadableDocumentError(`PDF without a text layer whose ${glances.length} page(s) are all blank${checked}`, 'blank');
    }
    if (blank > 0) warnings.push(`${blank} blank page(s) skipped`);
    const toRead = inked.slice(0, MAX_OCR_PAGES);
    if (inked.length > toRead.length) warnings.push(`only the first ${MAX_OCR_PAGES} of ${inked.length} scanned pages read by OCR`);
    const largest = Math.max(...toRead.map((g) => g.widthIn * g.heightIn));
    const dpi = Math.min(DPI, Math.floor(Math.sqrt(MAX_PAGE_PIXELS / largest)));
    if (dpi < MIN_DPI) {
      throw new UnreadableDocumentError(`scanned page of ${Math.round(largest)} square inches: too large to OCR`, 'too_complex');
    }
    if (dpi < DPI) warnings.push(`pages of up to ${Math.round(largest)} square inches rendered at ${dpi} dpi instead of ${DPI}`);
    const reader = new PageReader(dir, signal);
    const { prepared, stamped } = await prepareAndRead(input, dir, toRead.map((g) => g.page), dpi, reader, signal);
    if (stamped.length) warnings.push(`coloured ink (seals, pen marks) dropped before OCR (page ${stamped.join(', ')})`);
    const { rows, confidences } = pageReadingsToRows(prepared, await reader.pages(), warnings, 72 / dpi);
    return documentFromRows('pdf', rows, confidences, totalPages, meta, warnings, blank + prepared.length);
  });
}
