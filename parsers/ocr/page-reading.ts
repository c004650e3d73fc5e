// One prepared page read through the document's tesseract runs (run-queue.ts), from its images to
// its cell readings: the running text and the cell crops, then a second, digits-only reading of
// the figure cells, then a third for the cells those two leave empty. Each page goes through these
// steps on its own as soon as it is prepared, so the figure check of page 1 runs while page 3 is
// being prepared, instead of one figure pass for the whole document at the end.
import { decideFigure, figureCandidates, FIGURE_MODE, settleByThirdReading, TIE_BREAK_MODE } from './figures.ts';
import { withoutMarks } from './marks.ts';
import type { PreparedPage } from './page.ts';
import type { OcrWord } from './batch.ts';
import { isUnread, UNREAD } from '../document/unread.ts';
import { readWords, type CellReading } from './table.ts';
import { allSettledOrFirstFailure, RunQueue, type Reading } from './run-queue.ts';
import type { GreyImage } from './rules.ts';

/** Running text as columns of text of varying size: psm 4 reads bold title glyphs that psm 6 confuses (韭 read as 非). */
const TEXT: Reading = { name: 'text', mode: { lang: 'chi_sim', psm: 4 }, requestsPerRun: 1 };
/** Cell crops as uniform blocks: psm 6 keeps a wrapped label's lines together. */
const CELLS: Reading = { name: 'cells', mode: { lang: 'chi_sim', psm: 6 } };
const FIGURES: Reading = { name: 'figures', mode: FIGURE_MODE };
const TIE_BREAK: Reading = { name: 'tie-break', mode: TIE_BREAK_MODE };
// A figure read in a cell that had coloured ink over it stands only with this confidence.
const STAMPED_MIN_CONFIDENCE = 90;

/** What OCR made of one page: its running text's words, and per table, per cell, its reading. */
export interface PageReading {
  text: OcrWord[];
  readings: CellReading[][];
  /** Every word the first reading of the cells saw, for the document's mean confidence. */
  cellWords: OcrWord[];
}

/** A page's cell crops in reading order (table by table, cell by cell), with where each belongs. */
function cropsOfPage(page: PreparedPage): { image: GreyImage; table: number; cell: number }[] {
  return page.crops.flatMap((cells, table) => cells.flatMap((image, cell) => (image ? [{ image, table, cell }] : [])));
}

/** Reads a prepared page through `queue`: text and cells first, then the figure check. */
export async function readPreparedPage(page: PreparedPage, queue: RunQueue): Promise<PageReading> {
  const crops = cropsOfPage(page);
  // Both runs end before a failure of one is thrown: nothing may read the folder once it is removed.
  const [[text = []], cells] = await allSettledOrFirstFailure([
    queue.read(TEXT, [page.text]),
    queue.read(CELLS, crops.map((c) => c.image)),
  ]);
  // A cell left with no ink once coloured ink was dropped had a seal or a pen over it: its print may
  // have gone too, so it is unread (a doubt), not certainly blank.
  const readings = page.crops.map((tableCells, t) => tableCells.map((_, c) => (page.stamped[t][c] ? UNREAD : readWords(null))));
  crops.forEach((c, i) => {
    readings[c.table][c.cell] = readWords(cells[i]);
  });
  await checkFigures(page, readings, queue);
  return { text, readings, cellWords: cells.flat() };
}

/**
 * Reads the figure cells again with the digit model and lets the two readings decide. A cell with
 * a reader's marks is read without them; its figure then stands only if the first reading saw no
 * digits or no more digits and points than it has (taking marks off must never shorten a figure:
 * 94.0121 into 94; a tick chi_sim read as "2" beside the 0 is a disagreement the readings settle).
 * A cell they leave empty gets a third reading, which stands only if it agrees with one of them.
 */
async function checkFigures(page: PreparedPage, readings: CellReading[][], queue: RunQueue): Promise<void> {
  const candidates = page.tables.flatMap((table, t) => figureCandidates(table, readings[t], page.stamped[t])
    .filter((cell) => page.crops[t][cell] !== null) // no ink left to read (a seal's cell, unread)
    .map((cell) => {
      const crop = page.crops[t][cell]!;
      const image = withoutMarks(crop);
      return { table: t, cell, image, marked: image !== crop };
    }));
  const words = await queue.read(FIGURES, candidates.map((c) => c.image));
  const undecided: { candidate: (typeof candidates)[number]; first: CellReading; digits: CellReading }[] = [];
  candidates.forEach((c, i) => {
    const first = readings[c.table][c.cell];
    const digits = readWords(words[i]);
    const kept = keptFigure(first, decideFigure(first, digits), c.marked, page.stamped[c.table][c.cell]);
    readings[c.table][c.cell] = kept;
    if (isUnread(kept)) undecided.push({ candidate: c, first, digits });
  });
  const third = await queue.read(TIE_BREAK, undecided.map((u) => u.candidate.image));
  undecided.forEach(({ candidate: c, first, digits }, i) => {
    const settled = settleByThirdReading(first, digits, readWords(third[i]));
    readings[c.table][c.cell] = keptFigure(first, settled, c.marked, page.stamped[c.table][c.cell]);
  });
}

/**
 * A decided figure, or UNREAD when it cannot be trusted: shorter than the first reading once marks
 * were taken off, or under coloured ink and not sure.
 */
function keptFigure(first: CellReading, decided: CellReading, marked: boolean, stamped: boolean): CellReading {
  // Points at either end are a mark's dots read as print (".0."), not part of the figure.
  const digits = (text: string) => text.replace(/[^\d.]/g, '').replace(/^\.+|\.+$/g, '');
  const shortened = marked && digits(first.text) !== '' && digits(decided.text).length < digits(first.text).length;
  // Under a seal or a pen stroke, part of the print went with the coloured ink: only a sure figure stands.
  const doubtful = stamped && decided.confidence < STAMPED_MIN_CONFIDENCE;
  return shortened || doubtful ? UNREAD : decided;
}

/** Reads a document's prepared pages, each as soon as it is given, through one queue of runs. */
export class PageReader {
  private readonly queue: RunQueue;
  private readonly started: Promise<PageReading>[] = [];

  constructor(dir: string, signal?: AbortSignal) {
    this.queue = new RunQueue(dir, signal);
  }

  /** Starts reading a page. */
  read(page: PreparedPage): void {
    const reading = readPreparedPage(page, this.queue);
    // Awaited in `pages()`; until then a failure must not count as unhandled (it would end the worker).
    reading.catch(() => undefined);
    this.started.push(reading);
  }

  /**
   * Every page read, in page order. Waits for every page to end, failed or not, before it throws
   * the first failure: the temporary folder is removed only once no tesseract reads from it.
   */
  pages(): Promise<PageReading[]> {
    return allSettledOrFirstFailure(this.started);
  }

  /** Waits for the pages started to end, whatever their outcome (a preparation failed midway). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.started);
  }
}
