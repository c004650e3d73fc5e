// pdfjs-dist 5.4 inflates every Flate stream it reads (page contents, fonts, CMaps) through the
// global `DecompressionStream`: in Node that is zlib on the libuv thread pool behind web streams,
// one round trip per stream, and the main thread sits idle between them. For our documents that
// was about a sixth of a text-layer PDF's reading time. While a PDF is read, `DecompressionStream`
// is swapped for one that inflates "deflate" in one synchronous zlib call (the same zlib, so the
// same bytes; a stream zlib refuses makes pdfjs fall back to its own decoder, as before). Other
// formats go to the native class. Bombs are refused before pdfjs opens the file (stream-bounds.ts).
import { inflateSync } from 'node:zlib';

type DecompressionStreamClass = typeof globalThis.DecompressionStream;

/** A DecompressionStream whose "deflate" is one inflateSync when the writer closes. */
function syncInflateClass(native: DecompressionStreamClass): DecompressionStreamClass {
  return function DecompressionStream(format: CompressionFormat) {
    if (format !== 'deflate') return new native(format);
    const written: Uint8Array[] = [];
    let output!: ReadableStreamDefaultController<Uint8Array>;
    const readable = new ReadableStream<Uint8Array>({ start: (controller) => void (output = controller) });
    const writable = new WritableStream<BufferSource>({
      write: (chunk) => void written.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer)),
      close: () => {
        try {
          const inflated = inflateSync(written.length === 1 ? written[0] : Buffer.concat(written));
          output.enqueue(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength));
          output.close();
        } catch (error) {
          output.error(error);
        }
      },
      abort: (reason) => output.error(reason),
    });
    return { readable, writable };
  } as unknown as DecompressionStreamClass;
}

let depth = 0;
let saved: DecompressionStreamClass | undefined;

/** Runs `work` (a pdfjs reading) with the synchronous "deflate"; the native class is back after. */
export async function withSyncInflate<T>(work: () => Promise<T>): Promise<T> {
  const native = globalThis.DecompressionStream;
  if (depth++ === 0 && native) {
    saved = native;
    globalThis.DecompressionStream = syncInflateClass(native);
  }
  try {
    return await work();
  } finally {
    if (--depth === 0 && saved) {
      globalThis.DecompressionStream = saved;
      saved = undefined;
    }
  }
}
