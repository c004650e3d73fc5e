// Runs the OCR binaries (tesseract, pdftoppm) for the OCR path, with one rule for their failures:
// a missing binary means OCR is unavailable on this machine, not that the document is broken.
// Children die with their parent: each is started under `setpriv --pdeathsig KILL` where setpriv
// exists (util-linux), so a killed parse leaves no tesseract running; an AbortSignal kills them too.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { UnreadableDocumentError } from '../document/errors.ts';

// Niceness of the OCR binaries (0 = normal, 19 = lowest).
const CHILD_NICENESS = 10;
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** The coded error of a parse cancelled through its AbortSignal. */
export function cancelled(): UnreadableDocumentError {
  return new UnreadableDocumentError('parse cancelled (its AbortSignal fired)', 'cancelled');
}

/** Throws `cancelled` when the signal has fired: called between the steps of a long reading. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Runs a binary, capturing stdout; a missing binary becomes `ocr_unavailable`, an abort `cancelled`. */
export function run(binary: string, args: string[], timeoutMs = 120_000, signal?: AbortSignal): Promise<string> {
  throwIfCancelled(signal);
  const [file, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  return new Promise((resolve, reject) => {
    const child = execFile(
      file, argv,
      {
        encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL', signal,
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
      (error, stdout, stderr) => {
        const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
          || (SETPRIV !== undefined && error !== null && /failed to execute .*No such file/i.test(stderr));
        if (signal?.aborted) reject(cancelled());
        else if (missing) reject(new UnreadableDocumentError(`${binary} is not installed: OCR unavailable`, 'ocr_unavailable'));
        else if (error) reject(new UnreadableDocumentError(`${binary} failed: ${stderr || error.message}`.slice(0, 300), 'ocr_failed'));
        else resolve(stdout);
      },
    );
    // Below the crawl and the page preparation that feeds it: an OCR child takes the CPU they leave.
    if (child.pid) {
      try { os.setPriority(child.pid, CHILD_NICENESS); } catch { /* gone already, or not permitted */ }
    }
  });
}
