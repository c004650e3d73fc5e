// The parse worker pool: the same results as parsing in this thread, several documents at once on
// several workers, the main thread free while they parse, and clear errors for bad use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsePool, parseDocument, parseDocumentSafely } from '../../../parsers/index.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const SEEDS = join(FIXTURES_DIR, 'seeds');
const FILES = ['000_9fdddd81a4dc62c5.html', '000_9fdddd81a4dc62c5.pdf', '001_46e25f98fd9935f9.docx', '001_46e25f98fd9935f9.gbk.html'];

test('the pool parses real documents exactly as this thread does, several at once', async () => {
  const pool = new ParsePool(2);
  try {
    const bytes = FILES.map((f) => readFileSync(join(SEEDS, f)));
    // The event loop keeps turning while workers parse: count timer ticks meanwhile.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const pooled = await Promise.all(bytes.map((b, i) => pool.parse(b, { fileName: FILES[i] })));
    clearInterval(ticker);
    for (const [i, file] of FILES.entries()) {
      const local = await parseDocumentSafely(bytes[i], { fileName: file });
      assert.ok(local.template !== null, `${file} is a report`);
      assert.deepEqual(pooled[i], JSON.parse(JSON.stringify(local)), file);
    }
    assert.ok(ticks >= 3, `timers ran while parsing (${ticks} ticks)`);
    assert.equal(pool.pending, 0);
  } finally {
    await pool.close();
  }
});

test('an unreadable document gives a result with its reason, not a dead worker', async () => {
  const pool = new ParsePool(1);
  try {
    const result = await pool.parse(Buffer.from('%PDF-1.7\n garbage that is no PDF at all'), { fileName: 'broken.pdf' });
    assert.equal(result.template, null);
    const after = await pool.parse(readFileSync(join(SEEDS, FILES[0])), { fileName: FILES[0] });
    assert.ok(after.template !== null, 'the same worker parses the next document');
  } finally {
    await pool.close();
  }
});

test('bad use fails clearly: a job count below 1, a parse after close', async () => {
  assert.throws(() => new ParsePool(0), /parse jobs must be a whole number ≥ 1, got 0/);
  assert.throws(() => new ParsePool(1.5), RangeError);
  const pool = new ParsePool(1);
  await pool.close();
  await assert.rejects(pool.parse(Buffer.from('<html></html>')), /parse pool closed/);
});

test('strict parsing rejects an unreadable document with its code, as parseDocument does', async () => {
  const pool = new ParsePool(1);
  try {
    const garbage = Buffer.from('%PDF-1.7\n garbage that is no PDF at all');
    const local = await parseDocument(garbage, { fileName: 'broken.pdf' }).then(() => null, (e: Error & { code?: string }) => e);
    assert.ok(local, 'parseDocument throws on it');
    await assert.rejects(pool.parse(garbage, { fileName: 'broken.pdf' }, { strict: true }),
      (e: Error & { code?: string }) => e.message === local.message && e.code === local.code);
  } finally {
    await pool.close();
  }
});

test('an urgent document does not wait behind a busy pool: it runs on one spare worker', async () => {
  const pool = new ParsePool(1);
  try {
    const html = readFileSync(join(SEEDS, FILES[0]));
    const scan = readFileSync(join(SEEDS, '000_9fdddd81a4dc62c5.scan.pdf'));
    let scanDone = false;
    const slow = pool.parse(scan, { fileName: 'scan.pdf' }).then((r) => { scanDone = true; return r; });
    const queued = pool.parse(html, { fileName: 'queued.html' });
    const urgent = await pool.parse(html, { fileName: FILES[0] }, { urgent: true });
    assert.ok(urgent.template !== null);
    assert.equal(scanDone, false, 'the urgent page was parsed while the scan was still being read');
    // Not waited for: closing the pool ends the scan's worker, and the two reject.
    slow.catch(() => {});
    queued.catch(() => {});
  } finally {
    await pool.close();
  }
});
