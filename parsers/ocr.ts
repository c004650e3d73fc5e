// OCR of one page image with Debian's tesseract (chi_sim): words with boxes and confidences,
// turned into positioned items in PDF points so the same row builder as the text layer applies.
import { execFile } from 'node:child_process';
import { UnreadableDocumentError } from './errors.ts';
import type { PositionedItem } from './pdf-lines.ts';

/** Runs a binary, capturing stdout; a missing binary becomes `ocr_unavailable`. */
export function run(binary: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary, args,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          reject(new UnreadableDocumentError(`${binary} is not installed: OCR unavailable`, 'ocr_unavailable'));
        } else if (error) reject(new UnreadableDocumentError(`${binary} failed: ${stderr || error.message}`.slice(0, 300), 'ocr_failed'));
        else resolve(stdout);
      },
    );
  });
}

/**
 * OCRs an image file (PGM/PNG/JPEG) into items. `dpi` converts pixels to points; `pageHeightPx`
 * flips the y axis so items have PDF's bottom-left origin like text-layer items.
 */
export async function ocrImageFile(file: string, page: number, dpi: number, pageHeightPx: number): Promise<PositionedItem[]> {
  const tsv = await run('tesseract', [file, '-', '-l', 'chi_sim', '--psm', '6', 'tsv']);
  const scale = 72 / dpi;
  const items: PositionedItem[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const [left, top, width, height, conf] = cols.slice(6, 11).map(Number);
    const text = cols.slice(11).join('\t').trim();
    if (!text || conf < 0) continue;
    items.push({
      text, page, ocr: true, ocrConfidence: conf,
      x: left * scale, y: (pageHeightPx - top - height) * scale, width: width * scale, height: height * scale,
    });
  }
  return items;
}
