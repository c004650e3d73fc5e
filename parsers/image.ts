// Images (PNG/JPEG scans of a report): OCR'd by tesseract like a scanned PDF page, one page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ocrImageFile } from './ocr.ts';
import { ocrDocument } from './ocr-pdf.ts';
import type { ExtractedDocument } from './types.ts';

/** OCRs a PNG or JPEG image into rows. Ruling lines are not removed (no decoder for PNG here). */
export async function extractImage(bytes: Uint8Array): Promise<ExtractedDocument> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nianbao-img-'));
  try {
    const input = path.join(dir, 'image');
    await writeFile(input, bytes);
    // Page height 0: y = -(bottom edge), which keeps top-to-bottom order; the units are points at 300 dpi.
    return ocrDocument('image', [await ocrImageFile(input, 1, 300, 0)], {}, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
