// A scan's pages read as soon as each is prepared. Preparing a page (straightening, finding its
// tables, cutting its cells) is JavaScript on this thread, about half a second a page; reading it is
// tesseract, a child process, about a second for a page of running text. Read in one batch after
// the last page was prepared, one core waited through the whole preparation and then the running
// text of every page went through a single process. Started page by page, tesseract reads page 1
// while page 2 is prepared, and the text and the cells of a page are read side by side.
// Loading the model costs ~0.1 s a run, little beside a page (batch.ts keeps a page's crops in one run).
import pLimit from 'p-limit';
import { ocrImages, type OcrMode, type OcrWord } from './batch.ts';
import type { PreparedPage } from './page.ts';
import type { GreyImage } from './rules.ts';

/** Running text as columns of text of varying size: psm 4 reads bold title glyphs that psm 6 confuses (韭 read as 非). */
export const TEXT_MODE: OcrMode = { lang: 'chi_sim', psm: 4 };
/** Cell crops as uniform blocks: psm 6 keeps a wrapped label's lines together. */
export const CELL_MODE: OcrMode = { lang: 'chi_sim', psm: 6 };
// Tesseract runs of one document at once: one reads a page's text while another reads its cells.
const RUNS_AT_ONCE = 2;

/** What tesseract read on one page: the words of its running text and of each of its crops. */
export interface PageWords {
  text: OcrWord[];
  /** One entry per crop, in the order of `cropsOfPage`. */
  cells: OcrWord[][];
}

/** A page's cell crops in reading order (table by table, cell by cell), with where each belongs. */
export function cropsOfPage(page: PreparedPage): { image: GreyImage; table: number; cell: number }[] {
  return page.crops.flatMap((cells, table) => cells.flatMap((image, cell) => (image ? [{ image, table, cell }] : [])));
}

/** Waits for every promise; then returns their values, or throws the first failure. */
async function allSettledOrFirstFailure<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Reads prepared pages as they come, a few tesseract runs at a time, into `dir`. */
export class PageReader {
  private readonly limit = pLimit(RUNS_AT_ONCE);
  private readonly pages: Promise<PageWords>[] = [];

  constructor(private readonly dir: string, private readonly signal?: AbortSignal) {}

  /** Starts reading a page: its running text and its crops, one tesseract run each. */
  read(page: PreparedPage): void {
    const tag = String(this.pages.length).padStart(4, '0');
    const text = this.limit(() => ocrImages([page.text], this.dir, `text-${tag}`, TEXT_MODE, this.signal));
    const cells = this.limit(() => ocrImages(cropsOfPage(page).map((c) => c.image), this.dir, `cells-${tag}`, CELL_MODE, this.signal));
    const words = allSettledOrFirstFailure<OcrWord[][]>([text, cells]).then(([[pageText], pageCells]) => ({ text: pageText ?? [], cells: pageCells }));
    // Awaited in `words()`; until then a failure must not count as unhandled (it would end the worker).
    words.catch(() => undefined);
    this.pages.push(words);
  }

  /**
   * The words of every page read, in page order. Waits for every run to end, failed or not, before
   * it throws the first failure: the temporary folder is removed only once no tesseract reads from it.
   */
  words(): Promise<PageWords[]> {
    return allSettledOrFirstFailure(this.pages);
  }

  /** Waits for the runs started to end, whatever their outcome (a preparation failed midway). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pages);
  }
}
