// The DOC/WPS extractor: Word 97 text with cell ends (\u0007) and row ends becomes grid rows;
// wide rows, whose row-end flag Word keeps in the Data stream, still end where they should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDoc } from '../../../parsers/word/doc.ts';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const SEEDS = join(FIXTURES_DIR, 'seeds');

/** Refused with a reason a user can act on (the code names the kind of damage). */
async function rejectsAsUnreadable(bytes: Uint8Array): Promise<void> {
  await assert.rejects(parseDocument(bytes), (error: unknown) => {
    assert.ok(error instanceof UnreadableDocumentError, String(error));
    assert.match(error.code, /^[a-z_]+$/);
    assert.match(error.message, /OLE|Word/);
    return true;
  });
}

test('every row of the wide applications table of seed 003 (.doc) is a row of its own', async () => {
  const doc = await extractDoc(readFileSync(join(SEEDS, '003_d677def7845cc038.doc')));
  assert.equal(doc.format, 'doc');
  const valueRows = doc.rows.filter((r) => r.fromGrid && r.cells.filter((c) => /^\d+$/.test(c.text)).length === 7);
  assert.equal(valueRows.length, 25, 'applications rows with 7 figures');
  const process = doc.rows.find((r) => r.cells.some((c) => c.text === '6.属于四类过程性信息'))!;
  assert.deepEqual(process.cells.filter((c) => !c.continuation).slice(-7).map((c) => c.text), ['1', '0', '0', '0', '0', '0', '1']);
  assert.ok(doc.text.includes('新乡市牧野区人民政府'));
});

test('the 2019-format .wps of seed 002 keeps its stray empty cell in the rows', async () => {
  const doc = await extractDoc(readFileSync(join(SEEDS, '002_03ef826aa882f677.wps')));
  const carried = doc.rows.find((r) => r.cells.some((c) => c.text.startsWith('二、上年结转')))!;
  assert.deepEqual(carried.cells.filter((c) => !c.continuation).map((c) => c.text), ['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0', '']);
});

test('an OLE file that is not a Word document is refused', async () => {
  const ole = new Uint8Array(4096).fill(7);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await rejectsAsUnreadable(ole);
});

test('a truncated .doc is refused, at any cut', async () => {
  const bytes = readFileSync(join(SEEDS, '001_46e25f98fd9935f9.doc'));
  for (const size of [600, 4096, Math.floor(bytes.length / 2), bytes.length - 1000]) {
    await rejectsAsUnreadable(bytes.subarray(0, size));
  }
});
