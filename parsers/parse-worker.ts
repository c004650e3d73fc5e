// The body of one parse worker thread (parsers/pool/): parses the documents it is sent, one at a
// time, through the parsers' public door, and answers each with its result or its error.
import { parentPort } from 'node:worker_threads';
import { loadReaders, parseDocument, parseDocumentSafely } from './index.ts';
import type { ParseHints } from './document/types.ts';

let chain: Promise<void> = Promise.resolve();

parentPort?.on('message', (message: { id: number; bytes: Uint8Array; hints: ParseHints; strict?: boolean } | { warmUp: true }) => {
  if ('warmUp' in message) {
    // Ahead of any document (the pool's warmUp): a failure here shows again at the first parse.
    chain = chain.then(() => loadReaders().catch(() => {}));
    return;
  }
  // One document at a time, even if the pool ever sent two.
  chain = chain.then(async () => {
    try {
      const result = await (message.strict ? parseDocument : parseDocumentSafely)(message.bytes, message.hints);
      parentPort!.postMessage({ id: message.id, result });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const code = (e as { code?: unknown }).code;
      parentPort!.postMessage({ id: message.id, error: { name: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) } });
    }
  });
});
