// The tesseract runs of one document, shared by its pages. Pages are read as soon as each is
// prepared (page-reading.ts): preparing a page is JavaScript on this thread, about half a second;
// reading it is tesseract, a child process, about a second for a page of running text. Read in
// one batch once the last page was prepared, one core waited through the whole preparation and the
// running text of every page went through a single process while the other core idled.
// At most RUNS_AT_ONCE runs go at a time, and a run that starts takes every image waiting for the
// same reading (up to its requestsPerRun): while tesseract keeps up, a page is read as soon as it is
// ready; when pages come faster than they are read, the waiting crops share one run and one model
// load (batch.ts).
import { ocrImages, type OcrMode, type OcrWord } from './batch.ts';
import type { GreyImage } from './rules.ts';

// One reads a page's running text while another reads its cells or the page before.
const RUNS_AT_ONCE = 2;

/** A way of reading: a name for its files, the tesseract settings, and how many requests a run may take. */
export interface Reading {
  name: string;
  mode: OcrMode;
  /**
   * A page of running text takes a second to read, 10 times its model load: batched, the last
   * pages of a scan went through one process while the other place stood idle. Default: all waiting.
   */
  requestsPerRun?: number;
}

/** Images waiting to be read one way, and who waits for their words. */
interface Waiting {
  reading: Reading;
  images: (GreyImage | string)[];
  done: (words: OcrWord[][]) => void;
  failed: (error: unknown) => void;
}

/** Waits for every promise; then returns their values, or throws the first failure. */
export async function allSettledOrFirstFailure<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Tesseract runs into `dir` (a document's temporary folder), batched as described above. */
export class RunQueue {
  private waiting: Waiting[] = [];
  private running = 0;
  private readonly runs = new Map<string, number>();

  constructor(private readonly dir: string, private readonly signal?: AbortSignal) {}

  /** The words of each image (an image or the path of one written already), read in one of the next runs. */
  read(reading: Reading, images: (GreyImage | string)[]): Promise<OcrWord[][]> {
    if (images.length === 0) return Promise.resolve([]);
    return new Promise((done, failed) => {
      this.waiting.push({ reading, images, done, failed });
      this.startRuns();
    });
  }

  /** Starts runs while there are free places, each with every image waiting for the oldest one's reading. */
  private startRuns(): void {
    while (this.running < RUNS_AT_ONCE && this.waiting.length > 0) {
      const { reading } = this.waiting[0];
      const batch = this.waiting.filter((w) => w.reading.name === reading.name).slice(0, reading.requestsPerRun ?? Infinity);
      this.waiting = this.waiting.filter((w) => !batch.includes(w));
      const run = this.runs.get(reading.name) ?? 0;
      this.runs.set(reading.name, run + 1);
      this.running++;
      const name = `${reading.name}-${String(run).padStart(4, '0')}`;
      ocrImages(batch.flatMap((w) => w.images), this.dir, name, reading.mode, this.signal).then(
        (words) => {
          let from = 0;
          for (const w of batch) {
            w.done(words.slice(from, from + w.images.length));
            from += w.images.length;
          }
        },
        (error) => batch.forEach((w) => w.failed(error)),
      ).finally(() => {
        this.running--;
        this.startRuns();
      });
    }
  }
}
