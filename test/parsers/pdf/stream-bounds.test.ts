// A PDF whose content stream inflates to 1 GiB (1 MB in the file) took pdfjs 105 s and 2.3 GB: it is
// refused as too_complex before pdfjs opens it. The stream is compressed here in 1 MiB chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceUsage } from 'node:process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';
import { minimalPdf } from '../../helpers/minimal-pdf.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

async function deflatedSpaces(mib: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1 << 20, 0x20);
  for (let i = 0; i < mib; i++) if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  await new Promise((r) => deflate.end(r));
  return Buffer.concat(out);
}

test('a PDF content stream inflating to 1 GiB is refused as too_complex in seconds and bounded memory', async () => {
  const pdf = minimalPdf([{ content: await deflatedSpaces(1024), precompressed: true }]);
  assert.ok(pdf.length < 2 * 1048576, `${pdf.length} bytes`);
  const started = performance.now();
  await assert.rejects(parseDocument(pdf), (error) => error instanceof UnreadableDocumentError && error.code === 'too_complex');
  assert.ok(performance.now() - started < 20_000);
  assert.ok(resourceUsage().maxRSS / 1024 < 1000, `peak RSS ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
});

test('many streams of 40 MiB each are refused by the total cap; a seed PDF passes the check', async () => {
  const page = { content: await deflatedSpaces(40), precompressed: true };
  await assert.rejects(parseDocument(minimalPdf(Array.from({ length: 8 }, () => page))), (error) => error instanceof UnreadableDocumentError && error.code === 'too_complex');
  const seed = await parseDocument(readFileSync(join(FIXTURES_DIR, 'seeds', '000_9fdddd81a4dc62c5.pdf')));
  assert.equal(seed.format, 'pdf');
});
