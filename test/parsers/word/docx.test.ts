// DOCX: the seeds rendered by LibreOffice parse to their hand-checked answers; tables come out as
// grids with merged cells in place; the real blank template gives nulls; broken packages are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { extractDocx } from '../../../parsers/word/docx.ts';
import { parseDocument, parseDocumentSafely, UnreadableDocumentError } from '../../../parsers/index.ts';
import { EXPECTED_DIR, SHARED, assertMatchesExpected, loadExpected, seedNames } from '../../helpers/expected.ts';
import type { Row } from '../../../parsers/document/types.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const FIXTURES = join(FIXTURES_DIR, 'seeds');
const TEMPLATE = join(SHARED, 'corpus', 'peers', 'govnianbao', '政务公开年报模版.docx');

function gridRows(rows: Row[], table: number): Row[] {
  return rows.filter((row) => row.fromGrid && row.cells[0]?.prov.table === table);
}

function rowStartingWith(rows: Row[], label: string): Row {
  const row = rows.find((r) => r.cells.some((c) => c.text.startsWith(label)));
  assert.ok(row, `no row labelled ${label}`);
  return row;
}

for (const name of seedNames()) {
  test(`seed ${name} as DOCX parses to its expected answer`, async () => {
    const expected = loadExpected(join(EXPECTED_DIR, `${name}.json`));
    const result = await parseDocument(readFileSync(join(FIXTURES, `${name}.docx`)));
    assert.equal(result.format, 'docx');
    assertMatchesExpected(result, expected);
    assert.equal(Object.keys(result.fields).length, Object.keys(expected.fields).length);
  });
}

test('DOCX applications table is a 10-column grid with merged labels marked as continuations', async () => {
  const doc = await extractDocx(readFileSync(join(FIXTURES, '000_9fdddd81a4dc62c5.docx')));
  const tables = new Set(doc.rows.filter((r) => r.fromGrid).map((r) => r.cells[0].prov.table));
  assert.ok(tables.size >= 3, `expected at least 3 tables, got ${tables.size}`);
  const apps = doc.rows.filter((r) => r.fromGrid && r.cells.some((c) => c.text.startsWith('（七）总计')))[0];
  const appsTable = gridRows(doc.rows, apps.cells[0].prov.table!);
  assert.ok(appsTable.every((r) => r.cells.length === 10), `cell counts: ${appsTable.map((r) => r.cells.length)}`);
  const secret = rowStartingWith(appsTable, '1.属于国家秘密');
  // 三、本年度办理结果 (rowspan 22) and （三）不予公开 (rowspan 8) start above: both are continuations.
  assert.equal(secret.cells[0].continuation, true);
  assert.equal(secret.cells[1].continuation, undefined);
  assert.equal(secret.cells[1].text, '（三）不予公开');
  assert.deepEqual(secret.cells.slice(3).map((c) => c.text), ['0', '0', '0', '0', '0', '0', '0']);
  const carried = rowStartingWith(appsTable, '三、本年度办理结果').cells[0].prov.row;
  assert.equal(secret.cells[0].prov.row, carried, 'a continuation points at the row where the merged cell starts');
  assert.deepEqual(secret.cells.map((c) => c.prov.col), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('DOCX keeps blank value cells as empty strings in their columns (seed 001 reviews)', async () => {
  const doc = await extractDocx(readFileSync(join(FIXTURES, '001_46e25f98fd9935f9.docx')));
  const valueRow = doc.rows.filter((r) => r.fromGrid && r.cells.length === 15).at(-1)!;
  assert.deepEqual(valueRow.cells.map((c) => c.text), ['', '', '', '', '', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
  assert.ok(valueRow.cells.every((c) => !c.continuation));
  assert.equal(doc.meta.Title, '大竹县团坝镇 2021 年政府信息公开工作 年度报告');
  assert.match(doc.text, /一、总体情况/);
  assert.match(doc.text, /结果维持\t结果纠正/);
});

test('the real blank DOCX template parses as 2021 with every field null, not 0', async () => {
  const bytes = readFileSync(TEMPLATE);
  const doc = await extractDocx(bytes);
  assert.equal(doc.meta.Author, '张幸瑾');
  assert.equal(doc.meta.CreationDate, '2025-12-03T06:30:00Z');
  assert.equal(doc.meta.ModDate, '2025-12-08T22:17:24Z');
  const result = await parseDocument(bytes);
  assert.equal(result.template, '2021');
  assert.equal(Object.keys(result.fields).length, 200);
  const filled = Object.entries(result.fields).filter(([, v]) => v !== null);
  assert.deepEqual(filled, []);
});

test('a ZIP that is not a DOCX is refused with code not_docx', async () => {
  const zip = zipSync({ 'readme.txt': strToU8('hello'), 'data/table.csv': strToU8('a,b\n1,2') });
  await assert.rejects(parseDocument(zip), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'not_docx');
  await assert.rejects(extractDocx(zip), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'not_docx');
  const safe = await parseDocumentSafely(zip);
  assert.equal(safe.template, null);
  assert.match(safe.reason ?? '', /not_docx/);
});

test('a truncated DOCX is refused as damaged, at any cut', async () => {
  const bytes = readFileSync(join(FIXTURES, '002_03ef826aa882f677.docx'));
  for (const keep of [0.3, 0.6, 0.9, 0.99]) {
    const cut = bytes.subarray(0, Math.floor(bytes.length * keep));
    await assert.rejects(extractDocx(cut), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'docx_damaged',
      `cut at ${keep}`);
    const safe = await parseDocumentSafely(cut);
    assert.equal(safe.template, null);
    assert.deepEqual(Object.values(safe.fields).filter((v) => v !== null), []);
  }
});

test('a Word package without word/document.xml, or with a broken one, is refused with a reason', async () => {
  const noDocument = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8('<w:styles/>') });
  await assert.rejects(extractDocx(noDocument), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'not_docx'
    && /word\/document\.xml/.test(e.message));
  const noBody = zipSync({ 'word/document.xml': strToU8('<?xml version="1.0"?><html>not word</html>') });
  await assert.rejects(extractDocx(noBody), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'docx_no_body');
});

test('randomly damaged DOCX files are refused or read, never crash or hang', async () => {
  const base = readFileSync(join(FIXTURES, '000_9fdddd81a4dc62c5.docx'));
  let state = 11221;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const outcomes = { read: 0, refused: 0 };
  for (let i = 0; i < 150; i++) {
    const bytes = new Uint8Array(base);
    for (let k = 0; k < 1 + (i % 20); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    const started = Date.now();
    try {
      await extractDocx(bytes);
      outcomes.read++;
    } catch (error) {
      assert.ok(error instanceof UnreadableDocumentError, `mutation ${i}: ${error}`);
      outcomes.refused++;
    }
    assert.ok(Date.now() - started < 3000, `mutation ${i} took ${Date.now() - started} ms`);
  }
  assert.ok(outcomes.refused > 0, JSON.stringify(outcomes));
});
