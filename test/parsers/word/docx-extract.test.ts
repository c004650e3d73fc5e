// The DOCX extractor reads OOXML directly: merged cells (gridSpan, vMerge, gridBefore) become
// continuation positions of a rectangular grid; damaged packages are refused with a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { extractDocx } from '../../../parsers/word/docx.ts';
import { parseDocument, UnreadableDocumentError } from '../../../parsers/index.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function para(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

function tc(text: string, props = ''): string {
  return `<w:tc><w:tcPr>${props}</w:tcPr>${para(text)}</w:tc>`;
}

function docx(body: string, core?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  };
  if (core) files['docProps/core.xml'] = strToU8(core);
  return zipSync(files);
}

async function rejectsWith(bytes: Uint8Array, code: string): Promise<void> {
  await assert.rejects(parseDocument(bytes), (error: unknown) => {
    assert.ok(error instanceof UnreadableDocumentError, String(error));
    assert.equal(error.code, code);
    return true;
  });
}

test('gridSpan, vMerge and gridBefore fill the grid with continuations', async () => {
  const table = `<w:tbl>
    <w:tr>${tc('三、本年度办理结果', '<w:vMerge w:val="restart"/>')}${tc('（一）予以公开', '<w:gridSpan w:val="2"/>')}${tc('5')}</w:tr>
    <w:tr>${tc('', '<w:vMerge/>')}${tc('（三）不予公开')}${tc('1.属于国家秘密')}${tc('')}</w:tr>
    <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('（七）总计', '<w:gridSpan w:val="2"/>')}${tc('7')}</w:tr>
  </w:tbl>`;
  const doc = await extractDocx(docx(para('标题') + table + para('规章\t0\t0\t0')));
  const grid = doc.rows.filter((r) => r.fromGrid);
  assert.equal(grid.length, 3);
  assert.deepEqual(grid.map((r) => r.cells.map((c) => (c.continuation ? '^' : c.text))), [
    ['三、本年度办理结果', '（一）予以公开', '^', '5'],
    ['^', '（三）不予公开', '1.属于国家秘密', ''],
    ['', '（七）总计', '^', '7'],
  ]);
  assert.deepEqual(grid[1].cells[0].prov, { table: 0, row: 0, col: 0 });
  assert.deepEqual(grid[0].cells[3].prov, { table: 0, row: 0, col: 3 });
  // Paragraphs come as text rows around the table, in reading order; tabs split cells.
  assert.deepEqual(doc.rows[0].cells.map((c) => c.text), ['标题']);
  assert.deepEqual(doc.rows.at(-1)!.cells.map((c) => c.text), ['规章', '0', '0', '0']);
  assert.equal(doc.text.split('\n')[1], '三、本年度办理结果\t（一）予以公开\t5');
});

test('a header split over lines in one cell is one label; core.xml gives title and dates', async () => {
  const cell = '<w:tc><w:p><w:r><w:t>社会公益</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>组织</w:t></w:r></w:p></w:tc>';
  const twoParagraphs = '<w:tc><w:p><w:r><w:t>法律服务</w:t></w:r></w:p><w:p><w:r><w:t>机构</w:t></w:r></w:p></w:tc>';
  const core = `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>某镇2023年政府信息公开工作年度报告</dc:title><dcterms:created>2024-01-20T08:00:00Z</dcterms:created></cp:coreProperties>`;
  const doc = await extractDocx(docx(`<w:tbl><w:tr>${cell}${twoParagraphs}</w:tr></w:tbl>`, core));
  assert.deepEqual(doc.rows[0].cells.map((c) => c.text), ['社会公益组织', '法律服务机构']);
  assert.equal(doc.containerTitle, '某镇2023年政府信息公开工作年度报告');
  assert.equal(doc.meta.CreationDate, '2024-01-20T08:00:00Z');
});

test('deleted revisions and field codes are not read as text', async () => {
  const body = '<w:p><w:r><w:t>共收到申请</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:ins><w:r><w:t>3</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p>';
  const doc = await extractDocx(docx(body));
  assert.equal(doc.text, '共收到申请3件');
  const alternate = '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:t>文本框</w:t></mc:Choice><mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>';
  assert.equal((await extractDocx(docx(alternate))).text, '文本框', 'alternate content is read once');
});

test('the fixture DOCX of seed 003 keeps the real figures in the right cells', async () => {
  const doc = await extractDocx(readFileSync(join(FIXTURES_DIR, 'seeds', '003_d677def7845cc038.docx')));
  const row = doc.rows.find((r) => r.fromGrid && r.cells.some((c) => c.text === '6.属于四类过程性信息'))!;
  assert.deepEqual(row.cells.filter((c) => !c.continuation).slice(-7).map((c) => c.text), ['1', '0', '0', '0', '0', '0', '1']);
  assert.ok(row.cells[0].continuation, 'the rowspan label 三、本年度办理结果 covers this row');
});

test('a ZIP without word/document.xml is not a DOCX', async () => {
  await rejectsWith(zipSync({ 'word/other.xml': strToU8('<x/>'), 'content.xml': strToU8('word/document.xml') }), 'not_docx');
  await assert.rejects(extractDocx(zipSync({ 'a.txt': strToU8('x') })), { code: 'not_docx' });
});

test('a truncated DOCX is refused as damaged', async () => {
  const bytes = readFileSync(join(FIXTURES_DIR, 'seeds', '001_46e25f98fd9935f9.docx'));
  await rejectsWith(bytes.subarray(0, bytes.length - 200), 'docx_damaged');
});

test('a document.xml without a body is refused', async () => {
  const bytes = zipSync({ 'word/document.xml': strToU8(`<w:document ${W}></w:document>`) });
  await rejectsWith(bytes, 'docx_no_body');
});
