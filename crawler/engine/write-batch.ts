// Archive writes of a whole run grouped into batched transactions: every route's commit (a capture,
// its parse, the links it revealed, the entry settled) queues here and the batch commits once the
// current turn of the event loop is over, so one fsync carries all the pages that finished together.
// Each commit keeps its own savepoint: one that throws is undone alone and its caller gets the error.
import { inBatch, type Archive } from '../../storage/index.ts';

interface Queued { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }

/** Most commits in one transaction. */
const MAX_BATCH = 256;

/** Queues writes and commits them in batches; `write` resolves once its batch has committed. */
export class WriteBatcher {
  private queue: Queued[] = [];
  private scheduled = false;
  /** Batches committed and writes in them (for benchmarks and tests). */
  readonly stats = { batches: 0, writes: 0 };

  constructor(private readonly archive: Archive) {}

  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes;
    try {
      outcomes = inBatch(this.archive, batch.map((q) => q.work));
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.writes += batch.length;
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
  }
}
