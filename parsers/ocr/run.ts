// Runs the OCR binaries (tesseract, pdftoppm) for the OCR path, with one rule for their failures:
// a missing binary means OCR is unavailable on this machine, not that the document is broken.
import { execFile } from 'node:child_process';
import { UnreadableDocumentError } from '../document/errors.ts';

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
