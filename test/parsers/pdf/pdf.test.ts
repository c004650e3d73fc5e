// PDF extraction: seed PDFs with a text layer parse to their expected answers, scanned seeds go
// through OCR with cells marked as such, and garbage PDFs give clear errors instead of crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';
import { extractDocument } from '../../../parsers/extract.ts';
import { EXPECTED_DIR, assertMatchesExpected, loadExpected, seedNames } from '../../helpers/expected.ts';
import { CORPUS_EXPECTED_DIR, FIXTURES_DIR, SHARED } from '../../helpers/paths.ts';

const FIXTURE_SEEDS = join(FIXTURES_DIR, 'seeds');

for (const name of seedNames()) {
  test(`seed ${name} (text-layer PDF) matches its expected answer`, async () => {
    const expected = loadExpected(join(EXPECTED_DIR, `${name}.json`));
    const result = await parseDocument(readFileSync(join(FIXTURE_SEEDS, `${name}.pdf`)));
    assert.equal(result.format, 'pdf');
    assertMatchesExpected(result, expected);
  });
}

const CORPUS_PDFS = ['KIROGOVCOMPARE/hzq2023_working', 'KIROGOVCOMPARE/hzq2024_working', 'govnianbao/szfgs2024'];
const CORPUS_ROOT = join(SHARED, 'corpus', 'peers');

for (const path of CORPUS_PDFS) {
  const base = path.split('/')[1];
  test(`corpus PDF ${base} parses exactly to its hand label`, async () => {
    const expected = loadExpected(join(CORPUS_EXPECTED_DIR, `${base}.json`));
    const result = await parseDocument(readFileSync(join(CORPUS_ROOT, `${path}.pdf`)));
    assertMatchesExpected(result, expected);
  });
}

test('every PDF cell has its page and position; page footers are not rows', async () => {
  const doc = await extractDocument(readFileSync(join(FIXTURE_SEEDS, '002_03ef826aa882f677.pdf')));
  assert.ok(doc.pages && doc.pages > 1);
  for (const row of doc.rows) {
    for (const cell of row.cells) assert.ok(cell.prov.page && cell.prov.x !== undefined && cell.prov.y !== undefined);
    assert.doesNotMatch(row.cells.map((c) => c.text).join(' '), /^[-—\s]*\d{1,3}[-—\s]*$/);
  }
});

test('a scanned seed PDF is read by OCR, its cells marked ocr with a confidence', async () => {
  const doc = await extractDocument(readFileSync(join(FIXTURE_SEEDS, '003_d677def7845cc038.scan.pdf')));
  assert.ok(doc.ocrConfidence && doc.ocrConfidence > 30, `confidence ${doc.ocrConfidence}`);
  const cells = doc.rows.flatMap((r) => r.cells);
  assert.ok(cells.length > 100);
  assert.ok(cells.every((c) => c.prov.ocr === true && typeof c.prov.ocrConfidence === 'number'));
  assert.match(doc.text, /政府信息公开/);
});

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await parseDocument(bytes);
  } catch (error) {
    assert.ok(error instanceof UnreadableDocumentError, String(error));
    return error.code;
  }
  assert.fail('garbage PDF was accepted');
}

test('a truncated PDF is refused as pdf_corrupt', async () => {
  const bytes = readFileSync(join(FIXTURE_SEEDS, '000_9fdddd81a4dc62c5.pdf'));
  assert.equal(await refusal(bytes.subarray(0, 2000)), 'pdf_corrupt');
});

test('random bytes behind a %PDF header are refused as pdf_corrupt', async () => {
  const noise = Buffer.alloc(20000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  assert.equal(await refusal(Buffer.concat([Buffer.from('%PDF-1.7\n'), noise])), 'pdf_corrupt');
});

test('a password-encrypted PDF (made by qpdf) is refused as pdf_encrypted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  try {
    const out = join(dir, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(FIXTURE_SEEDS, '002_03ef826aa882f677.pdf'), out]);
    assert.equal(await refusal(readFileSync(out)), 'pdf_encrypted');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
