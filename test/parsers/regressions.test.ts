// Every regression fixture (test/fixtures/regressions, see its README: one real failure each,
// reproduced with a seed) parses to its expected answer — fields, organ, year, template, and the
// sections, date and checks it names — and the mechanisms behind them say what they did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseDocument, parseDocumentSafely, type ParseResult } from '../../parsers/index.ts';
import { assertMatchesExpected, type Expected } from '../helpers/expected.ts';
import { FIXTURES_DIR } from '../helpers/paths.ts';

const DIR = join(FIXTURES_DIR, 'regressions');
type FixtureExpected = Expected & { checks?: { rule: string; ok: boolean; blame?: string }[] };

const parsed = new Map<string, ParseResult>();
async function parse(file: string): Promise<ParseResult> {
  if (!parsed.has(file)) parsed.set(file, await parseDocument(readFileSync(join(DIR, file))));
  return parsed.get(file)!;
}

const files = readdirSync(DIR).filter((f) => !f.endsWith('.json') && !f.endsWith('.md'));

test('there is a fixture for every failure kind, each with its expected answer', () => {
  assert.ok(files.length >= 20, `${files.length} fixtures`);
  for (const file of files) readFileSync(join(DIR, `${file.replace(/\.[^.]+$/, '')}.expected.json`));
});

for (const file of files) {
  test(`regression fixture ${file} parses to its expected answer`, async () => {
    const expected = JSON.parse(readFileSync(join(DIR, `${file.replace(/\.[^.]+$/, '')}.expected.json`), 'utf8')) as FixtureExpected;
    const result = await parse(file);
    assertMatchesExpected(result, expected, file);
    for (const want of expected.checks ?? []) {
      const check = result.checks.find((c) => c.rule === want.rule);
      assert.ok(check, `${file}: check ${want.rule} missing`);
      assert.equal(check.ok, want.ok, `${file}: ${want.rule}: ${check.detail}`);
      if (want.blame) assert.equal(check.blame, want.blame, `${file}: ${want.rule} blame`);
    }
  });
}

test('a 元 figure under 采购总金额（元） is converted, and its cell says which unit it was read in', async () => {
  const result = await parse('unit-yuan-in-column-header.html');
  assert.equal(result.fields['active.procurement.amount'], 881.0055);
  assert.equal(result.cells['active.procurement.amount'].raw, '8810055');
  assert.equal(result.cells['active.procurement.amount'].source?.unit, '元');
  assert.equal(result.cells['active.procurement.amount'].source?.unitFrom, 'header');
  const note = await parse('unit-yuan-table-note.html');
  assert.equal(note.cells['active.fees.amount'].source?.unitFrom, 'table note');
  // The same 8810055 with no unit printed anywhere is a doubt, never confidence 1.
  const html = readFileSync(join(DIR, 'unit-yuan-in-column-header.html'), 'utf8').replace('采购总金额（元）', '采购总金额');
  const undeclared = await parseDocument(Buffer.from(html));
  assert.equal(undeclared.cells['active.procurement.amount'].source?.unitFrom, 'template');
  assert.ok(undeclared.confidence < 1);
  assert.match(undeclared.checks.find((c) => c.rule === 'parse.cells')!.detail, /implausibly large/);
});

test('rows the source leaves out are its omission; a row printed but unread stays a parse doubt', async () => {
  const omitted = await parse('rows-omitted-rules.html');
  assert.match(omitted.checks.find((c) => c.rule === 'source.rows_missing')!.detail, /规章/);
  assert.equal(omitted.confidence > 0.9, true);
  const merged = await parse('rows-merged-other-processing.html');
  assert.ok(merged.extraRows?.some((r) => r.standsFor?.includes('other_no_correction')));
  // 规章 printed with its cells cut off: the label was found, so the parse is blamed.
  const html = readFileSync(join(DIR, 'rows-omitted-rules.html'), 'utf8').replace('<tr><td valign="center"', '<tr><td>规章</td></tr><tr><td valign="center"');
  const unread = await parseDocument(Buffer.from(html));
  assert.equal(unread.checks.find((c) => c.rule === 'source.rows_missing'), undefined);
  assert.equal(unread.checks.find((c) => c.rule === 'parse.cells')?.blame, 'parse');
});

test('tables and rows with no canonical keys are kept, without a doubt', async () => {
  const fee = await parse('extra-table-fee-income.html');
  assert.deepEqual(fee.extraTables?.[0].rows[1], ['信息处理费', '0', '0']);
  const row = await parse('extra-row-other-active-files.html');
  assert.ok(row.extraRows?.some((r) => r.label.startsWith('其他主动公开文件') && r.cells.join(',').startsWith('12,12,86')));
});

test('blank cells standing for zeros stay null, and the checks say they would hold as zeros', async () => {
  const result = await parse('blank-cells-for-zero.html');
  assert.match(result.checks.find((c) => c.rule === 'apps.balance')!.detail, /if the blank cells stand for zeros: 7 hold/);
});

test('dates: a regenerated UCAP PubDate loses to the date the page shows; the source is named', async () => {
  const ucap = await parse('date-ucap-regenerated-pubdate.html');
  assert.equal(ucap.publishedDate, '2022-01-19');
  assert.equal(ucap.publishedDateSource, 'page: 生成日期');
  assert.equal((await parse('date-iso-label-split-spans.html')).publishedDateSource, 'page: 发布时间');
});

test('a Traditional-script copy is read, and says so', async () => {
  const result = await parse('traditional-script.html');
  assert.ok(result.warnings.some((w) => /Traditional script/.test(w)));
});

test('spreadsheets are read as tables; an OFD is refused with a coded reason', async () => {
  assert.equal((await parse('report-saved-as-excel97-sheet.xls')).format, 'sheet');
  assert.equal((await parse('report-saved-as-xlsx-sheet.xlsx')).format, 'sheet');
  const ofd = zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD" Version="1.0"/>'), 'Doc_0/Document.xml': strToU8('<ofd:Document/>') });
  const result = await parseDocumentSafely(ofd);
  assert.match(result.reason ?? '', /^unsupported_format: OFD/);
});
