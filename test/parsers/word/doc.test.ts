// DOC / WPS (Word 97 binary): the seeds parse to their answers, their tables come out as the same
// grids as the DOCX export of the same page, and other or damaged OLE files are refused clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDoc } from '../../../parsers/word/doc.ts';
import { extractDocx } from '../../../parsers/word/docx.ts';
import { parseDocument, parseDocumentSafely, UnreadableDocumentError } from '../../../parsers/index.ts';
import type { ExtractedDocument } from '../../../parsers/document/types.ts';
import { EXPECTED_DIR, SHARED, assertMatchesExpected, loadExpected, seedNames } from '../../helpers/expected.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const FIXTURES = join(FIXTURES_DIR, 'seeds');
const SPREADSHEET = join(FIXTURES, 'garbage', 'spreadsheet.xls');
const TEMPLATE_DOC = join(FIXTURES, 'template', 'blank-template.doc');
const TEMPLATE_DOCX = join(SHARED, 'corpus', 'peers', 'govnianbao', '政务公开年报模版.docx');

function isUnreadable(code: string) {
  return (e: unknown) => e instanceof UnreadableDocumentError && e.code === code;
}

/** Each grid row as "text@originRow" per cell, continuations marked with ^. */
function gridSignature(doc: ExtractedDocument): string[] {
  return doc.rows.filter((r) => r.fromGrid)
    .map((r) => r.cells.map((c) => `${c.continuation ? '^' : ''}${c.text}@${c.prov.table}:${c.prov.row}`).join(' | '));
}

for (const name of seedNames()) {
  for (const extension of ['doc', 'wps']) {
    test(`seed ${name} as .${extension} parses to its expected answer`, async () => {
      const expected = loadExpected(join(EXPECTED_DIR, `${name}.json`));
      const result = await parseDocument(readFileSync(join(FIXTURES, `${name}.${extension}`)));
      assert.equal(result.format, 'doc');
      assertMatchesExpected(result, expected);
      assert.equal(Object.keys(result.fields).length, Object.keys(expected.fields).length);
    });
  }

  test(`seed ${name}: the .doc tables are the same grids, and the same text, as the .docx of the same page`, async () => {
    const doc = await extractDoc(readFileSync(join(FIXTURES, `${name}.doc`)));
    const docx = await extractDocx(readFileSync(join(FIXTURES, `${name}.docx`)));
    const grid = gridSignature(doc);
    assert.ok(grid.length >= 40, `only ${grid.length} grid rows`);
    assert.deepEqual(grid, gridSignature(docx));
    assert.equal(doc.text, docx.text);
  });
}

