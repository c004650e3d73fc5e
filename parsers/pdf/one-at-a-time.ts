// pdfjs-dist 5.4 keeps the page count of the most recently opened document in a static of its
// PagesMapper, shared by every document of the process (or worker thread): while one PDF is being
// read, opening another changes the first one's page count, and its later pages are refused
// ("Invalid page request"). So one document is open at a time per pdfjs instance: every reading
// (open → pages → destroy) waits for the one before it to end. pdfjs runs its "worker" on the
// main thread in Node, so the queue costs no parallelism.

let tail: Promise<unknown> = Promise.resolve();

/** Runs `work` after every reading queued before it has ended (resolved or failed). */
export function onePdfAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = tail.then(work, work);
  tail = result.catch(() => {});
  return result;
}
