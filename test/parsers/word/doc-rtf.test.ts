// RTF (often served under a .doc name): the LibreOffice RTF of two seeds gives the same grids and
// text as their DOCX and maps to the expected answers; escapes, GBK bytes and skipped groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { extractRtf } from '../../../parsers/word/rtf.ts';
import { detectFormat, isRtf } from '../../../parsers/document/detect-format.ts';
import { extractDocx } from '../../../parsers/word/docx.ts';
import { buildReport } from '../../../parsers/report/build-report.ts';
import { UnreadableDocumentError, parseDocument } from '../../../parsers/index.ts';
import type { ExtractedDocument } from '../../../parsers/document/types.ts';
import { EXPECTED_DIR, assertMatchesExpected, loadExpected, wrongFields } from '../../helpers/expected.ts';
import { FIXTURES_DIR } from '../../helpers/paths.ts';

const FIXTURES = join(FIXTURES_DIR, 'seeds');

function gridSignature(doc: ExtractedDocument): string[] {
  return doc.rows.filter((r) => r.fromGrid)
    .map((r) => r.cells.map((c) => `${c.continuation ? '^' : ''}${c.text}@${c.prov.table}:${c.prov.row}`).join(' | '));
}

for (const name of ['002_03ef826aa882f677', '003_d677def7845cc038']) {
  test(`seed ${name} as RTF: same grids and text as its DOCX, and the expected answer`, async () => {
    const bytes = readFileSync(join(FIXTURES, `${name}.rtf`));
    assert.ok(isRtf(bytes));
    const rtf = await extractRtf(bytes);
    const docx = await extractDocx(readFileSync(join(FIXTURES, `${name}.docx`)));
    assert.ok(gridSignature(rtf).length >= 40);
    assert.deepEqual(gridSignature(rtf), gridSignature(docx));
    assert.equal(rtf.text, docx.text);
    const expected = loadExpected(join(EXPECTED_DIR, `${name}.json`));
    const result = buildReport(rtf);
    assertMatchesExpected(result, expected);
  });
}

test('RTF escapes: \\uN with its fallback skipped, GBK hex bytes, skipped destinations and field instructions', async () => {
  const gbk = [...iconv.encode('年度报告', 'gbk')].map((b) => `\\'${b.toString(16)}`).join('');
  const source = `{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}{\\info{\\title 标题}}`
    + `{\\*\\generator x;}\\pard \\u24037?\\u20316? ${gbk}\\par `
    + `{\\field{\\*\\fldinst HYPERLINK "http://x"}{\\fldrslt 链接}}\\par `
    + `\\trowd\\cellx1000\\clvmgf\\cellx2000\\pard\\intbl A\\cell 1\\cell\\row `
    + `\\trowd\\cellx1000\\clvmrg\\cellx2000\\pard\\intbl B\\cell\\cell\\row\\pard 完\\par}`;
  // Raw (unescaped) Chinese characters are GBK bytes, as Word writes them under \ansicpg936.
  const doc = await extractRtf(iconv.encode(source, 'gbk'));
  assert.equal(doc.text, '工作 年度报告\n链接\nA\t1\nB\n完');
  const grid = doc.rows.filter((r) => r.fromGrid);
  assert.deepEqual(grid.map((r) => r.cells.map((c) => [c.text, c.continuation ?? false])), [
    [['A', false], ['1', false]],
    [['B', false], ['', true]],
  ]);
  assert.equal(grid[1].cells[1].prov.row, 0, 'the merged cell points at the row it starts in');
});

test('bytes that are not RTF are refused', async () => {
  await assert.rejects(extractRtf(Buffer.from('plain text')), (e: unknown) => e instanceof UnreadableDocumentError && e.code === 'not_rtf');
});

test('an RTF file named .doc is detected from its bytes and parsed end to end', async () => {
  const bytes = readFileSync(join(FIXTURES, '002_03ef826aa882f677.rtf'));
  assert.equal(detectFormat(bytes), 'rtf');
  const result = await parseDocument(bytes, { fileName: 'report.doc' });
  const expected = loadExpected(join(EXPECTED_DIR, '002_03ef826aa882f677.json'));
  assert.equal(result.year, expected.year);
  assert.deepEqual(wrongFields(result, expected), []);
});
