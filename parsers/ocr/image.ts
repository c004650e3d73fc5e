// Images (PNG/JPEG scans of a report): OCR'd by tesseract like a scanned PDF page, one page.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './run.ts';
import { withTempDir } from './temp.ts';
import { parseTsv } from './batch.ts';
import { ocrDocument } from './pdf.ts';
import type { PositionedItem } from '../document/positioned/rows.ts';
import type { ExtractedDocument } from '../document/types.ts';

/**
 * OCRs an image file into items. `dpi` converts pixels to points; `pageHeightPx` flips the y axis
 * so items have PDF's bottom-left origin like text-layer items.
 */
async function ocrImageFile(file: string, page: number, dpi: number, pageHeightPx: number, signal?: AbortSignal): Promise<PositionedItem[]> {
  const [words] = parseTsv(await run('tesseract', [file, '-', '-l', 'chi_sim', '--psm', '6', 'tsv'], 120_000, signal), 1);
  const scale = 72 / dpi;
  return words.map((w) => ({
    text: w.text, page, ocr: true, ocrConfidence: w.confidence,
    x: w.left * scale, y: (pageHeightPx - w.top - w.height) * scale, width: w.width * scale, height: w.height * scale,
  }));
}

/** OCRs a PNG or JPEG image into rows. Ruling lines are not removed (no decoder for PNG here). */
export function extractImage(bytes: Uint8Array, signal?: AbortSignal): Promise<ExtractedDocument> {
  return withTempDir('img', async (dir) => {
    const input = path.join(dir, 'image');
    await writeFile(input, bytes);
    // Page height 0: y = -(bottom edge), which keeps top-to-bottom order; the units are points at 300 dpi.
    return ocrDocument('image', [await ocrImageFile(input, 1, 300, 0, signal)], {}, []);
  });
}
