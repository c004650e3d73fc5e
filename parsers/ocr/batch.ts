// Many images read by one tesseract process: loading the chi_sim model costs more than reading a
// table cell, so every crop of a document goes into one list file and one run.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './run.ts';
import { writePgm, type GreyImage } from './rules.ts';

/** One word tesseract read, with its box in the pixels of the image it was read from. */
export interface OcrWord {
  text: string;
  confidence: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Block, paragraph and line numbers: words of one line share them. */
  line: string;
}

/** How to read a batch: page segmentation mode, language and extra `-c` settings. */
export interface OcrMode {
  psm: number;
  lang: string;
  config?: Record<string, string>;
}

/** Parses tesseract TSV into the words of each input image (index = position in the list). */
export function parseTsv(tsv: string, imageCount: number): OcrWord[][] {
  const words: OcrWord[][] = Array.from({ length: imageCount }, () => []);
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    const [page, block, par, lineNo] = cols.slice(1, 5).map(Number);
    const [left, top, width, height, confidence] = cols.slice(6, 11).map(Number);
    const text = cols.slice(11).join('\t').trim();
    if (!text || confidence < 0 || !words[page - 1]) continue;
    words[page - 1].push({ text, confidence, left, top, width, height, line: `${block}.${par}.${lineNo}` });
  }
  return words;
}

/**
 * Writes the images into `dir` and reads them all in one tesseract run. An entry given as a path is
 * an image already written (a page's text image, put on disk as soon as it was prepared so that a
 * long scan does not hold every page in memory).
 */
export async function ocrImages(images: (GreyImage | string)[], dir: string, name: string, mode: OcrMode, signal?: AbortSignal): Promise<OcrWord[][]> {
  if (images.length === 0) return [];
  const files = images.map((image, i) => (typeof image === 'string' ? image : path.join(dir, `${name}-${String(i).padStart(4, '0')}.pgm`)));
  await Promise.all(images.map((image, i) => (typeof image === 'string' ? undefined : writeFile(files[i], writePgm(image)))));
  const list = path.join(dir, `${name}.txt`);
  await writeFile(list, `${files.join('\n')}\n`);
  const config = Object.entries(mode.config ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const tsv = await run('tesseract', [list, '-', '-l', mode.lang, '--psm', String(mode.psm), ...config, 'tsv'], 600_000, signal);
  return parseTsv(tsv, images.length);
}
