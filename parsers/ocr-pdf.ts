// OCR path for PDFs without a text layer: each page rendered by pdftoppm (300 dpi, grey), ruling
// lines removed, read by tesseract, and rebuilt into rows like the text layer. Temp files removed.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ocrImageFile, run } from './ocr.ts';
import { readPgm, removeRulingLines, writePgm } from './ocr-rules.ts';
import { pageRows, type PositionedItem } from './pdf-lines.ts';
import type { ExtractedDocument, Row } from './types.ts';

const DPI = 300;

/** OCRs one page image file (PGM) after removing its ruling lines. */
export async function ocrPgmPage(file: string, page: number): Promise<PositionedItem[]> {
  const image = removeRulingLines(readPgm(await readFile(file)));
  await writeFile(file, writePgm(image));
  return ocrImageFile(file, page, DPI, image.height);
}

/** Builds the OCR'd document from rows; shared by scanned PDFs and images. */
export function ocrDocument(format: 'pdf' | 'image', items: PositionedItem[][], meta: Record<string, string>, warnings: string[]): ExtractedDocument {
  const rows: Row[] = items.flatMap((pageItems) => pageRows(pageItems));
  const all = items.flat();
  const ocrConfidence = all.length ? Math.round((all.reduce((s, i) => s + (i.ocrConfidence ?? 0), 0) / all.length) * 10) / 10 : 0;
  const text = rows.map((r) => r.cells.map((c) => c.text).join(' ')).join('\n');
  warnings.push(`text read by OCR (mean word confidence ${ocrConfidence})`);
  return { format, text, rows, containerTitle: meta.Title, meta, pages: items.length, ocrConfidence, warnings };
}

/** OCRs the first `pageCount` pages of an image-only PDF. */
export async function ocrPdf(bytes: Uint8Array, pageCount: number, meta: Record<string, string>, warnings: string[]): Promise<ExtractedDocument> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nianbao-ocr-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes);
    await run('pdftoppm', ['-r', String(DPI), '-gray', '-l', String(pageCount), input, path.join(dir, 'page')], 300_000);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const pages: PositionedItem[][] = [];
    for (const [index, file] of files.entries()) pages.push(await ocrPgmPage(path.join(dir, file), index + 1));
    return ocrDocument('pdf', pages, meta, warnings);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
