// A pool of worker threads that parse documents off the caller's thread: a crawl keeps fetching
// while PDFs, Word files and OCR are read elsewhere. Each worker parses one document at a time
// (pdfjs in one thread drops pages when two PDFs are read at once); workers start as work comes,
// up to `jobs` (one per core by default), and do not keep the process alive while idle.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseHints, ParseResult } from '../document/types.ts';

/** Parses one document; the pool and the in-thread fallback both answer to it. */
export interface DocumentParser {
  parse(bytes: Uint8Array, hints?: ParseHints, options?: ParseOptions): Promise<ParseResult>;
  /** Ends the workers (pending parses reject). */
  close(): Promise<void>;
  /** Starts the workers and loads the readers before the first document comes (a crawl's start). */
  warmUp?(): void;
}

/** How a document is parsed in a worker. */
export interface ParseOptions {
  /** Like parseDocument: an unreadable document rejects (with its `code`) instead of giving a result with its reason. */
  strict?: boolean;
  /**
   * Someone waits for this one (a crawler deciding what to fetch next from a report page): it goes
   * before the queued documents and, when every worker is busy (OCR of a scan can take minutes),
   * runs on one spare worker beyond `jobs`.
   */
  urgent?: boolean;
}

/** Thrown when a worker died under a parse (out of memory, a crash in a native module). */
export class ParseWorkerError extends Error {
  readonly code = 'parse-worker-died';
}

/** Workers when none is asked for: one per core. */
export function defaultParseJobs(): number {
  return Math.max(1, availableParallelism());
}

interface Task { id: number; bytes: Uint8Array; hints: ParseHints; strict: boolean; urgent: boolean; resolve: (r: ParseResult) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; task: Task | null }

// The worker's entry sits beside parsers/index.ts (it calls it); compiled in dist/ it is plain
// JavaScript. Run from sources (tests, benchmarks under tsx), the thread first registers tsx's
// loader, which a worker does not inherit from the main thread on Node 20.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`../parse-worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** A pool of `jobs` parse workers. */
export class ParsePool implements DocumentParser {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly jobs = defaultParseJobs()) {
    if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`parse jobs must be a whole number ≥ 1, got ${jobs}`);
  }

  /** Parses in a worker (parseDocumentSafely there, or parseDocument when `strict`). */
  parse(bytes: Uint8Array, hints: ParseHints = {}, options: ParseOptions = {}): Promise<ParseResult> {
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    return new Promise((resolve, reject) => {
      const task = { id: this.nextId++, bytes, hints, strict: options.strict === true, urgent: options.urgent === true, resolve, reject };
      if (task.urgent) this.waiting.splice(this.waiting.filter((t) => t.urgent).length, 0, task);
      else this.waiting.push(task);
      this.dispatch();
    });
  }

  /** Parses waiting or running. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.task).length;
  }

  /**
   * Starts all `jobs` workers now and has each load the readers, so the first documents do not
   * wait for module loading (the worker stays unreferenced: an idle pool keeps no process alive).
   */
  warmUp(): void {
    if (this.closed) return;
    while (this.slots.length < this.jobs) this.spawn().worker.postMessage({ warmUp: true });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('parse pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      // At most `jobs` documents parse at once; an urgent one may take one more worker.
      const limit = this.jobs + (this.waiting[0].urgent ? 1 : 0);
      if (this.slots.filter((s) => s.task !== null).length >= limit) return;
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < limit) slot = this.spawn();
      if (!slot) return;
      const task = this.waiting.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, bytes: task.bytes, hints: task.hints, strict: task.strict });
    }
  }

  private spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, task: null };
    worker.on('message', (message: { id: number; result?: ParseResult; error?: { name: string; message: string; stack?: string; code?: string } }) => {
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      slot.task = null;
      worker.unref();
      if (message.error) task.reject(Object.assign(new Error(message.error.message), message.error));
      else task.resolve(message.result!);
      this.dispatch();
    });
    const die = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.task?.reject(new ParseWorkerError(`parse worker died: ${error.message}`));
      slot.task = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }
}
