// pdfjs inflates its Flate streams through the global DecompressionStream (zlib on the thread pool,
// a round trip per stream); while a PDF is read it gets a synchronous one (parsers/pdf/sync-inflate.ts).
// Same bytes, the same failure on a damaged stream (pdfjs then falls back to its own decoder), other
// formats untouched, and the native class back once the reading ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { parseDocument } from '../../../parsers/index.ts';
import { withSyncInflate } from '../../../parsers/pdf/sync-inflate.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

async function decompress(format: CompressionFormat, bytes: Uint8Array<ArrayBuffer>): Promise<Buffer> {
  const { readable, writable } = new DecompressionStream(format);
  const writer = writable.getWriter();
  void writer.write(bytes).then(() => writer.close()).catch(() => {});
  const chunks: Uint8Array[] = [];
  for await (const chunk of readable) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const text = Buffer.from('BT /F1 12 Tf 72 720 Td (政府信息公开工作年度报告) Tj ET\n'.repeat(200));

test('inside a PDF reading, deflate gives zlib\'s bytes, a truncated stream fails, gzip still works, and the native class is back after', async () => {
  const native = globalThis.DecompressionStream;
  await withSyncInflate(async () => {
    assert.notEqual(globalThis.DecompressionStream, native);
    assert.deepEqual(await decompress('deflate', deflateSync(text)), text);
    const deflated = deflateSync(text);
    await assert.rejects(decompress('deflate', deflated.subarray(0, deflated.length >> 1)));
    assert.deepEqual(await decompress('gzip', gzipSync(text)), text);
  });
  assert.equal(globalThis.DecompressionStream, native);
  const deflated = deflateSync(text);
  await assert.rejects(decompress('deflate', deflated.subarray(0, deflated.length >> 1)), 'the native class fails there too');
});

/** The PDF with its largest non-image Flate stream zeroed from its middle on (offsets kept). */
function damagedLargestStream(pdf: Buffer): Buffer {
  let largest = { start: 0, end: 0 };
  for (let at = pdf.indexOf('stream'); at !== -1; at = pdf.indexOf('stream', at + 6)) {
    if (pdf.toString('latin1', at - 3, at) === 'end') continue;
    const dict = pdf.toString('latin1', Math.max(0, pdf.lastIndexOf('obj', at)), at);
    if (!dict.includes('/FlateDecode') || dict.includes('/Image')) continue;
    const start = at + 7;
    const end = pdf.indexOf('endstream', start);
    if (end - start > largest.end - largest.start) largest = { start, end };
  }
  const damaged = Buffer.from(pdf);
  damaged.fill(0, largest.start + Math.floor((largest.end - largest.start) / 2), largest.end);
  return damaged;
}

test('a PDF with a damaged Flate stream is still read, from pdfjs\'s own decoder, and does not hang', async () => {
  const pdf = readFileSync(join(FIXTURES_DIR, 'seeds', '000_9fdddd81a4dc62c5.pdf'));
  const whole = await parseDocument(pdf);
  const damaged = await parseDocument(damagedLargestStream(pdf));
  const filled = (fields: Record<string, unknown>) => Object.values(fields).filter((v) => v !== null).length;
  assert.ok(filled(damaged.fields) > 0, 'figures from the undamaged pages');
  assert.ok(filled(damaged.fields) <= filled(whole.fields));
  assert.equal(globalThis.DecompressionStream.name, 'DecompressionStream');
});
