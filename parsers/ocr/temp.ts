// OCR's temporary folders (page images, crops, tesseract's list files): one per reading, named after
// the process that made it (nianbao-ocr-<pid>-XXXXXX), removed when the reading ends. A process killed
// mid-reading cannot remove its own, so the first OCR reading of every process removes the folders
// whose process is gone (and unnamed ones of older versions, after an hour).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const OWNED = /^nianbao-(?:ocr|img)-(\d+)-[A-Za-z0-9]{6}$/;
const OLD_STYLE = /^nianbao-(?:ocr|img)-[A-Za-z0-9]{6}$/;
const OLD_STYLE_AGE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes OCR folders left behind by processes that no longer run; returns the folders removed. */
export async function cleanStaleOcrTemp(root = os.tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const owned = OWNED.exec(name);
    const full = path.join(root, name);
    let stale = false;
    if (owned) stale = Number(owned[1]) !== process.pid && !alive(Number(owned[1]));
    else if (OLD_STYLE.test(name)) stale = Date.now() - (await stat(full).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > OLD_STYLE_AGE_MS;
    if (!stale) continue;
    await rm(full, { recursive: true, force: true }).catch(() => {});
    removed.push(full);
  }
  return removed;
}

let cleaned: Promise<unknown> | null = null;

/** Runs `work` with a fresh temporary folder, removed after (whatever happens); cleans stale ones first. */
export async function withTempDir<T>(kind: 'ocr' | 'img', work: (dir: string) => Promise<T>): Promise<T> {
  cleaned ??= cleanStaleOcrTemp();
  await cleaned;
  const dir = await mkdtemp(path.join(os.tmpdir(), `nianbao-${kind}-${process.pid}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
