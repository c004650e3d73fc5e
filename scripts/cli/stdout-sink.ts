// Writing rows to stdout fast and stopping when the reader goes away. `nianbao query … | head`
// closes the pipe after ten lines: process.stdout reports that (EPIPE) only on a later tick, which
// a synchronous loop over rows never reaches, so the query would run on to its last row. Writing
// the file descriptor directly sees EPIPE at once.
import { writeSync } from 'node:fs';

/** Thrown by the sink once the reader of stdout has gone away. */
export class OutputClosed extends Error {}

const CHUNK = 1 << 16;

/** A sink over a file descriptor (stdout by default), buffered; `end()` flushes. */
export function fdSink(fd = 1): { write: (chunk: string) => void; end: () => void } {
  let pending = '';
  const flush = () => {
    let bytes = Buffer.from(pending);
    pending = '';
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') throw new OutputClosed();
        if (code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // a non-blocking terminal is full
      }
    }
  };
  return {
    write(chunk) {
      pending += chunk;
      if (pending.length >= CHUNK) flush();
    },
    end: flush,
  };
}