test('DOC rows: merged labels are continuations, blank value cells stay "" in their columns', async () => {
  const doc = await extractDoc(readFileSync(join(FIXTURES, '001_46e25f98fd9935f9.doc')));
  const rows = doc.rows.filter((r) => r.fromGrid);
  const denied = rows.find((r) => r.cells.some((c) => c.text === '2.其他法律行政法规禁止公开'))!;
  assert.equal(denied.cells.length, 10);
  assert.deepEqual(denied.cells.slice(0, 2).map((c) => c.continuation), [true, true]);
  assert.deepEqual(denied.cells.map((c) => c.prov.col), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const reviews = rows.filter((r) => r.cells.length === 15).at(-1)!;
  assert.deepEqual(reviews.cells.map((c) => c.text), ['', '', '', '', '', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
  assert.ok(reviews.cells.every((c) => !c.continuation));
  // A header cell written on two lines ("结果\v维持") is one label without a space.
  assert.ok(rows.some((r) => r.cells.some((c) => c.text === '结果维持')));
  assert.deepEqual(doc.warnings, []);
  assert.equal(doc.meta.Title, '大竹县团坝镇 2021 年政府信息公开工作 年度报告');
  assert.equal(doc.containerTitle, doc.meta.Title);
});

test('the real blank template saved as DOC: same grids as the DOCX, template 2021, every field null', async () => {
  const bytes = readFileSync(TEMPLATE_DOC);
  const doc = await extractDoc(bytes);
  assert.deepEqual(gridSignature(doc), gridSignature(await extractDocx(readFileSync(TEMPLATE_DOCX))));
  // The summary properties carry over from the DOCX's core.xml.
  assert.deepEqual(doc.meta, { Author: '张幸瑾', CreationDate: '2025-12-03T06:30:00Z', ModDate: '2025-12-08T22:17:24Z' });
  const result = await parseDocument(bytes);
  assert.equal(result.template, '2021');
  assert.equal(Object.keys(result.fields).length, 200);
  assert.deepEqual(Object.entries(result.fields).filter(([, v]) => v !== null), []);
});

test('randomly damaged DOC files are refused or read, never crash or hang', async () => {
  const base = readFileSync(join(FIXTURES, '002_03ef826aa882f677.doc'));
  let state = 20261122;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const outcomes = { read: 0, refused: 0 };
  for (let i = 0; i < 150; i++) {
    const bytes = new Uint8Array(base);
    // Half the mutations hit the header, FAT and directory sectors, where damage matters most.
    const span = i % 2 ? 4096 : bytes.length;
    for (let k = 0; k < 1 + (i % 20); k++) bytes[Math.floor(random() * span)] = Math.floor(random() * 256);
    const started = Date.now();
    try {
      await extractDoc(bytes);
      outcomes.read++;
    } catch (error) {
      assert.ok(error instanceof UnreadableDocumentError, `mutation ${i}: ${error}`);
      outcomes.refused++;
    }
    assert.ok(Date.now() - started < 2000, `mutation ${i} took ${Date.now() - started} ms`);
  }
  assert.ok(outcomes.read > 0 && outcomes.refused > 0, JSON.stringify(outcomes));
});

test('an Excel workbook (OLE without a WordDocument stream) is refused with code not_word', async () => {
  const xls = readFileSync(SPREADSHEET);
  assert.deepEqual([...xls.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
  await assert.rejects(extractDoc(xls), (e: unknown) => isUnreadable('not_word')(e) && /WordDocument.*Workbook/.test((e as Error).message));
  // The dispatcher then reads it as what it is, a spreadsheet: no report in it.
  const safe = await parseDocumentSafely(xls);
  assert.equal(safe.format, 'sheet');
  assert.equal(safe.template, null);
  assert.match(safe.reason ?? '', /not a report/);
});

test('a truncated DOC is refused as damaged, at any cut', async () => {
  const bytes = readFileSync(join(FIXTURES, '003_d677def7845cc038.doc'));
  for (const keep of [0.05, 0.3, 0.6, 0.95]) {
    const cut = bytes.subarray(0, Math.floor(bytes.length * keep));
    await assert.rejects(extractDoc(cut), (e: unknown) => e instanceof UnreadableDocumentError && /damaged|truncated|not a Word/.test(e.message),
      `cut at ${keep}`);
  }
  await assert.rejects(extractDoc(bytes.subarray(0, 300)), isUnreadable('ole_damaged'));
});

test('an OLE header followed by noise, and a DOC whose FAT loops, are refused without hanging', async () => {
  const noise = new Uint8Array(8192);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251;
  noise.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  await assert.rejects(extractDoc(noise), isUnreadable('ole_damaged'));

  const looped = new Uint8Array(readFileSync(join(FIXTURES, '000_9fdddd81a4dc62c5.doc')));
  const view = new DataView(looped.buffer);
  const firstDirSector = view.getUint32(0x30, true);
  const fatSector = view.getUint32(0x4c, true);
  // Point the directory chain at itself: a reader that trusts the chain would loop forever.
  view.setUint32(512 + fatSector * 512 + firstDirSector * 4, firstDirSector, true);
  await assert.rejects(extractDoc(looped), isUnreadable('ole_damaged'));
});

test('a password-protected DOC is refused with code encrypted', async () => {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, '002_03ef826aa882f677.doc')));
  const plain = await extractDoc(bytes);
  assert.ok(plain.rows.length > 0);
  // fEncrypted lives in the FIB at the start of the WordDocument stream; find the stream by its signature.
  const fib = Buffer.from(bytes).indexOf(Buffer.from([0xec, 0xa5]));
  assert.ok(fib > 0);
  bytes[fib + 0x0b] |= 0x01;
  await assert.rejects(extractDoc(bytes), isUnreadable('encrypted'));
});
